// Facts about enrollments that the user and course reports both show: time spent in the
// course's modules and whether a certificate was issued. One query each for a page of rows.
import type { EngineContext } from '../../context'

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

/** Enrollment counts by status over a scope. */
export function statusTotals(rows: readonly { status: string; n: number | bigint }[]) {
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
  return { totalNotStarted: by['Not Started'] ?? 0, totalInProgress: by['In Progress'] ?? 0, totalCompleted: by['Completed'] ?? 0 }
}
