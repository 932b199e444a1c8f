// The outbox: the one module that reads and writes change_records, the durable queue of
// local writes for the hosted LMS. The engine enqueues in the same transaction as the
// domain rows (typed by the queued operation's input); sync reads what is unsent and
// records what each attempt meant; the user retries (with an input checked again by the
// operation's own schema) or discards. Nothing else touches the table.
import { randomUUID } from 'node:crypto'
import { sql as rawSql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { OpInputOf } from '../../shared/contract/operation'
import { operationsByName, type QueuedOperation } from '../../shared/operations/index'
import { prepared } from './db/prepared'
import type { ChangeRecordRow, DB } from './db/schema'
import type { Sql } from './db/sql'
import { fail, invalid, notFound, validationError } from './errors'
import { readMeta, writeMeta } from './meta'
import { SecretSealer, type QueueKeySource } from './queue-key'
import { mergeCorrection, redactSecrets } from './redact'

export const UNSENT_STATES = ['pending', 'sending', 'parked'] as const
/** States a record is still to be sent in (parked records wait for the user). */
const SENDABLE = ['pending', 'sending'] as const

export type OutboxRecord = ChangeRecordRow
export type OutboxMark = Partial<Pick<ChangeRecordRow, 'state' | 'last_error' | 'next_attempt_at' | 'blocked_reason' | 'attempts' | 'input'>> & { accepted_at?: string | null }

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

// ---- the engine's side

/** What a queued record of an operation holds: an input that operation takes (its schema checks it again on a retry). */
export type QueuedInput<O extends QueuedOperation> = OpInputOf<O>

// ---- secrets while queued (see queue-key.ts)

const sealers = new WeakMap<Sql, SecretSealer>()

/** Where the engine is composed: the queue of this database seals its secrets with this key. */
export function sealSecretsWith(sql: Sql, source: QueueKeySource): void {
  sealers.set(sql, new SecretSealer(source))
}

/** Set once every record waiting at open was sealed: only versions before sealing wrote secrets in clear. */
const WAITING_SEALED = 'outbox.waiting_secrets_sealed'

/**
 * Records queued by a version that wrote secrets in clear and still waiting to be sent are
 * sealed in place once, at open, and the clear text is taken out of the WAL. Without the key
 * (a full disk, the keychain refusing) the open goes on and this is tried at the next one:
 * the push opens clear and sealed values alike.
 */
export function sealWaitingSecrets(sql: Sql): number {
  if (readMeta(sql, WAITING_SEALED)) return 0
  const sealer = sealerOf(sql)
  let sealed = 0
  try {
    sql.transaction(() => {
      for (const row of sql.all(sql.qb.selectFrom('change_records').select(['id', 'input']).where('state', 'in', [...UNSENT_STATES]))) {
        let input: unknown
        try {
          input = JSON.parse(row.input)
        } catch {
          continue // not JSON: the push parks it with its own reason
        }
        const text = JSON.stringify(sealer.seal(input))
        if (text === row.input) continue
        sql.run(sql.qb.updateTable('change_records').set({ input: text }).where('id', '=', row.id))
        sealed++
      }
      writeMeta(sql, WAITING_SEALED, '1')
    })
  } catch {
    return 0
  }
  if (sealed) {
    purgedSince.add(sql)
    settlePurges(sql)
  }
  return sealed
}

function sealerOf(sql: Sql): SecretSealer {
  const sealer = sealers.get(sql)
  if (!sealer) throw new Error('The change queue has no key for its secrets (sealSecretsWith was not called where the engine is composed).')
  return sealer
}

/** A record's input as the push sends it, secrets opened; throws UnreadableSecretError (park it) when one cannot be. */
export function sendableInput(sql: Sql, row: Pick<OutboxRecord, 'input'>): unknown {
  return sealerOf(sql).open(JSON.parse(row.input) as unknown)
}

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

/**
 * SQL: whether the row `localId` (a column reference) of `entity` has unsent records; for
 * list filters and columns ("has unsynced changes").
 */
export function hasUnsentSql(entity: string, localId: Expression<number>): Expression<SqlBool> {
  return rawSql<SqlBool>`EXISTS (SELECT 1 FROM change_records cr WHERE cr.entity = ${entity} AND cr.local_id = ${localId} AND cr.state IN (${rawSql.join([...UNSENT_STATES])}))`
}

/** SQL: the local ids of `entity` with unsent records (driven from the queue's state index). */
export function unsentIdsSql(entity: string): Expression<number> {
  return rawSql<number>`(SELECT cr.local_id FROM change_records cr WHERE cr.state IN (${rawSql.join([...UNSENT_STATES])}) AND cr.entity = ${entity})`
}

// ---- sync's side

export const byId = (sql: Sql, id: number): OutboxRecord | undefined => sql.first(recordById(id))

export function mark(sql: Sql, id: number, values: OutboxMark, at: string): void {
  const { input, ...rest } = values
  const settled = values.state === 'done' || values.state === 'discarded'
  const kept = settled ? forgetSecrets(sql, input ?? byId(sql, id)?.input) : input
  sql.run(sql.qb.updateTable('change_records').set({ ...rest, ...(kept !== undefined ? { input: kept } : {}), updated_at: at }).where('id', '=', id))
}

// ---- secrets of settled records

/** Databases whose settled records gave up secrets since the WAL was last checkpointed. */
const purgedSince = new WeakSet<Sql>()

/**
 * A settled record (sent, or discarded) keeps its input for the history and for what a
 * later record refers to, never the secrets it carried: the hosted LMS has them now, or
 * nobody needs them. Written over in place; secure_delete (db/open.ts) zeroes the old
 * text in the page, and settlePurges takes it out of the WAL.
 */
function forgetSecrets(sql: Sql, input: string | undefined): string | undefined {
  if (input === undefined) return undefined
  const kept = JSON.stringify(redactSecrets(JSON.parse(input) as Record<string, unknown>))
  if (kept !== input) purgedSince.add(sql)
  return kept
}

/** Settles every record `where` selects as discarded, with why, forgetting their secrets. */
function discardWhere(sql: Sql, where: (eb: ExpressionBuilder<DB, 'change_records'>) => Expression<SqlBool>, why: string, at: string): void {
  for (const row of sql.all(sql.qb.selectFrom('change_records').select(['id', 'input']).where(where))) {
    sql.run(sql.qb.updateTable('change_records').set({ state: 'discarded', last_error: why, updated_at: at, input: forgetSecrets(sql, row.input) }).where('id', '=', row.id))
  }
}

/**
 * Once records gave up their secrets, copies the WAL into the database and empties it: the
 * WAL still holds the pages as they were. Call outside a transaction (after a sync run, a
 * discard); skipped while another connection reads, and done after the next purge then.
 */
export function settlePurges(sql: Sql): void {
  if (!purgedSince.has(sql) || sql.raw.inTransaction) return
  const [result] = sql.raw.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
  if (!result?.busy) purgedSince.delete(sql)
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

/** Whether any row of these entities has unsent records (lets a pull skip asking row by row when none has). */
export function hasUnsentOf(sql: Sql, entities: readonly string[]): boolean {
  return Boolean(sql.first(sql.qb.selectFrom('change_records').select('id').where('entity', 'in', [...entities]).where('state', 'in', [...UNSENT_STATES]).limit(1)))
}

export function hasUnsent(sql: Sql, entity: string, localId: number): boolean {
  return Boolean(
    sql.first(sql.qb.selectFrom('change_records').select('id').where('entity', '=', entity).where('local_id', '=', localId).where('state', 'in', [...UNSENT_STATES]).limit(1)),
  )
}

/** Which of these local rows have unsent records. */
export function unsentLocalIds(sql: Sql, entity: string, localIds: readonly number[]): Set<number> {
  const found = new Set<number>()
  const ids = [...new Set(localIds)]
  for (let i = 0; i < ids.length; i += 500) {
    const rows = sql.all(
      sql.qb
        .selectFrom('change_records')
        .select('local_id')
        .distinct()
        .where('entity', '=', entity)
        .where('local_id', 'in', ids.slice(i, i + 500))
        .where('state', 'in', [...UNSENT_STATES]),
    )
    for (const r of rows) if (r.local_id !== null) found.add(r.local_id)
  }
  return found
}

/** Unsent records of rows of `entity` whose local ids `ids` selects (a subquery), e.g. a status row's evaluations. */
export function hasUnsentAmong(sql: Sql, entity: string, ids: Expression<{ id: number }>): boolean {
  return Boolean(
    sql.first(sql.qb.selectFrom('change_records').select('id').where('entity', '=', entity).where('local_id', 'in', ids as never).where('state', 'in', [...UNSENT_STATES]).limit(1)),
  )
}

/** Records of a row, newest first, not discarded (to rebuild what a row last sent). */
export function recordsOf(sql: Sql, entity: string, localId: number): Pick<OutboxRecord, 'operation' | 'input' | 'state'>[] {
  return sql.all(
    sql.qb.selectFrom('change_records').select(['operation', 'input', 'state']).where('entity', '=', entity).where('local_id', '=', localId).where('state', '!=', 'discarded').orderBy('id', 'desc'),
  )
}

/** Queued (not yet sending) records of an operation for a row: their inputs carry absolute values a pull may correct. */
export function queuedOf(sql: Sql, operation: string, entity: string, localId: number): { id: number; input: string }[] {
  return sql.all(
    sql.qb.selectFrom('change_records').select(['id', 'input']).where('entity', '=', entity).where('local_id', '=', localId).where('operation', '=', operation).where('state', 'in', ['pending', 'parked']),
  )
}

/** Unsent records (parked ones too) of these operations for `entity`. */
export function unsentOf(sql: Sql, entity: string, operations: readonly string[]): Pick<OutboxRecord, 'local_id' | 'input'>[] {
  if (!operations.length) return []
  return sql.all(
    sql.qb.selectFrom('change_records').select(['local_id', 'input']).where('entity', '=', entity).where('state', 'in', [...UNSENT_STATES]).where('operation', 'in', [...operations]),
  )
}

/** Records of these operations still `sending` for `entity`: creates whose outcome is unknown. */
export function sendingOf(sql: Sql, entity: string, operations: readonly string[]): Pick<OutboxRecord, 'local_id' | 'input'>[] {
  return sql.all(sql.qb.selectFrom('change_records').select(['local_id', 'input']).where('entity', '=', entity).where('state', '=', 'sending').where('operation', 'in', [...operations]))
}

/** The input of the last create of a row among these operations, whatever became of it. */
export function createInputOf(sql: Sql, entity: string, localId: number, operations: readonly string[]): unknown {
  if (!operations.length) return undefined
  const row = sql.first(
    sql.qb.selectFrom('change_records').select('input').where('entity', '=', entity).where('local_id', '=', localId).where('operation', 'in', [...operations]).orderBy('id', 'desc').limit(1),
  )
  return row ? (JSON.parse(row.input) as unknown) : undefined
}

/** The oldest unsent create of a row among these operations, to tell why something waits for it. */
export function unsentCreateOf(sql: Sql, entity: string, localId: number, operations: readonly string[]): Pick<OutboxRecord, 'id' | 'state' | 'last_error'> | undefined {
  if (!operations.length) return undefined
  return sql.first(
    sql.qb
      .selectFrom('change_records')
      .select(['id', 'state', 'last_error'])
      .where('entity', '=', entity)
      .where('local_id', '=', localId)
      .where('operation', 'in', [...operations])
      .where('state', 'in', [...UNSENT_STATES])
      .orderBy('id')
      .limit(1),
  )
}

/** The input of the newest records of a row, newest first (to name what a queued change is about). */
export function recentInputs(sql: Sql, entity: string, localId: number, limit: number): unknown[] {
  return sql
    .all(sql.qb.selectFrom('change_records').select('input').where('entity', '=', entity).where('local_id', '=', localId).orderBy('id', 'desc').limit(limit))
    .map((r) => JSON.parse(r.input) as unknown)
}

// ---- the unsent list the user sees (the Pending page), a page at a time

/** How an unsent record stands for the user: waiting its turn, being sent, parked for them, or held back by another. */
export type UnsentState = 'waiting' | 'sending' | 'parked' | 'blocked'

const UNSENT_STATE_WHERE: Record<UnsentState, (eb: ExpressionBuilder<DB, 'change_records'>) => Expression<SqlBool>> = {
  waiting: (eb) => eb.and([eb('state', '=', 'pending'), eb('blocked_reason', 'is', null)]),
  sending: (eb) => eb.and([eb('state', '=', 'sending'), eb('blocked_reason', 'is', null)]),
  parked: (eb) => eb('state', '=', 'parked'),
  blocked: (eb) => eb.and([eb('state', 'in', [...SENDABLE]), eb('blocked_reason', 'is not', null)]),
}

export function unsentStateOf(row: { state: string; blocked_reason: string | null }): UnsentState {
  if (row.state === 'parked') return 'parked'
  if (row.blocked_reason) return 'blocked'
  return row.state === 'sending' ? 'sending' : 'waiting'
}

/** How many unsent records stand in each state (counted in SQL: a queue of 10,000 is never loaded). */
export function unsentCountsByState(sql: Sql): Record<UnsentState, number> {
  const counts: Record<UnsentState, number> = { waiting: 0, sending: 0, parked: 0, blocked: 0 }
  const rows = sql.all(
    sql.qb
      .selectFrom('change_records')
      .select(['state', (eb) => eb('blocked_reason', 'is not', null).as('blocked'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', 'in', [...UNSENT_STATES])
      .groupBy(['state', 'blocked']),
  )
  for (const r of rows) counts[unsentStateOf({ state: r.state, blocked_reason: r.blocked ? 'x' : null })] += Number(r.n)
  return counts
}

/** One page of unsent records (in one state, if given), oldest first as the queue sends them. */
export function unsentPage(sql: Sql, page: { state?: UnsentState; limit: number; offset: number; order?: 'oldest' | 'newest' }): OutboxRecord[] {
  const { state } = page
  return sql.all(
    sql.qb
      .selectFrom('change_records')
      .selectAll()
      .where((eb) => (state ? UNSENT_STATE_WHERE[state](eb) : eb('state', 'in', [...UNSENT_STATES])))
      .orderBy('id', page.order === 'newest' ? 'desc' : 'asc')
      .limit(page.limit)
      .offset(page.offset),
  )
}
