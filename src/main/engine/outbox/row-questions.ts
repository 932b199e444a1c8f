// Questions about rows the pull and the engine ask the queue: has this row unsent changes,
// what did it last queue, which of these rows wait for their create.
import { sql as rawSql, type Expression, type SqlBool } from 'kysely'
import type { Sql } from '../db/sql'
import { UNSENT_STATES, type OutboxRecord } from './states'

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
