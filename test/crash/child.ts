// Child processes for the crash runs, and what a restart reads. A child is spawned "warm":
// it loads the engine's modules (most of a start-up) and waits for its arguments on stdin,
// so the next child loads while the previous one runs and is checked; it touches the data
// folder only once it has them.
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'
// tsx's own bundler (a dependency of the pinned tsx).
import { build } from 'esbuild'
import { repoRoot } from '../http/server'

/**
 * The child script bundled to one ESM file once, with packages left external (compiling
 * the engine again under `--import tsx` for each of a hundred restarts would dominate the
 * run). It goes under node_modules/.cache so that the packages resolve from the repository.
 */
export async function bundled(entry: string): Promise<string> {
  const outfile = path.join(repoRoot, 'node_modules/.cache/lms-crash', `${path.basename(entry, '.ts')}-${process.pid}.mjs`)
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', logLevel: 'error' })
  return outfile
}

/** In a child: its arguments, sent by the parent as one JSON line on stdin. */
export async function argumentsFromParent(): Promise<string[]> {
  process.stdout.write('loaded\n')
  let text = ''
  for await (const chunk of process.stdin) {
    text += String(chunk)
    if (text.includes('\n')) break
  }
  return JSON.parse(text.slice(0, text.indexOf('\n'))) as string[]
}

export interface ChildRun {
  /** SIGKILL when the kill came before the child finished on its own. */
  signal: NodeJS.Signals | null
  code: number | null
  stdout: string
  stderr: string
  /** Milliseconds from the start signal to the exit. */
  ranMs: number
}

export interface WarmChild {
  stdout(): string
  exited(): boolean
  /** Sends the arguments; SIGKILLs `killAfterMs` (null: never) after `startedWhen` resolves. */
  run(args: string[], startedWhen: (child: WarmChild) => Promise<void>, killAfterMs: number | null): Promise<ChildRun>
  /** SIGKILLs a child that was never run. */
  discard(): void
}

export function spawnWarm(script: string): WarmChild {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(process.execPath, [script], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  child.stdin.on('error', () => undefined)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const isDone = () => child.exitCode !== null || child.signalCode !== null
  const warm: WarmChild = {
    stdout: () => stdout,
    exited: isDone,
    async run(args, startedWhen, killAfterMs) {
      await lineSeen(warm, /^loaded$/m)
      child.stdin.end(`${JSON.stringify(args)}\n`)
      await startedWhen(warm)
      const started = Date.now()
      if (killAfterMs !== null && !isDone()) {
        const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
        void exited.then(() => clearTimeout(timer))
      }
      const { code, signal } = await exited
      return { code, signal, stdout, stderr, ranMs: Date.now() - started }
    },
    discard() {
      if (!isDone()) child.kill('SIGKILL')
    },
  }
  return warm
}

/** Resolves when the child's stdout has a line matching `pattern` (or it exits). */
export async function lineSeen(child: { stdout: () => string; exited: () => boolean }, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!pattern.test(child.stdout()) && !child.exited()) {
    if (Date.now() > deadline) throw new Error(`the child never printed ${pattern}`)
    await new Promise((r) => setTimeout(r, 2))
  }
}

export interface ChangeRecordRow {
  id: number
  operation: string
  local_id: number | null
  idempotency_key: string
  input: string
  state: string
}

/** `PRAGMA integrity_check` on a database handle: 'ok' when SQLite finds nothing wrong. */
export function integrity(raw: { pragma(source: string, options?: { simple?: boolean }): unknown }): unknown {
  return raw.pragma('integrity_check', { simple: true })
}
