// Shared by the sync scenarios: the strict stand-in hosted LMS (`serve --hosted`, a real
// engine over HTTP on 127.0.0.1 answering only as the reference documents) behind the
// fault proxy, laptop engines opened on a data folder with the sync knobs tests need, and
// readers of the stand-in through its documented routes.
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, expect } from 'vitest'
import { openLmsEngine, type LmsEngine as Engine } from '../../src/main/host/open-engine'
import type { OpInput } from '../../src/shared/operations/index'
import type { ParkedRecord, SyncStatus, SyncSummary } from '../../src/shared/operations/sync'
import { clientOf, fakeClock, removeDir, tempDir, type EngineClient, type TestClock } from '../engine/helpers'
import { request, startServer, type RunningServer } from '../http/server'
import { startFaultProxy, type FaultProxy } from './fault-proxy'

export const TOKEN = 'hosted-token-123'
const auth = { Authorization: `Bearer ${TOKEN}` }

export interface Hosted {
  server: RunningServer
  proxy: FaultProxy
  stop(): Promise<void>
}

/** The strict stand-in (`serve --hosted`), with these variants when `hosted` is a list. Every sync test runs against it. */
export async function startHosted(
  options: { demo?: boolean; stripIdempotencyKey?: boolean; dataDir?: string; hosted?: true | readonly ('string-ids' | 'nulls')[] } = {},
): Promise<Hosted> {
  const server = await startServer({ demo: options.demo ?? false, token: TOKEN, hosted: options.hosted ?? true, dataDir: options.dataDir })
  const proxy = await startFaultProxy(server.port, { stripIdempotencyKey: options.stripIdempotencyKey })
  return {
    server,
    proxy,
    async stop() {
      await proxy.stop()
      await server.stop()
    },
  }
}

/** The strict stand-in of one test file: started before its tests, stopped after them with every laptop they opened. */
export interface StandIn {
  readonly hosted: Hosted
  /** Laptops disposed after the file's tests. */
  readonly laptops: Laptop[]
  /** A laptop pointed at the stand-in through the proxy, its fault rules cleared. */
  laptop(options?: LaptopOptions): Promise<Laptop>
}

export function useStandIn(): StandIn {
  let hosted: Hosted | undefined
  const laptops: Laptop[] = []
  beforeAll(async () => {
    hosted = await startHosted()
  })
  afterAll(async () => {
    for (const laptop of laptops) laptop.dispose()
    await hosted?.stop()
  })
  const running = () => {
    if (!hosted) throw new Error('The stand-in starts in beforeAll.')
    return hosted
  }
  return {
    get hosted() {
      return running()
    },
    laptops,
    async laptop(options = {}) {
      const opened = await openLaptop(options)
      laptops.push(opened)
      configure(opened, running())
      running().proxy.clearRules()
      return opened
    },
  }
}

/** A seeded random source (mulberry32), so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Laptop extends EngineClient {
  engine: Engine
  dir: string
  clock: TestClock | (() => Date)
  logs: string[]
  syncNow(): Promise<SyncSummary>
  status(): SyncStatus
  parked(): ParkedRecord[]
  /** Change records not done or discarded, oldest first. */
  queue(): QueueRow[]
  serverId(entity: string, localId: number): number | undefined
  /** Closes the engine; the folder stays (a restart opens it again). */
  close(): void
  /** Closes and removes the folder. */
  dispose(): void
}

export interface QueueRow {
  id: number
  operation: string
  entity: string
  local_id: number | null
  state: string
  attempts: number
  last_error: string | null
  next_attempt_at: string | null
  blocked_reason: string | null
  input: any
}

export interface LaptopOptions {
  dir?: string
  /** A fake clock (the default) or the machine's, for scheduler tests. */
  clock?: TestClock | (() => Date)
  random?: () => number
  timeoutMs?: number
  /** Leave automatic runs (after local writes, backoff wake-ups) on; off by default so tests decide when a drain runs. */
  autoSync?: boolean
  fetchImpl?: typeof fetch
  /**
   * Pull in sync.now too. Off by default: these are push tests, and a pull that adopts a
   * row by its natural key would settle an uncertain create before the push's own
   * reconcile is ever tried.
   */
  pull?: boolean
}

export async function openLaptop(options: LaptopOptions = {}): Promise<Laptop> {
  const dir = options.dir ?? tempDir('lms-laptop-')
  const clock = options.clock ?? fakeClock()
  const logs: string[] = []
  const engine = await openLmsEngine({
    dataDir: dir,
    clock,
    log: (line) => logs.push(line),
    sync: {
      intervalMs: 0,
      timeoutMs: options.timeoutMs ?? 2_000,
      random: options.random ?? seeded(1),
      fetchImpl: options.fetchImpl,
      pull: options.pull ?? false,
    },
  })
  if (!options.autoSync) engine.sync.stop()
  const client = clientOf(engine)
  const laptop: Laptop = {
    engine,
    dir,
    clock,
    logs,
    ...client,
    syncNow: () => client.async.call('sync.now'),
    status: () => client.call('sync.status'),
    parked: () => client.call('sync.parked'),
    queue: () =>
      (engine.sql.raw.prepare("SELECT * FROM change_records WHERE state NOT IN ('done', 'discarded') ORDER BY id").all() as any[]).map((r) => ({
        ...r,
        input: JSON.parse(r.input),
      })),
    serverId: (entity, localId) =>
      (engine.sql.raw.prepare('SELECT server_id FROM id_map WHERE entity = ? AND local_id = ?').get(entity, localId) as { server_id: number } | undefined)
        ?.server_id,
    close: () => engine.close(),
    dispose() {
      engine.close()
      removeDir(dir)
    },
  }
  return laptop
}

/** Points a laptop at the hosted LMS through the proxy. */
export function configure(laptop: Laptop, hosted: Hosted, token = TOKEN): void {
  laptop.call('sync.configure', { serverUrl: hosted.proxy.url, token })
}

/** Runs sync with faults off until the queue holds nothing sendable, advancing a fake clock past every backoff. */
export async function syncUntilSettled(laptop: Laptop, maxRuns = 10): Promise<SyncSummary[]> {
  const summaries: SyncSummary[] = []
  for (let i = 0; i < maxRuns; i++) {
    if ('advance' in laptop.clock) laptop.clock.advance(24 * 60 * 60_000)
    summaries.push(await laptop.syncNow())
    const s = laptop.status()
    if (s.pending + s.sending === 0) return summaries
  }
  return summaries
}

export function expectQueueEmpty(laptop: Laptop): void {
  const status = laptop.status()
  expect(laptop.queue(), 'unsent change records').toEqual([])
  expect(status).toMatchObject({ pending: 0, sending: 0, parked: 0, blocked: 0 })
}

// ---- the stand-in, read through its documented list routes (directly, not through the proxy)

async function get(hosted: Hosted, path: string): Promise<any> {
  const answer = await request(hosted.server, 'GET', path, { headers: auth })
  if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`)
  return answer.json
}

const q = (value: unknown) => encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))

export interface ServerUser {
  id: number
  first_name: string
  last_name: string
  email: string
}

/** Users whose name or email contains `text`, every page (users/tabularlist documents no such filter: it is applied here). */
export async function serverUsers(hosted: Hosted, text: string): Promise<ServerUser[]> {
  const out: ServerUser[] = []
  const wanted = text.toLowerCase()
  for (let page = 1; ; page++) {
    const body = await get(hosted, `/api/users/tabularlist?page_size=1000&page_number=${page}`)
    out.push(...(body.records as ServerUser[]).filter((u) => `${u.first_name} ${u.last_name} ${u.email}`.toLowerCase().includes(wanted)))
    if (body.records.length < 1000) return out
  }
}

export async function serverUsersByEmail(hosted: Hosted, email: string): Promise<ServerUser[]> {
  return (await serverUsers(hosted, email)).filter((u) => u.email.toLowerCase() === email.toLowerCase())
}

export async function serverUser(hosted: Hosted, id: number): Promise<{ id: number; firstName: string; lastName: string; email: string }> {
  return get(hosted, `/api/user/${id}`)
}

export interface ServerCourse {
  id: number
  name: string
  slug: string
  status: string
}

/** Courses whose name contains `text`, every page. */
export async function serverCourses(hosted: Hosted, text: string): Promise<ServerCourse[]> {
  const out: ServerCourse[] = []
  for (let page = 1; ; page++) {
    const body = await get(hosted, `/api/courses/tabularlist?page_size=1000&page_number=${page}&search_param=${q({ courseName: text })}`)
    out.push(...body.records)
    if (body.records.length < 1000) return out
  }
}

export async function serverEnrollments(hosted: Hosted, courseId: number): Promise<{ id: number; user_id: number; email: string }[]> {
  const out: { id: number; user_id: number; email: string }[] = []
  for (let page = 1; ; page++) {
    // group_id is required by the reference; the stand-in's engine does not filter by it.
    const body = await get(hosted, `/api/course/enrolled-students?course_id=${courseId}&group_id=1&page_size=1000&page_number=${page}`)
    out.push(...body.records)
    if (body.records.length < 1000) return out
  }
}

/** Creates a user on the stand-in directly (someone else's work on the hosted LMS). */
export async function createOnServer(hosted: Hosted, user: { firstName: string; lastName?: string; email: string }): Promise<number> {
  const answer = await request(hosted.server, 'POST', '/api/user/create', {
    headers: auth,
    body: { lastName: '', ...user, password: 'server side password', password_confirmation: 'server side password' },
  })
  if (answer.status !== 200) throw new Error(`create on server answered ${answer.status}: ${answer.text}`)
  return answer.json.id
}

export const newUser = (email: string, firstName = 'Lap'): OpInput<'users.create'> => ({
  firstName,
  lastName: 'Top',
  email,
  password: 'correct horse battery',
  password_confirmation: 'correct horse battery',
})

export const newCourse = (name: string, slug: string): OpInput<'courses.create'> => ({ name, slug, status: 'draft', gradingRule: 'no_grading', durationRule: 'unlimited' })

let unique = 0
/** A token unique to this process and call, for emails, names and slugs. */
export function uniqueToken(prefix = 't'): string {
  unique += 1
  return `${prefix}${process.pid}x${unique}`
}

/** One row of the stand-in's SQLite file (opened read only), for what no documented route shows: undefined when there is none. */
export function hostedRow<T>(hosted: Hosted, query: string, ...params: unknown[]): T | undefined {
  const db = new Database(path.join(hosted.server.dataDir, 'lms.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare(query).get(...params) as T | undefined
  } finally {
    db.close()
  }
}

/** The stand-in's stored password hash of a user, by email: undefined when there is no such user. */
export function hostedPasswordHash(hosted: Hosted, email: string): string | null | undefined {
  return hostedRow<{ password_hash: string | null }>(hosted, 'SELECT password_hash FROM users WHERE lower(email) = lower(?)', email)?.password_hash
}
