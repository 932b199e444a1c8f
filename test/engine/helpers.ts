// Shared by the engine tests: a real engine on a fresh temporary folder, a settable
// clock, and small readers of the rows a write leaves behind.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Engine as CoreEngine, InvokeMeta } from '../../src/main/engine/engine'
import type { Result } from '../../src/shared/contract/result'
import { openLmsEngine, type LmsEngine as Engine } from '../../src/main/host/open-engine'
import type { OpInput, OpName } from '../../src/shared/operations/index'
import { asyncTestClient, testClient, type AsyncTestClient, type TestClient } from '../support/client'

export { err, ok } from '../support/client'

export interface TestClock {
  (): Date
  set(iso: string): void
  advance(ms: number): void
}

/**
 * A mocked clock: tests that look at timestamps (created_at order, change record times,
 * "x days ago" text) inject it instead of reading the machine's time.
 */
export function fakeClock(startIso = '2024-05-01T10:00:00.000Z'): TestClock {
  let now = new Date(startIso).getTime()
  const clock = (() => new Date(now)) as TestClock
  clock.set = (iso) => {
    now = new Date(iso).getTime()
  }
  clock.advance = (ms) => {
    now += ms
  }
  return clock
}

export function tempDir(prefix = 'lms-engine-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true })
}

/** The typed client of an engine in this process: `call` answers now, `async.call` for operations that answer later (sync.now, import, PDFs). */
export interface EngineClient extends TestClient {
  readonly async: AsyncTestClient
}

/** `meta`: sent with every call (an Idempotency-Key, a call that came over HTTP). */
export function clientOf(engine: CoreEngine, meta?: InvokeMeta): EngineClient {
  return Object.assign(
    testClient((name, input) => engine.invoke(name, input, meta)),
    { async: asyncTestClient((name, input) => engine.invokeAsync(name, input, meta)) },
  )
}

/** The typed client of an engine in its worker thread (EngineHost): every answer comes later. */
export function hostClient(host: { invoke(name: string, input: unknown): Promise<Result<unknown>> }): AsyncTestClient {
  return asyncTestClient((name, input) => host.invoke(name, input))
}

/** One call of an `invokeGroup` batch (the engine's group commit), its input checked against its name. */
export type GroupCall = { [N in OpName]: { name: N; input: OpInput<N>; meta?: InvokeMeta } }[OpName]

export interface OpenedTestEngine extends EngineClient {
  engine: Engine
  dir: string
  clock: TestClock
  logs: string[]
  /** Closes the engine and removes its folder. */
  dispose(): void
}

export async function openTestEngine(options: { demo?: boolean; clock?: TestClock } = {}): Promise<OpenedTestEngine> {
  const dir = tempDir()
  const clock = options.clock ?? fakeClock()
  const logs: string[] = []
  const engine = await openLmsEngine({ dataDir: dir, demo: options.demo ?? false, clock, log: (line) => logs.push(line) })
  return {
    ...clientOf(engine),
    engine,
    dir,
    clock,
    logs,
    dispose() {
      engine.close()
      removeDir(dir)
    },
  }
}

export interface ChangeRow {
  id: number
  operation: string
  entity: string
  local_id: number | null
  input: any
  state: string
  created_at: string
}

export function changeRecords(engine: Engine): ChangeRow[] {
  return (engine.sql.raw.prepare('SELECT * FROM change_records ORDER BY id').all() as any[]).map((r) => ({
    ...r,
    input: JSON.parse(r.input),
  }))
}

export function count(engine: Engine, table: string, where = '1 = 1', ...params: unknown[]): number {
  return (engine.sql.raw.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n
}

export function rows<T = any>(engine: Engine, query: string, ...params: unknown[]): T[] {
  return engine.sql.raw.prepare(query).all(...params) as T[]
}

let emailCounter = 0
/** A unique plausible address per call (the documented examples' emails are mangled). */
export function uniqueEmail(name = 'learner'): string {
  emailCounter += 1
  return `${name}.${process.pid}.${emailCounter}@example.org`
}

export const validUser = (overrides: Partial<OpInput<'users.create'>> = {}): OpInput<'users.create'> => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: uniqueEmail('ada'),
  password: 'correct horse battery',
  password_confirmation: 'correct horse battery',
  ...overrides,
})

export const validCourse = (overrides: Partial<OpInput<'courses.create'>> = {}): OpInput<'courses.create'> => ({
  name: 'Fire Safety',
  slug: 'fire-safety',
  status: 'publish',
  gradingRule: 'no_grading',
  durationRule: 'unlimited',
  ...overrides,
})

/**
 * A module in the library. Text and video modules have no documented create operation
 * (they arrive from the hosted LMS), so the fixture writes the row directly.
 */
export function libraryModule(engine: Engine, name: string, type = 'text'): number {
  const at = '2024-01-01T00:00:00.000Z'
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  return Number(
    engine.sql.raw
      .prepare('INSERT INTO modules (name, slug, type, icon, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(name, slug, type, '<i class="el-icon-tickets"></i>', at, at).lastInsertRowid,
  )
}

/**
 * users.tabularList's sort keys and the users column each orders by, written here apart
 * from the engine's allow-list: the tests' SQL oracles order by these.
 */
export const USER_SORT_COLUMNS = {
  id: 'id',
  first_name: 'first_name_key',
  last_name: 'last_name_key',
  email: 'email_key',
  user_type: 'user_type',
  created_at: 'created_at',
  last_login: 'last_login_at',
} as const
