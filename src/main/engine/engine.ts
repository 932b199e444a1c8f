// The local LMS engine: pure Node, no Electron. Opens the data folder, validates every
// call against its declared schema, runs writes in one transaction with their change
// records, and answers with a result envelope. Nothing a caller sends can throw out.
import type { EngineEvent } from '../../shared/contract/bridge'
import type { Operation } from '../../shared/contract/operation'
import type { ErrorPayload, Result } from '../../shared/contract/result'
import { operationsByName } from '../../shared/operations/index'
import { createContext, type Actor } from './context'
import { openDatabase } from './db/open'
import { Sql } from './db/sql'
import { appHandlers } from './domains/app/handlers'
import { auditHandlers } from './domains/audit/handlers'
import { certificateHandlers } from './domains/certificates/handlers'
import { attendanceHandlers } from './domains/classes/attendance'
import { classHandlers } from './domains/classes/handlers'
import { courseHandlers } from './domains/courses/handlers'
import { userHandlers } from './domains/users/handlers'
import { userNameOf } from './domains/users/queries'
import { assignmentHandlers } from './domains/assignments/handlers'
import { discussionHandlers } from './domains/discussions/handlers'
import { gradingHandlers } from './domains/grading/handlers'
import { importHandlers } from './domains/import/handlers'
import { progressHandlers } from './domains/progress/handlers'
import { seedDemoWorld } from './demo/seed'
import { LmsError, validationError } from './errors'
import { joinHandlers } from './handlers'
import { withIdempotencyKey } from './idempotency'
import { syncHandlers } from './domains/sync/handlers'
import { announcementHandlers } from './domains/announcements/handlers'
import { badgeHandlers } from './domains/badges/handlers'
import { categoryHandlers } from './domains/categories/handlers'
import { couponHandlers } from './domains/coupons/handlers'
import { accredibleHandlers } from './domains/accredible/handlers'
import { twoFactorHandlers } from './domains/two-factor/handlers'
import { userFieldHandlers } from './domains/user-fields/handlers'
import { userAddressHandlers } from './domains/user-addresses/handlers'
import { userReportHandlers } from './domains/user-reports/handlers'
import { userAccountHandlers } from './domains/user-account/handlers'
import { courseAdminHandlers } from './domains/course-admin/handlers'
import { courseReportHandlers } from './domains/course-reports/handlers'
import { SyncService, type SyncServiceOptions } from '../sync/sync-service'
import { FileSecretStore, type SecretStore } from '../sync/secret-store'
import { readMeta, writeMeta } from './meta'
import type { EngineContext } from './context'

export type { EngineEvent }

export interface InvokeMeta {
  idempotencyKey?: string
}

export interface EngineOptions {
  dataDir: string
  /** Seed the demo world into an empty folder; refuses a folder holding a real site's data. */
  demo?: boolean
  /** Injectable for tests; the engine never orders sync by it. */
  clock?: () => Date
  log?: (line: string) => void
  /** Where the hosted LMS token is kept; a 0600 file in the data folder unless the host keeps it. */
  secrets?: SecretStore
  /** For sync tests: a fetch that goes through a fault-injecting proxy, a fixed random source, no timer. */
  sync?: Pick<SyncServiceOptions, 'fetchImpl' | 'random' | 'intervalMs' | 'timeoutMs' | 'pullPageSize' | 'pull'>
}

const handlerTable = joinHandlers(operationsByName.keys(), [
  userHandlers,
  courseHandlers,
  progressHandlers,
  assignmentHandlers,
  discussionHandlers,
  gradingHandlers,
  auditHandlers,
  appHandlers,
  syncHandlers,
  importHandlers,
  classHandlers,
  attendanceHandlers,
  announcementHandlers,
  badgeHandlers,
  categoryHandlers,
  couponHandlers,
  accredibleHandlers,
  twoFactorHandlers,
  userFieldHandlers,
  userAddressHandlers,
  userReportHandlers,
  userAccountHandlers,
  courseAdminHandlers,
  courseReportHandlers,
  certificateHandlers,
])

export class Engine {
  private readonly listeners = new Set<(event: EngineEvent) => void>()
  private readonly clock: () => Date
  private readonly log: (line: string) => void
  private closed = false
  readonly sync: SyncService
  private syncSoon: NodeJS.Timeout | null = null
  private changesSoon: NodeJS.Immediate | null = null

  private constructor(
    readonly sql: Sql,
    readonly dataDir: string,
    readonly schemaVersion: number,
    options: EngineOptions,
  ) {
    this.clock = options.clock ?? (() => new Date())
    this.log = options.log ?? ((line) => console.error(line))
    this.sync = new SyncService({
      sql,
      clock: this.clock,
      secrets: options.secrets ?? new FileSecretStore(dataDir),
      log: this.log,
      onStatus: () => this.emit({ type: 'sync' }),
      ...options.sync,
    })
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const opened = await openDatabase(options.dataDir)
    const engine = new Engine(new Sql(opened.raw), options.dataDir, opened.schemaVersion, options)
    try {
      engine.prepareProfile(Boolean(options.demo))
    } catch (error) {
      opened.raw.close()
      throw error
    }
    return engine
  }

  private prepareProfile(demo: boolean): void {
    const profile = readMeta(this.sql, 'profile')
    const empty = !this.sql.first(this.sql.qb.selectFrom('users').select('id').limit(1))
    if (demo && profile === 'site') {
      throw new Error('This data folder holds a real site\'s data; the demo world is only seeded into a separate, empty folder.')
    }
    this.sql.transaction(() => {
      if (demo && !profile && empty) {
        seedDemoWorld(this.sql, this.clock(), this.dataDir)
        writeMeta(this.sql, 'profile', 'demo')
        writeMeta(this.sql, 'actor_user_id', '1')
      } else if (!profile) {
        writeMeta(this.sql, 'profile', demo ? 'demo' : 'site')
      }
      writeMeta(this.sql, 'schema_version', String(this.schemaVersion))
    })
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The acting user: who audit entries name as performer. */
  private actor(): Actor | null {
    const id = Number(readMeta(this.sql, 'actor_user_id'))
    if (!Number.isInteger(id) || id <= 0) return null
    const user = this.sql.first(userNameOf(id))
    return user ? { id, name: `${user.first_name} ${user.last_name}`.trim() } : null
  }

  /** `meta.idempotencyKey`: the Idempotency-Key header of an HTTP write (see idempotency.ts). */
  invoke(name: string, input: unknown, meta: InvokeMeta = {}): Result<unknown> {
    const result = this.run(name, input, meta)
    if (result instanceof Promise) {
      void result.catch(() => undefined)
      return failure({ code: 'bad_request', status: 400, message: `${name} answers asynchronously; call it with invokeAsync.` })
    }
    return result
  }

  /** Every operation, including those that answer later (sync.now). The worker calls this. */
  invokeAsync(name: string, input: unknown, meta: InvokeMeta = {}): Promise<Result<unknown>> {
    return Promise.resolve(this.run(name, input, meta))
  }

  /**
   * Calls that arrived together (the worker's queue while it was busy), in one SQLite
   * transaction: each write still runs in its own savepoint, so a refused one changes
   * nothing, but the group pays one commit and one fsync instead of one each. Answers are
   * handed out only after that commit, so none reports a write a crash could still undo;
   * if the commit itself fails, every call of the group is answered with the failure.
   */
  invokeGroup(calls: readonly { name: string; input: unknown; meta?: InvokeMeta }[]): Promise<Result<unknown>>[] {
    if (calls.length <= 1) return calls.map((c) => this.invokeAsync(c.name, c.input, c.meta))
    let answers: (Result<unknown> | Promise<Result<unknown>>)[]
    try {
      answers = this.sql.transaction(() => calls.map((c) => this.run(c.name, c.input, c.meta ?? {})))
    } catch (error) {
      const failed = this.failureOf(`a group of ${calls.length} calls`, error)
      return calls.map(() => Promise.resolve(failed))
    }
    return answers.map((a) => Promise.resolve(a))
  }

  private run(name: string, input: unknown, meta: InvokeMeta): Result<unknown> | Promise<Result<unknown>> {
    if (this.closed) return failure({ code: 'unavailable', status: 503, message: 'The engine is closed.' })
    const operation = operationsByName.get(name) as Operation | undefined
    const handler = handlerTable.get(name)
    if (!operation || !handler) return failure({ code: 'not_found', status: 404, message: `Unknown operation "${String(name).slice(0, 100)}".` })
    const parsed = operation.input.safeParse(input ?? {})
    if (!parsed.success) return failure(validationError(parsed.error, input).toPayload())
    let recorded = 0
    const ctx: EngineContext = createContext(
      { sql: this.sql, sync: this.sync, dataDir: this.dataDir, clock: this.clock, actor: () => this.actor(), onChangeRecorded: () => void recorded++, emit: (event) => this.emit(event) },
      operation,
    )
    try {
      const key = meta.idempotencyKey
      const value =
        operation.kind !== 'write'
          ? handler(ctx, parsed.data)
          : this.sql.transaction(() =>
              key ? withIdempotencyKey(this.sql, key, name, parsed.data, this.clock(), () => handler(ctx, parsed.data)) : handler(ctx, parsed.data),
            )
      if (recorded > 0) this.changesRecorded()
      // sync.now answers when its run ends; it is a read of the engine's rows, never inside a transaction.
      if (value instanceof Promise) {
        // An import commits batch by batch before it answers: its change records count once it is done.
        const settled = () => {
          if (recorded > 0) this.changesRecorded()
        }
        return value.then(
          (v: unknown) => (settled(), { ok: true as const, value: v }),
          (error: unknown) => (settled(), this.failureOf(name, error)),
        )
      }
      return { ok: true, value }
    } catch (error) {
      return this.failureOf(name, error)
    }
  }

  private failureOf(name: string, error: unknown): Result<never> {
    if (error instanceof LmsError) {
      // An answer that explains a fault (an import stopped by the disk) still logs the fault.
      if (error.cause !== undefined && !(error.cause instanceof LmsError)) this.log(`[engine] ${name}: ${error.message} ${error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : String(error.cause)}`)
      return failure(error.toPayload())
    }
    // Inputs can carry passwords: log the operation and the error, never the input.
    this.log(`[engine] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return failure({ code: 'internal', status: 500, message: 'The operation failed inside the engine; nothing was saved.' })
  }

  /**
   * One 'changes' event per turn of the event loop, however many writes recorded changes
   * in it (a group of calls, an import): the count it carries is a query over the queue.
   */
  private changesRecorded(): void {
    this.scheduleSync()
    if (this.changesSoon || this.closed) return
    this.changesSoon = setImmediate(() => {
      this.changesSoon = null
      if (!this.closed) this.emit({ type: 'changes', pendingChanges: this.pendingChanges() })
    })
  }

  /** A burst of local writes (grading a pile) becomes one sync run a moment later. */
  private scheduleSync(): void {
    if (this.syncSoon || this.closed) return
    this.syncSoon = setTimeout(() => {
      this.syncSoon = null
      if (!this.closed) this.sync.trigger()
    }, 1500)
    this.syncSoon.unref()
  }

  pendingChanges(): number {
    const row = this.sql.first(
      this.sql.qb
        .selectFrom('change_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', 'in', ['pending', 'sending', 'parked']),
    )
    return Number(row?.n ?? 0)
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        this.log(`[engine] event listener failed: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.sync.stop()
    if (this.syncSoon) clearTimeout(this.syncSoon)
    if (this.changesSoon) clearImmediate(this.changesSoon)
    this.sql.raw.close()
  }
}

function failure(error: ErrorPayload): Result<never> {
  return { ok: false, error }
}
