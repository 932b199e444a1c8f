// The import boundaries of issue 17, as `npm run check:boundaries` checks them in CI: the
// project's own dependency-cruiser config run by its CLI, first on a small tree that breaks
// each rule once (and holds the imports the rules allow), then on the real src.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, tempDir } from '../engine/helpers'

const ROOT = path.resolve(__dirname, '../..')
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs')
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs')

interface Violation {
  rule: string
  from: string
  to: string
}

/** The violations the project's config finds in `paths`, run from `cwd` as the npm script runs it. */
function cruise(cwd: string, paths: string[]): Violation[] {
  const run = spawnSync(process.execPath, [CLI, ...paths, '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (!run.stdout) throw new Error(`dependency-cruiser gave no report (exit ${run.status}): ${run.stderr}`)
  const report = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } }
  return report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))
}

/** In a stable order; a cycle as its two ends in name order, whichever import the cruise met first. */
const sorted = (list: Violation[]) =>
  list
    .map((v) => (v.rule === 'no-circular' && v.from > v.to ? { ...v, from: v.to, to: v.from } : v))
    .sort((a, b) => `${a.rule} ${a.from} ${a.to}`.localeCompare(`${b.rule} ${b.from} ${b.to}`))

/** A tree of the project's shape; each file imports the files named after it. */
const FIXTURE: Record<string, string[]> = {
  // Breaches, one per rule.
  'src/renderer/src/page.ts': ['../../main/engine/errors'],
  'src/shared/format/names.ts': ['../../renderer/src/lib/format'],
  'src/main/engine/outbox.ts': ['../sync/push'],
  'src/main/engine/shell-dialog.ts': ['electron'],
  'src/main/engine/domains/users/handlers.ts': ['../courses/queries', './queries', '../courses/index'],
  'src/main/sync/pull.ts': ['../engine/domains/courses/queries'],
  'src/main/sync/conflicts.ts': ['./grade-conflicts'],
  'src/main/sync/grade-conflicts.ts': ['./conflicts'],
  // Allowed: shared code from the renderer, a domain's own files and its public module, the
  // handler registry registering a table, outside code through a public module.
  'src/renderer/src/lib/format.ts': ['../../../shared/operations/index'],
  'src/shared/operations/index.ts': [],
  'src/main/engine/errors.ts': [],
  'src/main/sync/push.ts': ['../engine/domains/users/index'],
  'src/main/engine/engine-handlers.ts': ['./domains/users/handlers', './domains/courses/index'],
  'src/main/engine/domains/users/queries.ts': [],
  'src/main/engine/domains/users/index.ts': ['./queries'],
  'src/main/engine/domains/courses/queries.ts': ['../users/index'],
  'src/main/engine/domains/courses/index.ts': ['./queries'],
}

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

function writeFixture(): string {
  const dir = tempDir('lms-boundaries-')
  dirs.push(dir)
  for (const [file, imports] of Object.entries(FIXTURE)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    const lines = imports.map((target, i) => `import * as m${i} from '${target}'\nvoid m${i}`)
    fs.writeFileSync(path.join(dir, file), `${lines.join('\n')}\nexport const here = 1\n`)
  }
  // Electron as an installed package, the way the real tree resolves it.
  fs.mkdirSync(path.join(dir, 'node_modules/electron'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'node_modules/electron/package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }))
  fs.writeFileSync(path.join(dir, 'node_modules/electron/index.js'), 'module.exports = {}\n')
  fs.writeFileSync(path.join(dir, 'tsconfig.node.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler' } }))
  return dir
}

describe('import boundaries', () => {
  it('reports each breach in a tree that breaks every rule, and none of the allowed imports', () => {
    const found = cruise(writeFixture(), ['src'])
    expect(sorted(found)).toEqual(
      sorted([
        { rule: 'renderer-imports-no-main', from: 'src/renderer/src/page.ts', to: 'src/main/engine/errors.ts' },
        { rule: 'shared-imports-no-runtime', from: 'src/shared/format/names.ts', to: 'src/renderer/src/lib/format.ts' },
        { rule: 'engine-imports-no-sync-server-electron', from: 'src/main/engine/outbox.ts', to: 'src/main/sync/push.ts' },
        { rule: 'engine-imports-no-sync-server-electron', from: 'src/main/engine/shell-dialog.ts', to: 'node_modules/electron/index.js' },
        { rule: 'domains-through-public-module', from: 'src/main/engine/domains/users/handlers.ts', to: 'src/main/engine/domains/courses/queries.ts' },
        { rule: 'outside-code-through-public-module', from: 'src/main/sync/pull.ts', to: 'src/main/engine/domains/courses/queries.ts' },
        // A cycle is reported once.
        { rule: 'no-circular', from: 'src/main/sync/conflicts.ts', to: 'src/main/sync/grade-conflicts.ts' },
      ]),
    )
  })

  it('finds no breach in the real src and migrations', () => {
    expect(cruise(ROOT, ['src', 'migrations'])).toEqual([])
  })
})
