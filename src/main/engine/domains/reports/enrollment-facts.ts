// Facts about enrollments that the user and course reports both show: time spent in the
// course's modules and whether a certificate was issued. One query each for a page of rows.
import type { SelectQueryBuilder } from 'kysely'
import type { EngineContext } from '../../context'
import type { DB } from '../../db/schema'

/** Seconds spent per enrollment id. */
export function timeSpentByEnrollment(ctx: EngineContext, enrollmentIds: readonly number[]): Map<number, number> {
  if (!enrollmentIds.length) return new Map()
  return new Map(
    ctx.sql
      .all(
        ctx.qb
          .selectFrom('module_status')
          .select(['enrollment_id', (eb) => eb.fn.sum<number>('time_spent_seconds').as('seconds')])
          .where('enrollment_id', 'in', [...enrollmentIds])
          .groupBy('enrollment_id'),
      )
      .map((r) => [r.enrollment_id, Number(r.seconds ?? 0)]),
  )
}

/** "0h 20m", as the reports write total_time_spent. */
export const hoursMinutesText = (seconds: number) => `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`

/** `${user_id}:${course_id}` of the pairs that hold a course certificate. */
export function certificateHolders(ctx: EngineContext, pairs: readonly { user_id: number; course_id: number }[]): Set<string> {
  if (!pairs.length) return new Set()
  const rows = ctx.sql.all(
    ctx.qb
      .selectFrom('user_certificates')
      .select(['user_id', 'course_id'])
      .where('user_id', 'in', [...new Set(pairs.map((p) => p.user_id))])
      .where('course_id', 'in', [...new Set(pairs.map((p) => p.course_id))]),
  )
  return new Set(rows.map((r) => `${r.user_id}:${r.course_id}`))
}

/**
 * Enrollment counts by status of one user or course, or of the users (or courses) a
 * subquery selects; optionally only some statuses.
 */
export function enrollmentTotals(
  ctx: EngineContext,
  column: 'user_id' | 'course_id',
  scope: number | SelectQueryBuilder<DB, never, { id: number }>,
  statuses?: readonly string[],
) {
  let query = ctx.qb
    .selectFrom('enrollments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
  query = typeof scope === 'number' ? query.where(column, '=', scope) : query.where(column, 'in', scope as never)
  if (statuses?.length) query = query.where('status', 'in', [...statuses])
  const by = Object.fromEntries(ctx.sql.all(query).map((r) => [r.status, Number(r.n)]))
  return { totalNotStarted: by['Not Started'] ?? 0, totalInProgress: by['In Progress'] ?? 0, totalCompleted: by['Completed'] ?? 0 }
}
