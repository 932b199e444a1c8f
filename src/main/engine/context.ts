// What a handler gets: the SQL runner, the clock, the acting user, and the writers for
// the records every write leaves behind (change record, audit and course activity).
import type { EngineEvent } from '../../shared/contract/bridge'
import type { Operation, WriteOperation } from '../../shared/contract/operation'
import type { ActivityVerb } from '../../shared/operations/courses'
import { prepared } from './db/prepared'
import type { Sql } from './db/sql'
import * as outbox from './outbox'
import type { QueuedInput } from './outbox'
import type { JobBoard } from './jobs'
import type { QueuedOperation } from '../../shared/operations/index'

/** What the engine may ask about the hosted LMS connection; sync provides it when attached. */
export type HostedConnection = 'not_configured' | 'not_contacted' | 'offline' | 'online'

export interface Actor {
  id: number
  name: string
}

export interface AuditEntry {
  effectOn: 'User' | 'Course'
  subjectId: number
  action: 'Created' | 'Updated' | 'Deleted'
  details?: unknown[]
}

export interface EngineContext {
  readonly sql: Sql
  readonly qb: Sql['qb']
  readonly dataDir: string
  /** Whether a hosted LMS is set up and reachable, as sync last saw it. */
  hostedConnection(): HostedConnection
  now(): Date
  nowIso(): string
  actor(): Actor | null
  /**
   * Queues a change for sync; call only when rows really changed. The input is the queued
   * operation's own (checked by the compiler when the operation is named).
   */
  recordChange<O extends QueuedOperation = QueuedOperation>(change: {
    /** Defaults to the running operation; set when a write queues another documented call (quick edit enrolls). */
    operation?: O
    localId: number | null
    input: QueuedInput<O>
  }): void
  audit(entry: AuditEntry): void
  auditMany(entries: readonly AuditEntry[]): void
  courseActivity(entry: { courseId: number; userId: number | null; studentName: string; verb: ActivityVerb; message: string }): void
  /** Drops change records that were queued and never attempted (coalescing); returns how many. */
  dropUnsentChanges(entity: string, localId: number): number
  /** Tells subscribers (the UI, /app/events) how long-running work moves on. */
  emit(event: EngineEvent): void
  /** The jobs running in this engine (app.cancelJob, import.progress). */
  readonly jobs: JobBoard
}

export interface ContextDeps {
  sql: Sql
  hostedConnection: () => HostedConnection
  /** The data folder; uploads are kept under it. */
  dataDir: string
  clock: () => Date
  actor: () => Actor | null
  /** Told of each change record written or dropped, with its entity (for the `changed` event). */
  onChangeRecorded: (entity: string) => void
  emit?: (event: EngineEvent) => void
  jobs: JobBoard
}

const insertCourseActivity = prepared((qb, courseId: number, userId: number | null, studentName: string, verb: string, message: string, at: string) =>
  qb.insertInto('course_activities').values({ course_id: courseId, user_id: userId, student_name: studentName, verb, message, created_at: at }),
)

export function createContext(deps: ContextDeps, operation: Operation): EngineContext {
  const { sql, clock } = deps
  const nowIso = () => clock().toISOString()
  // Read once per call: an import audits 50,000 users and the acting user cannot change meanwhile.
  let actorRead: { value: Actor | null } | null = null
  const actor = () => (actorRead ??= { value: deps.actor() }).value
  const auditMany = (entries: readonly AuditEntry[]) => {
    const by = actor()
    const at = nowIso()
    // Many rows per INSERT: an import audits each of its users.
    for (let i = 0; i < entries.length; i += 500) {
      sql.insertRows(
        'audit_activities',
        entries.slice(i, i + 500).map(({ effectOn, subjectId, action, details = [] }) => ({
          performed_by_id: by?.id ?? null,
          performed_by: by?.name ?? 'LMS Offline',
          effect_on: effectOn,
          subject: effectOn,
          subject_id: subjectId,
          action,
          details: JSON.stringify(details),
          created_at: at,
        })),
      )
    }
  }
  return {
    sql,
    qb: sql.qb,
    dataDir: deps.dataDir,
    hostedConnection: deps.hostedConnection,
    now: clock,
    nowIso,
    actor,
    recordChange({ operation: queued = operation, localId, input }) {
      if (queued.kind !== 'write' || !queued.sync) {
        throw new Error(`Operation ${queued.name} declares no sync entity and cannot record changes`)
      }
      outbox.enqueue(sql, queued as QueuedOperation, localId, input as never, nowIso())
      deps.onChangeRecorded(queued.sync.entity)
    },
    audit: (entry) => auditMany([entry]),
    auditMany,
    dropUnsentChanges(entity, localId) {
      const changes = outbox.dropUnsent(sql, entity, localId)
      if (changes > 0) deps.onChangeRecorded(entity)
      return changes
    },
    emit(event) {
      deps.emit?.(event)
    },
    jobs: deps.jobs,
    courseActivity({ courseId, userId, studentName, verb, message }) {
      sql.run(insertCourseActivity(courseId, userId, studentName, verb, message, nowIso()))
    },
  }
}
