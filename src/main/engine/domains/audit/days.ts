// Deep pages of the whole audit log by date: the kept count of rows per day (audit_days,
// migrations/0012_audit_days) tells which day a page starts in and how many rows come
// before that day, so the page's OFFSET steps over the rows of one day, not over every row
// before it (a million-row log's middle page stepped over 500,000 index entries).
import { sql as rawSql, type RawBuilder } from 'kysely'
import type { Sql } from '../../db/sql'

/** Below this offset stepping over the index entries costs less than summing the days. */
const SEEK_FROM = 10_000

/**
 * Where the rows at `offset` in created_at order (ties by id) begin: a condition on
 * created_at that leaves out exactly the days before the one holding that row, and how
 * many rows those days hold. A day is the first 10 characters of created_at, so a row is
 * on a day before `day` exactly when its created_at sorts before `day`.
 */
export function auditDaySeek(sql: Sql, direction: 'asc' | 'desc', offset: number): { from: RawBuilder<boolean>; skipped: number } | undefined {
  if (offset < SEEK_FROM) return undefined
  const days = sql.qb
    .selectFrom('audit_days')
    .select((eb) => [
      'day',
      'n',
      eb.fn.sum<number>('n').over((over) => over.orderBy('day', direction)).as('through'),
      // The day before this one in this order (for desc: the next later day).
      eb.fn.agg<string | null>('lag', ['day']).over((over) => over.orderBy('day', direction)).as('previous'),
    ])
  const found = sql.first(sql.qb.selectFrom(days.as('days')).selectAll().where('through', '>', offset).orderBy('through').limit(1))
  // Past the last row: an empty page, without stepping over them all to find that out.
  if (!found) return { from: rawSql<boolean>`(1 = 0)`, skipped: offset }
  const skipped = Number(found.through) - Number(found.n)
  if (direction === 'asc') return { from: rawSql<boolean>`(${rawSql.ref('created_at')} >= ${found.day})`, skipped }
  return found.previous === null ? undefined : { from: rawSql<boolean>`(${rawSql.ref('created_at')} < ${found.previous})`, skipped }
}
