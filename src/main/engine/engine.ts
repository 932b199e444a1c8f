// The local LMS engine: pure Node, no Electron. Opens the data folder, validates every
// call against its declared schema, runs writes in one transaction with their change
// records, and answers with a result envelope. Nothing a caller sends can throw out.
import type { EngineEvent } from '../../shared/contract/bridge'
import { writesData, type JobInput, type Operation, type OperationKind } from '../../shared/contract/operation'
import type { Result } from '../../shared/contract/result'
import { entitiesWritten, withImplied, type DataEntity } from '../../shared/operations/entities'
import { operationsByName } from '../../shared/operations/index'
import { damagedFailure, failure, failureOf as failureIn, type FailureScene } from './call-failures'
import type { EngineExtension, EngineOptions, InvokeMeta } from './composition'
import { createContext, type EngineContext } from './context'
import { openDatabase, type OpenedDatabase } from './db/open'
import type { BackupInfo } from './db/backup-info'
import { DatabaseUpkeep } from './db/upkeep'
import { Sql } from './db/sql'
import { EngineEvents } from './engine-events'
import { ENGINE_HANDLERS } from './engine-handlers'
import { cancelled, LmsError, validationError } from './errors'
import { joinHandlers, type AnyHandler } from './handlers'
import { JobRegistry } from './jobs'
import { withIdempotencyKey } from './idempotency'
import { LogLimiter } from './log-limiter'
import { sealSecretsWith, sealWaitingSecrets, unsentCount } from './outbox'
import { actorOf, prepareProfile } from './profile'

export type { EngineEvent }
export type { EngineCore, EngineExtension, EngineOptions, InvokeMeta } from './composition'

export class Engine {
  private readonly clock: () => Date
  private readonly log: (line: string) => void
  private readonly logs: LogLimiter
  private readonly upkeep: DatabaseUpkeep
  /** Set when the database turned out damaged while open: writes are refused. */
  private damage: string | null = null
  private closed = false
  private readonly extension: EngineExtension
  private readonly handlerTable: ReturnType<typeof joinHandlers>
  private readonly events: EngineEvents
  private readonly jobs = new JobRegistry((event) => this.emit(event))
  private readonly failureScene: FailureScene

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
    this.events = new EngineEvents({ log: this.log, pendingChanges: () => this.pendingChanges() })
    this.extension =
      options.extend?.({ sql, dataDir, clock: this.clock, log: this.log, emit: (event) => this.emit(event), entitiesChanged: (entities) => this.events.entitiesChanged(entities) }) ?? {
        handlers: {},
      }
    this.events.onWritesRecorded(this.extension.onChangesRecorded)
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
    this.failureScene = {
      logs: this.logs,
      dataDir,
      closed: () => this.closed,
      damage: () => this.damage,
      corruptionReported: (error) => this.upkeep.corruptionReported(error),
    }
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
      prepareProfile(engine.sql, { demo: Boolean(options.demo), clock: engine.clock, dataDir: engine.dataDir, schemaVersion: engine.schemaVersion })
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

  onEvent(listener: (event: EngineEvent) => void): () => void {
    return this.events.on(listener)
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
    if (this.damage && writesData(operation)) return failure(damagedFailure(this.damage))
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
        actor: () => actorOf(this.sql),
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
      if (recorded > 0) this.events.changesRecorded()
      if (operation.kind !== 'write' || !operation.sync) for (const entity of entitiesWritten(name)) touched.add(entity)
      if (recorded > 0) touched.add('sync_state')
      if (touched.size > 0) this.events.entitiesChanged(withImplied(touched))
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

  private failureOf(name: string, error: unknown, kind: OperationKind): Result<never> {
    return failureIn(this.failureScene, name, error, kind)
  }

  pendingChanges(): number {
    return unsentCount(this.sql)
  }

  private emit(event: EngineEvent): void {
    this.events.emit(event)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.events.close()
    // Running jobs stop at their next checkpoint; what they committed stays (an import shows as interrupted).
    this.jobs.cancelAll()
    this.extension.onClose?.()
    this.upkeep.stop()
    this.logs.flush()
    // A backup in progress stops here (its partial file is removed); the folder's lock goes with the database.
    this.opened.close()
  }
}

interface Prepared {
  operation: Operation
  handler: AnyHandler
  ctx: EngineContext
  input: unknown
  /** Names what the call changed, once committed. */
  committed(): void
}
