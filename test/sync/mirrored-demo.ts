// A laptop and a stand-in hosted LMS that start from the same demo world: the demo is
// seeded once, its folder copied for the laptop (same ids on both sides), and the laptop's
// id map filled with identity rows, as a first pull would leave it. Grading work queued on
// the laptop (evaluations of submitted rows) then has server ids to go to.
// No vitest imports: the push benchmark (bench/sync.bench.ts) uses it too.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openLmsEngine, type LmsEngine as Engine } from '../../src/main/host/open-engine'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface StandIn {
  url: string
  port: number
  /** The child's process id (benchmarks read its CPU time). */
  pid: number
  stop(): Promise<void>
}

/** `serve --hosted` (the strict stand-in) on an existing data folder, as a child process on a free loopback port. */
/** Node options for the stand-in's process, from LMS_STAND_IN_NODE_ARGS (to profile it in a benchmark: `--cpu-prof --cpu-prof-dir=/tmp/p`). */
function standInNodeArgs(): string[] {
  return (process.env.LMS_STAND_IN_NODE_ARGS ?? '').split(' ').filter(Boolean)
}

export async function serveFolder(dataDir: string, token: string): Promise<StandIn> {
  const child = spawn(process.execPath, [...standInNodeArgs(), '--import', 'tsx', path.join(repoRoot, 'src/main/server/cli.ts'), '--port', '0', '--data', dataDir, '--token', token, '--hosted'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c
      const match = /LMS server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (match) resolve(match[1])
    })
    void exited.then(() => reject(new Error(`serve exited before listening:\n${out}`)))
  })
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

export interface MirroredDemo {
  serverDir: string
  laptopDir: string
  server: StandIn
  /** Stops the stand-in and removes both folders (close the laptop engine first). */
  dispose(): Promise<void>
}

/**
 * `seed` replaces the demo world with its own (written into an empty engine before the
 * copy): what it writes must count as synced already, its change records 'done'.
 */
export async function mirroredDemo(token: string, options: { seed?: (engine: Engine) => void } = {}): Promise<MirroredDemo> {
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-mirror-server-'))
  const laptopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-mirror-laptop-'))
  const seeded = await openLmsEngine({ dataDir: serverDir, demo: !options.seed, log: () => undefined })
  options.seed?.(seeded)
  seeded.close()
  fs.cpSync(serverDir, laptopDir, { recursive: true })
  const server = await serveFolder(serverDir, token)
  return {
    serverDir,
    laptopDir,
    server,
    async dispose() {
      await server.stop()
      fs.rmSync(serverDir, { recursive: true, force: true })
      fs.rmSync(laptopDir, { recursive: true, force: true })
    },
  }
}

/** Identity id map for everything the copy holds: the same ids on both sides. */
export function mapIdentically(engine: Engine): void {
  const raw = engine.sql.raw
  raw.transaction(() => {
    for (const [entity, table] of [
      ['user', 'users'],
      ['course', 'courses'],
      ['enrollment', 'enrollments'],
      ['module', 'modules'],
      ['module_status', 'module_status'],
    ]) {
      raw.prepare(`INSERT OR IGNORE INTO id_map (entity, local_id, server_id) SELECT ?, id, id FROM ${table}`).run(entity)
    }
  })()
}

/** Status rows with work submitted to an assignment: what can be evaluated. */
export function gradableRows(engine: Engine): { id: number; totalPoints: number }[] {
  return (
    engine.sql.raw
      .prepare(
        `SELECT ms.id AS id, m.total_points AS totalPoints FROM module_status ms JOIN modules m ON m.id = ms.module_id
         WHERE ms.submission_count > 0 AND m.type = 'assignment' ORDER BY ms.id`,
      )
      .all() as { id: number; totalPoints: number }[]
  )
}
