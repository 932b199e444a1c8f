// What a handler gets: the SQL runner, the clock, the acting user, and the writers for
// the records every write leaves behind (change record, audit and course activity).
import { randomUUID } from 'node:crypto'
import type { EngineEvent } from '../../shared/contract/bridge'
import type { Operation, WriteOperation } from '../../shared/contract/operation'
import type { ActivityVerb } from '../../shared/operations/courses'
import { prepared } from './db/prepared'
import type { Sql } from './db/sql'
import type { SyncService } from '../sync/sync-service'

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
  readonly sync: SyncService
  now(): Date
  nowIso(): string
  actor(): Actor | null
  /** Queues a change for sync; call only when rows really changed. */
  recordChange(change: {
    /** Defaults to the running operation; set when a write queues another documented call (quick edit enrolls). */
    operation?: WriteOperation
    localId: number | null
    input: Record<string, unknown>
  }): void
  audit(entry: AuditEntry): void
  auditMany(entries: readonly AuditEntry[]): void
  courseActivity(entry: { courseId: number; userId: number | null; studentName: string; verb: ActivityVerb; message: string }): void
  /** Drops change records that were queued and never attempted (coalescing); returns how many. */
  dropUnsentChanges(entity: string, localId: number): number
  /** Tells subscribers (the UI, /app/events) how long-running work moves on. */
  emit(event: EngineEvent): void
}

export interface ContextDeps {
  sql: Sql
  sync: SyncService
  /** The data folder; uploads are kept under it. */
  dataDir: string
  clock: () => Date
  actor: () => Actor | null
  /** Told of each change record written or dropped, with its entity (for the `changed` event). */
  onChangeRecorded: (entity: string) => void
  emit?: (event: EngineEvent) => void
}

// Written by nearly every write (see prepared.ts for why they are compiled once).
const insertChange = prepared((qb, operation: string, entity: string, localId: number | null, input: string, at: string, key: string) =>
  qb.insertInto('change_records').values({
    operation,
    entity,
    local_id: localId,
    input,
    state: 'pending',
    created_at: at,
    updated_at: at,
    // Sent as the Idempotency-Key header on every attempt of this record.
    idempotency_key: key,
    next_attempt_at: null,
    blocked_reason: null,
  }),
)
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
    sync: deps.sync,
    now: clock,
    nowIso,
    actor,
    recordChange({ operation: queued = operation, localId, input }) {
      if (queued.kind !== 'write' || !queued.sync) {
        throw new Error(`Operation ${queued.name} declares no sync entity and cannot record changes`)
      }
      const at = nowIso()
      sql.run(insertChange(queued.name, queued.sync.entity, localId, JSON.stringify(input), at, randomUUID()))
      deps.onChangeRecorded(queued.sync.entity)
    },
    audit: (entry) => auditMany([entry]),
    auditMany,
    dropUnsentChanges(entity, localId) {
      const { changes } = sql.run(
        sql.qb
          .deleteFrom('change_records')
          .where('entity', '=', entity)
          .where('local_id', '=', localId)
          .where('state', '=', 'pending')
          .where('attempts', '=', 0),
      )
      if (changes > 0) deps.onChangeRecorded(entity)
      return changes
    },
    emit(event) {
      deps.emit?.(event)
    },
    courseActivity({ courseId, userId, studentName, verb, message }) {
      sql.run(insertCourseActivity(courseId, userId, studentName, verb, message, nowIso()))
    },
  }
}
