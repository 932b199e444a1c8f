// Reads of courses shared by handlers of several domains.
import type { EngineContext } from '../../context'
import type { CourseRow } from '../../db/schema'
import { notFound } from '../../errors'
import { containsText, fullNameExpr, isAnyOf, matchesText } from '../../list'

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
/** The columns of an enrollment the lists of enrollments show (a course's learners, a learner's courses). */
export const ENROLLMENT_COLUMNS = [
  'enrollments.id',
  'enrollments.user_id',
  'enrollments.course_id',
  'enrollments.status',
  'enrollments.percent_complete',
  'enrollments.access_status',
  'enrollments.registered_at',
  'enrollments.started_at',
  'enrollments.completed_at',
  'enrollments.expire_at',
  'enrollments.last_accessed_at',
] as const

/** An enrollment's dates as a list shows them, in the text the list's reference uses (dateText, dashedDateText). */
export function enrollmentDates(
  r: { registered_at: string; started_at: string | null; completed_at: string | null; expire_at: string | null },
  text: (iso: string | null) => string,
) {
  return {
    registered_on: text(r.registered_at),
    started_on: text(r.started_at),
    completed_on: text(r.completed_at),
    expire_on: r.expire_at ? text(r.expire_at) : 'Never',
  }
}

/** The sort keys both enrolled-student lists declare alike (their percent key is spelled two ways). */
export const ENROLLED_STUDENT_ORDER = {
  registered_on: 'enrollments.registered_at',
  first_name: 'users.first_name_key',
  last_name: 'users.last_name_key',
  email: 'users.email_key',
  status: 'enrollments.status',
  last_accessed_on: 'enrollments.last_accessed_at',
} as const

/** A course's enrolled students, for its lists (courses.enrolledStudents, courseReports.courseDetailed). */
export function enrolledStudentsScope(ctx: EngineContext, courseId: number) {
  const base = ctx.qb
    .selectFrom('enrollments')
    .innerJoin('users', 'users.id', 'enrollments.user_id')
    .where('enrollments.course_id', '=', courseId)
  return {
    total: base.select('enrollments.id'),
    rows: base.select([...ENROLLMENT_COLUMNS, 'users.first_name', 'users.last_name', 'users.email']),
  }
}

/** The filters both enrolled-student lists declare. */
export const enrolledStudentFilters = {
  nameOrEmail: containsText([fullNameExpr('users.first_name', 'users.last_name'), 'users.email']),
  status: (status: readonly string[]) => isAnyOf('enrollments.status', status),
}
