// Reads of courses shared by handlers of several domains.
import type { EngineContext } from '../../context'
import type { CourseRow } from '../../db/schema'
import { notFound } from '../../errors'
import { fullNameExpr, matchesText } from '../../list'

export function requireCourse(ctx: EngineContext, id: number): CourseRow {
  const course = ctx.sql.first(ctx.qb.selectFrom('courses').selectAll().where('id', '=', id))
  if (!course) throw notFound('reason.course_not_found', { id: String(id) })
  return course
}

export function missingCourseIds(ctx: EngineContext, ids: readonly number[]): number[] {
  if (ids.length === 0) return []
  const found = new Set(ctx.sql.all(ctx.qb.selectFrom('courses').select('id').where('id', 'in', [...ids])).map((r) => r.id))
  return ids.filter((id) => !found.has(id))
}

/**
 * A course's enrolled students, filtered by name or email and status: `base` counts every
 * enrollment of the course, `filtered` selects the rows the filters keep. The enrolled
 * students list and the course detailed report page through the same rows.
 */
export function enrolledStudentsScope(ctx: EngineContext, courseId: number, filters: { nameOrEmail?: string; status?: readonly string[] }) {
  const base = ctx.qb
    .selectFrom('enrollments')
    .innerJoin('users', 'users.id', 'enrollments.user_id')
    .where('enrollments.course_id', '=', courseId)
  let filtered = base.select([
    'enrollments.id',
    'enrollments.user_id',
    'enrollments.course_id',
    'users.first_name',
    'users.last_name',
    'users.email',
    'enrollments.status',
    'enrollments.percent_complete',
    'enrollments.access_status',
    'enrollments.registered_at',
    'enrollments.started_at',
    'enrollments.completed_at',
    'enrollments.expire_at',
    'enrollments.last_accessed_at',
  ])
  const text = filters.nameOrEmail?.trim()
  if (text) filtered = filtered.where(matchesText([fullNameExpr('users.first_name', 'users.last_name'), 'users.email'], text))
  if (filters.status?.length) filtered = filtered.where('enrollments.status', 'in', [...filters.status])
  return { base, filtered }
}
