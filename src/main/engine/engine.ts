// The local LMS engine: pure Node, no Electron. Opens the data folder, validates every
// call against its declared schema, runs writes in one transaction with their change
// records, and answers with a result envelope. Nothing a caller sends can throw out.
import type { EngineEvent } from '../../shared/contract/bridge'
import { writesData, type JobInput, type Operation, type OperationKind } from '../../shared/contract/operation'
import type { ErrorPayload, Result } from '../../shared/contract/result'
import { entitiesWritten, withImplied, type DataEntity } from '../../shared/operations/entities'
import { operationsByName } from '../../shared/operations/index'
import { createContext, type Actor, type HostedConnection } from './context'
import { openDatabase, type OpenedDatabase } from './db/open'
import type { BackupInfo } from './db/backup-info'
import { isCorruptionError } from './db/integrity'
import { DatabaseUpkeep } from './db/upkeep'
import { LogLimiter } from './log-limiter'
import { storageFailure, storageMessage, storageProblemOf } from './storage-errors'
import { Sql } from './db/sql'
import { appHandlers } from './domains/app/handlers'
import { auditHandlers } from './domains/audit/handlers'
import { certificateHandlers } from './domains/certificates/handlers'
import { candidateHandlers } from './domains/certificates/candidates'
import { attendanceHandlers } from './domains/classes/attendance'
import { pickerHandlers } from './domains/pickers/handlers'
import { classHandlers } from './domains/classes/handlers'
import { courseHandlers } from './domains/courses/handlers'
import { userHandlers } from './domains/users/handlers'
import { userNameOf } from './domains/users/index'
import { assignmentHandlers } from './domains/assignments/handlers'
import { discussionHandlers } from './domains/discussions/handlers'
import { gradingHandlers } from './domains/grading/handlers'
import { importHandlers } from './domains/import/handlers'
import { progressHandlers } from './domains/progress/handlers'
import { seedDemoWorld } from './demo/seed'
import { cancelled, LmsError, validationError } from './errors'
import { joinHandlers, type AnyHandler, type HandlerTable } from './handlers'
import { JobRegistry } from './jobs'
import { withIdempotencyKey } from './idempotency'
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
import { readMeta, writeMeta } from './meta'
import { sealSecretsWith, sealWaitingSecrets, unsentCount } from './outbox'
import type { QueueKeySource } from './queue-key'
import type { OpName } from '../../shared/operations/index'
import type { EngineContext } from './context'

export type { EngineEvent }

export interface InvokeMeta {
  idempotencyKey?: string
  /** The call came over HTTP: fields an operation keeps for local callers are refused. */
  remote?: boolean
}

export interface EngineOptions {
  dataDir: string
  /** Seed the demo world into an empty folder; refuses a folder holding a real site's data. */
  demo?: boolean
  /** Injectable for tests; the engine never orders sync by it. */
  clock?: () => Date
  log?: (line: string) => void
  /** Put a backup (`latest` or its name in backups/) in place of the database before opening it. */
  restoreBackup?: string
  /** How long the open may spend checking the database (the rest is checked after); tests set 0. */
  checkBudgetMs?: number
  /** Named to a second process that finds the data folder locked. */
  program?: string
  /** The key queued secrets are sealed with (see queue-key.ts); chosen where the engine is composed. */
  queueKey: QueueKeySource
  /**
   * What is composed with the engine where it starts (src/main/host/open-engine.ts): sync,
   * which answers the operations the engine has no handler for and hears of local writes.
   */
  extend?: (core: EngineCore) => EngineExtension
}

/** What an extension may use of the engine. */
export interface EngineCore {
  readonly sql: Sql
  readonly dataDir: string
  readonly clock: () => Date
  readonly log: (line: string) => void
  emit(event: EngineEvent): void
  /** Rows of these entities changed (a pulled page): named to the screens in one `changed` event. */
  entitiesChanged(entities: Iterable<DataEntity>): void
}

export interface EngineExtension {
  /** Handlers of operations the engine does not answer itself. */
  handlers: Partial<HandlerTable<OpName>>
  /** How the hosted LMS connection stands, for the operations that say so. */
  hostedConnection?: () => HostedConnection
  /** Local writes queued changes (called a moment after a burst of them). */
  onChangesRecorded?: () => void
  /** The database turned out damaged while open: writes are refused from now on. */
  onDamaged?: () => void
  onClose?: () => void
}

/** Every domain's handlers (exported for the test that every declared list is a defineList). */
export const ENGINE_HANDLERS = [
  userHandlers,
  courseHandlers,
  progressHandlers,
  assignmentHandlers,
  discussionHandlers,
  gradingHandlers,
  auditHandlers,
  appHandlers,
  importHandlers,
  classHandlers,
  attendanceHandlers,
  pickerHandlers,
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
  candidateHandlers,
]

export class Engine {
  private readonly listeners = new Set<(event: EngineEvent) => void>()
  private readonly clock: () => Date
  private readonly log: (line: string) => void
  private readonly logs: LogLimiter
  private readonly upkeep: DatabaseUpkeep
  /** Set when the database turned out damaged while open: writes are refused. */
  private damage: string | null = null
  private closed = false
  private readonly extension: EngineExtension
  private readonly handlerTable: ReturnType<typeof joinHandlers>
  private readonly jobs = new JobRegistry((event) => this.emit(event))
  private writesSoon: NodeJS.Timeout | null = null
  private changesSoon: NodeJS.Immediate | null = null
  /** Entities changed since the last `changed` event (one event per turn of the event loop). */
  private changedEntities = new Set<DataEntity>()
  private changedSoon: NodeJS.Immediate | null = null

  readonly sql: Sql
  readonly schemaVersion: number
  /** The backup put in place at open (`restoreBackup`), or null. */
  readonly restored: BackupInfo | null

  private constructor(
    private readonly opened: OpenedDatabase,
    readonly dataDir: string,
    options: EngineOptions,
  ) {
    this.sql = new Sql(opened.raw)
    this.schemaVersion = opened.schemaVersion
    this.restored = opened.restored
    const sql = this.sql
    sealSecretsWith(sql, options.queueKey)
    sealWaitingSecrets(sql)
    this.clock = options.clock ?? (() => new Date())
    this.log = options.log ?? ((line) => console.error(line))
    this.extension =
      options.extend?.({ sql, dataDir, clock: this.clock, log: this.log, emit: (event) => this.emit(event), entitiesChanged: (entities) => this.entitiesChanged(entities) }) ?? {
        handlers: {},
      }
    // Every declared operation has exactly one handler, the engine's or the extension's: checked at start-up.
    this.handlerTable = joinHandlers(operationsByName.keys(), [...ENGINE_HANDLERS, this.extension.handlers])
    this.logs = new LogLimiter(this.log, () => this.clock().getTime())
    this.upkeep = new DatabaseUpkeep({
      raw: opened.raw,
      dataDir,
      clock: this.clock,
      log: (key, line) => this.logs.write(key, line),
      onDamaged: (problem) => {
        this.damage = problem
        this.extension.onDamaged?.()
      },
    })
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const opened = await openDatabase(options.dataDir, {
      restoreBackup: options.restoreBackup,
      checkBudgetMs: options.checkBudgetMs,
      now: options.clock,
      program: options.program,
    })
    let engine: Engine
    try {
      engine = new Engine(opened, options.dataDir, options)
    } catch (error) {
      opened.close()
      throw error
    }
    try {
      engine.prepareProfile(Boolean(options.demo))
    } catch (error) {
      engine.close()
      throw error
    }
    engine.upkeep.start(opened.pendingCheck)
    return engine
  }

  /** The daily backup in progress, if any (tests wait for it). */
  get backupInProgress(): Promise<void> | null {
    return this.upkeep.backup
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

  /** A read or a write, answered at once; `meta.idempotencyKey`: the Idempotency-Key header of an HTTP write (see idempotency.ts). */
  invoke(name: string, input: unknown, meta: InvokeMeta = {}): Result<unknown> {
    if (operationsByName.get(name)?.kind === 'job') {
      return failure({ code: 'bad_request', status: 400, message: `${name} is a job that answers when done; call it with invokeAsync.` })
    }
    return this.runNow(name, input, meta)
  }

  /** Every operation, jobs included (they answer when done). The worker calls this. */
  invokeAsync(name: string, input: unknown, meta: InvokeMeta = {}): Promise<Result<unknown>> {
    return operationsByName.get(name)?.kind === 'job' ? this.runJob(name, input, meta) : Promise.resolve(this.runNow(name, input, meta))
  }

  /**
   * Calls that arrived together (the worker's queue while it was busy), in one SQLite
   * transaction: each write still runs in its own savepoint, so a refused one changes
   * nothing, but the group pays one commit and one fsync instead of one each. Answers are
   * handed out only after that commit, so none reports a write a crash could still undo;
   * if the commit itself fails, every call of the group is answered with the failure.
   * Jobs run their own transactions: they start after the group's commit, in their order.
   */
  invokeGroup(calls: readonly { name: string; input: unknown; meta?: InvokeMeta }[]): Promise<Result<unknown>>[] {
    if (calls.length <= 1) return calls.map((c) => this.invokeAsync(c.name, c.input, c.meta))
    const isJob = calls.map((c) => operationsByName.get(c.name)?.kind === 'job')
    let answers: (Result<unknown> | null)[]
    try {
      answers = this.sql.transaction(() => calls.map((c, i) => (isJob[i] ? null : this.runNow(c.name, c.input, c.meta ?? {}))))
    } catch (error) {
      const failed = this.failureOf(`a group of ${calls.length} calls`, error, 'write')
      return calls.map((c, i) => (isJob[i] ? this.runJob(c.name, c.input, c.meta ?? {}) : Promise.resolve(failed)))
    }
    return answers.map((a, i) => (a ? Promise.resolve(a) : this.runJob(calls[i].name, calls[i].input, calls[i].meta ?? {})))
  }

  /** What every call goes through before its handler: the operation known, the engine usable, the input valid. */
  private prepare(name: string, input: unknown, meta: InvokeMeta): Result<never> | Prepared {
    if (this.closed) return failure({ code: 'unavailable', status: 503, message: 'The engine is closed.' })
    const operation = operationsByName.get(name) as Operation | undefined
    const handler = this.handlerTable.get(name)
    if (!operation || !handler) return failure({ code: 'not_found', status: 404, message: `Unknown operation "${String(name).slice(0, 100)}".` })
    if (this.damage && writesData(operation)) return failure(this.damagedFailure())
    if (meta.remote && operation.localOnly && input !== null && typeof input === 'object') {
      const field = Object.keys(operation.localOnly).find((f) => (input as Record<string, unknown>)[f] !== undefined)
      if (field) {
        const message = operation.localOnly[field]
        return failure({ code: 'forbidden', status: 403, message, fields: { [field]: [message] } })
      }
    }
    const parsed = operation.input.safeParse(input ?? {})
    if (!parsed.success) return failure(validationError(parsed.error, input).toPayload())
    let recorded = 0
    const touched = new Set<DataEntity>()
    const ctx: EngineContext = createContext(
      {
        sql: this.sql,
        hostedConnection: this.extension.hostedConnection ?? (() => 'not_configured'),
        dataDir: this.dataDir,
        clock: this.clock,
        actor: () => this.actor(),
        onChangeRecorded: (entity) => {
          recorded++
          touched.add(entity as DataEntity)
        },
        emit: (event) => this.emit(event),
        jobs: this.jobs,
      },
      operation,
    )
    // After the commit: what the write's change records name, and what a local-only write (or a job that writes) declares.
    const committed = () => {
      if (recorded > 0) this.changesRecorded()
      if (operation.kind !== 'write' || !operation.sync) for (const entity of entitiesWritten(name)) touched.add(entity)
      if (recorded > 0) touched.add('sync_state')
      if (touched.size > 0) this.entitiesChanged(withImplied(touched))
    }
    return { operation, handler, ctx, input: parsed.data, committed }
  }

  /** A read, or a write in one transaction (with its change records). */
  private runNow(name: string, input: unknown, meta: InvokeMeta): Result<unknown> {
    const call = this.prepare(name, input, meta)
    if (!('handler' in call)) return call
    const { operation, handler, ctx } = call
    try {
      const key = meta.idempotencyKey
      const value =
        operation.kind === 'write'
          ? this.sql.transaction(() => (key ? withIdempotencyKey(this.sql, key, name, call.input, this.clock(), () => handler(ctx, call.input)) : handler(ctx, call.input)))
          : handler(ctx, call.input)
      call.committed()
      return { ok: true, value }
    } catch (error) {
      return this.failureOf(name, error, operation.kind)
    }
  }

  /**
   * A job: never inside a transaction of the engine's (it commits its own, an import batch
   * by batch), answering when done; its change records count once it has answered.
   */
  private runJob(name: string, input: unknown, meta: InvokeMeta): Promise<Result<unknown>> {
    const call = this.prepare(name, input, meta)
    if (!('handler' in call)) return Promise.resolve(call)
    const { operation, handler, ctx } = call
    if (operation.kind !== 'job') return Promise.resolve(failure({ code: 'internal', status: 500, message: `${name} is not a job.` }))
    let job: ReturnType<JobRegistry['start']>
    let value: Promise<unknown>
    try {
      job = this.jobs.start(operation, (call.input as JobInput).jobId)
    } catch (error) {
      return Promise.resolve(this.failureOf(name, error, operation.kind))
    }
    try {
      value = handler(ctx, call.input, job) as Promise<unknown>
    } catch (error) {
      value = Promise.reject(error)
    }
    return value.then(
      (v) => (job.end('done'), call.committed(), { ok: true as const, value: v }),
      (error: unknown) => {
        job.end('failed')
        call.committed()
        // A job that stopped for its cancel (signal.throwIfAborted) answers so, not as a fault.
        return job.signal.aborted && !(error instanceof LmsError) ? failure(cancelled().toPayload()) : this.failureOf(name, error, operation.kind)
      },
    )
  }

  private damagedFailure(): ErrorPayload {
    return {
      code: 'damaged',
      status: 503,
      message:
        `The database is damaged (${this.damage}); changes are refused so that nothing more is written to it. ` +
        'Restart the app: it checks the database and offers to restore the latest backup.',
    }
  }

  private failureOf(name: string, error: unknown, kind: OperationKind): Result<never> {
    if (error instanceof LmsError) {
      // An answer that explains a fault (an import stopped by the disk) still logs the fault.
      const cause = error.cause
      if (cause !== undefined && !(cause instanceof LmsError)) {
        this.logs.write(`${name} ${error.code}`, () => `[engine] ${name}: ${error.message} ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`)
      }
      return failure(error.toPayload())
    }
    if (isCorruptionError(error) && !this.closed) {
      if (!this.damage) this.upkeep.corruptionReported(error as Error)
      return failure(this.damagedFailure())
    }
    const attempt = kind === 'write' ? 'write' : 'read'
    // A job that writes commits as it goes: "nothing was saved" would not be true of it.
    const problem = storageProblemOf(error, this.dataDir)
    const detail = error instanceof Error ? error.message : String(error)
    if (problem) {
      // The laptop's disk, not a bug: one line a minute per kind, no stack.
      this.logs.write(`storage ${problem}`, () => `[engine] ${name} failed: ${storageMessage(problem, attempt)} (${(error as { code?: string }).code ?? ''} ${detail})`)
      return failure(storageFailure(problem, attempt))
    }
    // Inputs can carry passwords: log the operation and the error, never the input.
    this.logs.write(`${name} ${detail}`, () => `[engine] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return failure({
      code: 'internal',
      status: 500,
      message: attempt === 'write' ? 'The operation failed inside the engine; nothing was saved.' : 'The operation failed inside the engine.',
    })
  }

  /**
   * One 'changes' event per turn of the event loop, however many writes recorded changes
   * in it (a group of calls, an import): the count it carries is a query over the queue.
   */
  private changesRecorded(): void {
    this.scheduleWritesRecorded()
    if (this.changesSoon || this.closed) return
    this.changesSoon = setImmediate(() => {
      this.changesSoon = null
      if (!this.closed) this.emit({ type: 'changes', pendingChanges: this.pendingChanges() })
    })
  }

  /**
   * Names changed entities to subscribers once per turn of the event loop, after the
   * commit (a group of calls commits in the same turn, before this runs).
   */
  private entitiesChanged(entities: Iterable<DataEntity>): void {
    if (this.closed) return
    for (const entity of entities) this.changedEntities.add(entity)
    if (this.changedSoon || this.changedEntities.size === 0) return
    this.changedSoon = setImmediate(() => {
      this.changedSoon = null
      const changed = [...this.changedEntities].sort()
      this.changedEntities.clear()
      if (!this.closed && changed.length > 0) this.emit({ type: 'changed', entities: changed })
    })
  }

  /** A burst of local writes (grading a pile) is told to the extension once, a moment later (one sync run). */
  private scheduleWritesRecorded(): void {
    if (this.writesSoon || this.closed || !this.extension.onChangesRecorded) return
    this.writesSoon = setTimeout(() => {
      this.writesSoon = null
      if (!this.closed) this.extension.onChangesRecorded?.()
    }, 1500)
    this.writesSoon.unref()
  }

  pendingChanges(): number {
    return unsentCount(this.sql)
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
    // Running jobs stop at their next checkpoint; what they committed stays (an import shows as interrupted).
    this.jobs.cancelAll()
    this.extension.onClose?.()
    this.upkeep.stop()
    if (this.writesSoon) clearTimeout(this.writesSoon)
    if (this.changesSoon) clearImmediate(this.changesSoon)
    if (this.changedSoon) clearImmediate(this.changedSoon)
    this.logs.flush()
    // A backup in progress stops here (its partial file is removed); the folder's lock goes with the database.
    this.opened.close()
  }
}

function failure(error: ErrorPayload): Result<never> {
  return { ok: false, error }
}

interface Prepared {
  operation: Operation
  handler: AnyHandler
  ctx: EngineContext
  input: unknown
  /** Names what the call changed, once committed. */
  committed(): void
}
