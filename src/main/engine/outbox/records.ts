// The records themselves: enqueued by the engine in its write's transaction, marked by the
// push as each attempt answers, retried or discarded by the user, dropped by a local undo.
import { randomUUID } from 'node:crypto'
import { sql as rawSql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { operationsByName, type QueuedOperation } from '../../../shared/operations/index'
import { prepared } from '../db/prepared'
import type { DB } from '../db/schema'
import type { Sql } from '../db/sql'
import { fail, invalid, notFound, validationError } from '../errors'
import { mergeCorrection } from '../redact'
import { forgetSecrets, sealerOf } from './secrets'
import { SENDABLE, UNSENT_STATES, type OutboxMark, type OutboxRecord, type QueuedInput } from './states'

// Written by nearly every write, and read per record by the push (see prepared.ts).
const insertRecord = prepared((qb, operation: string, entity: string, localId: number | null, input: string, at: string, key: string) =>
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
const recordById = prepared((qb, id: number) => qb.selectFrom('change_records').selectAll().where('id', '=', id))

/** Queues a change of a queued operation; call only when rows really changed. Its secrets are written sealed. */
export function enqueue<O extends QueuedOperation>(sql: Sql, operation: O, localId: number | null, input: QueuedInput<O>, at: string): void {
  // Never written in clear: without its key (a full disk, a folder gone read-only) the write is refused whole.
  const sealed = sealerOf(sql).seal(input)
  sql.run(insertRecord(operation.name, operation.sync.entity, localId, JSON.stringify(sealed), at, randomUUID()))
}

/** Drops records of a row that were queued and never attempted (a local undo); returns how many. */
export function dropUnsent(sql: Sql, entity: string, localId: number, operation?: string): number {
  let query = sql.qb.deleteFrom('change_records').where('entity', '=', entity).where('local_id', '=', localId).where('state', '=', 'pending').where('attempts', '=', 0)
  if (operation) query = query.where('operation', '=', operation)
  return sql.run(query).changes
}

/** Whether a row has a record never attempted (of one operation, if given). */
export function hasNeverAttempted(sql: Sql, entity: string, localId: number, operation?: string): boolean {
  let query = sql.qb.selectFrom('change_records').select('id').where('entity', '=', entity).where('local_id', '=', localId).where('state', '=', 'pending').where('attempts', '=', 0)
  if (operation) query = query.where('operation', '=', operation)
  return Boolean(sql.first(query.limit(1)))
}

/** The never-attempted record of an operation for a row, to edit before it is sent (an import undone in part). */
export function neverAttemptedOf(sql: Sql, operation: string, entity: string, localId: number): { id: number; input: unknown } | undefined {
  const row = sql.first(
    sql.qb.selectFrom('change_records').select(['id', 'input', 'state', 'attempts']).where('operation', '=', operation).where('entity', '=', entity).where('local_id', '=', localId),
  )
  return row && row.state === 'pending' && row.attempts === 0 ? { id: row.id, input: JSON.parse(row.input) as unknown } : undefined
}

const firstOfOperation = prepared((qb, entity: string, localId: number, operation: string) =>
  qb.selectFrom('change_records').select(['state', 'attempts']).where('entity', '=', entity).where('local_id', '=', localId).where('operation', '=', operation).orderBy('id').limit(1),
)

/** Whether the first record `operation` queued for a row is still unattempted (so the hosted LMS never heard of it from us). */
export function firstNeverAttempted(sql: Sql, entity: string, localId: number, operation: string): boolean {
  const first = sql.first(firstOfOperation(entity, localId, operation))
  return Boolean(first && first.state === 'pending' && first.attempts === 0)
}

export function setInput(sql: Sql, id: number, input: unknown): void {
  sql.run(sql.qb.updateTable('change_records').set({ input: JSON.stringify(input) }).where('id', '=', id))
}

export function deleteRecords(sql: Sql, ids: readonly number[], onlyNeverAttempted = true): number {
  if (!ids.length) return 0
  let query = sql.qb.deleteFrom('change_records').where('id', 'in', [...ids])
  if (onlyNeverAttempted) query = query.where('attempts', '=', 0).where('state', '=', 'pending')
  return sql.run(query).changes
}

/** Unsent records, how many. */
export function unsentCount(sql: Sql): number {
  return Number(sql.first(sql.qb.selectFrom('change_records').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', [...UNSENT_STATES]))?.n ?? 0)
}

/** Unsent records, oldest first (what the app lists as pending changes). */
export function unsent(sql: Sql, limit?: number, afterId = 0): OutboxRecord[] {
  // A page at a time: a tool reads on from the last id it got until a page comes back short.
  const query = sql.qb.selectFrom('change_records').selectAll().where('state', 'in', [...UNSENT_STATES]).where('id', '>', afterId).orderBy('id')
  return sql.all(limit === undefined ? query : query.limit(limit))
}

export const byId = (sql: Sql, id: number): OutboxRecord | undefined => sql.first(recordById(id))

export function mark(sql: Sql, id: number, values: OutboxMark, at: string): void {
  const { input, ...rest } = values
  const settled = values.state === 'done' || values.state === 'discarded'
  const kept = settled ? forgetSecrets(sql, input ?? byId(sql, id)?.input) : input
  sql.run(sql.qb.updateTable('change_records').set({ ...rest, ...(kept !== undefined ? { input: kept } : {}), updated_at: at }).where('id', '=', id))
}

/** Settles every record `where` selects as discarded, with why, forgetting their secrets. */
function discardWhere(sql: Sql, where: (eb: ExpressionBuilder<DB, 'change_records'>) => Expression<SqlBool>, why: string, at: string): void {
  for (const row of sql.all(sql.qb.selectFrom('change_records').select(['id', 'input']).where(where))) {
    sql.run(sql.qb.updateTable('change_records').set({ state: 'discarded', last_error: why, updated_at: at, input: forgetSecrets(sql, row.input) }).where('id', '=', row.id))
  }
}

/** Records never attempted, oldest first (for coalescing). */
export function neverAttempted(sql: Sql): OutboxRecord[] {
  return sql.all(sql.qb.selectFrom('change_records').selectAll().where('state', '=', 'pending').where('attempts', '=', 0).where('local_id', 'is not', null).orderBy('id'))
}

/** How many records are still to be sent (not parked). */
export function sendableCount(sql: Sql): number {
  return Number(sql.first(sql.qb.selectFrom('change_records').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', [...SENDABLE]))?.n ?? 0)
}

export function stateCounts(sql: Sql): { pending: number; sending: number; parked: number; blocked: number } {
  const counts = Object.fromEntries(
    sql
      .all(sql.qb.selectFrom('change_records').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('state', 'in', [...UNSENT_STATES]).groupBy('state'))
      .map((r) => [r.state, Number(r.n)]),
  )
  const blocked = Number(
    sql.first(sql.qb.selectFrom('change_records').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', [...SENDABLE]).where('blocked_reason', 'is not', null))?.n ?? 0,
  )
  return { pending: counts.pending ?? 0, sending: counts.sending ?? 0, parked: counts.parked ?? 0, blocked }
}

/** When the earliest backoff of a record still to be sent ends. */
export function nextAttemptAt(sql: Sql): string | null {
  return (sql.first(sql.qb.selectFrom('change_records').select((eb) => eb.fn.min('next_attempt_at').as('at')).where('state', 'in', [...SENDABLE]))?.at as string | null | undefined) ?? null
}

/** Parked records and those held back with a reason, oldest first. */
export function parkedOrHeld(sql: Sql): OutboxRecord[] {
  return sql.all(
    sql.qb
      .selectFrom('change_records')
      .selectAll()
      .where((eb) => eb.or([eb('state', '=', 'parked'), eb.and([eb('state', 'in', [...SENDABLE]), eb('blocked_reason', 'is not', null)])]))
      .orderBy('id'),
  )
}

function requireParked(sql: Sql, id: number): OutboxRecord {
  const row = byId(sql, id)
  if (!row) throw notFound('reason.change_not_found', { id: String(id) })
  if (row.state !== 'parked') throw invalid('id', 'reason.change_not_parked', { id: String(id), state: row.state })
  return row
}

/**
 * Sends a parked record again; a corrected input is checked by the operation's own schema
 * first, and refused whole if invalid. The correction was made from the input as shown,
 * secrets hidden: mergeCorrection puts the saved ones back (a bulk upload's, row by row).
 */
export function retry(sql: Sql, id: number, correction: Record<string, unknown> | undefined, at: string): void {
  const row = requireParked(sql, id)
  let input: string | undefined
  if (correction) {
    const sealer = sealerOf(sql)
    // Checked with the secrets opened; one that cannot be opened shows hidden, so the correction must type it again.
    const merged = mergeCorrection(sealer.openOrHide(JSON.parse(row.input) as Record<string, unknown>), correction)
    const operation = operationsByName.get(row.operation)
    if (!operation) throw fail('validation', 'reason.unknown_operation', { name: row.operation })
    const parsed = operation.input.safeParse(merged)
    if (!parsed.success) throw validationError(parsed.error, merged)
    input = JSON.stringify(sealer.seal(merged))
  }
  mark(sql, id, { state: 'pending', next_attempt_at: null, last_error: null, accepted_at: null, ...(input ? { input } : {}) }, at)
}

export function discard(sql: Sql, id: number, at: string): void {
  requireParked(sql, id)
  mark(sql, id, { state: 'discarded' }, at)
}

/** Forgets every backoff and held reason; unsent records stay queued. */
export function clearBackoff(sql: Sql): void {
  sql.run(sql.qb.updateTable('change_records').set({ next_attempt_at: null, blocked_reason: null }).where('state', 'in', [...SENDABLE]))
}

/** Lets the records of a row (or of an operation) go at once: what held them is settled. */
export function release(sql: Sql, where: { entity: string; localId: number } | { operation: string }, at: string): void {
  let query = sql.qb.updateTable('change_records').set({ blocked_reason: null, next_attempt_at: null, updated_at: at }).where('state', 'in', [...SENDABLE])
  query = 'operation' in where ? query.where('operation', '=', where.operation) : query.where('entity', '=', where.entity).where('local_id', '=', where.localId)
  sql.run(query)
}

/** Unsent records of a row that can never be sent (the row is gone on the server): kept as discarded, with why. */
export function discardUnsentOf(sql: Sql, entity: string, localId: number, why: string, at: string): void {
  discardWhere(sql, (eb) => eb.and([eb('entity', '=', entity), eb('local_id', '=', localId), eb('state', 'in', [...UNSENT_STATES])]), why, at)
}

/** Discards the unsent records of an operation whose input names this value (a grade replaced by the hosted LMS's). */
export function discardUnsentWhere(sql: Sql, operation: string, inputKey: string, value: number, why: string, at: string): void {
  discardWhere(
    sql,
    (eb) => eb.and([eb('operation', '=', operation), eb('state', 'in', [...UNSENT_STATES]), eb(rawSql`json_extract(input, ${`$.${inputKey}`})`, '=', value)]),
    why,
    at,
  )
}
