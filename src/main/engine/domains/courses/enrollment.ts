// Enrolling and removing students; used by course/enroll, course/remove and user/quickEdit.
import { coursesEnroll } from '../../../../shared/operations/courses'
import type { EngineContext } from '../../context'
import { withdrawNeverSent } from '../../unsent'
import { invalid } from '../../errors'
import { fullName, missingUserIds, userNameOf } from '../users/index'
import { requireCourse } from './queries'

function accessExpiry(course: { duration_rule: string; duration_specific_date: string | null; duration_days: number | null }, now: Date): string | null {
  if (course.duration_rule === 'on_specific_date' && course.duration_specific_date) {
    const d = new Date(course.duration_specific_date)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  if (course.duration_rule === 'x_days_after_enrollment' && course.duration_days) {
    return new Date(now.getTime() + course.duration_days * 86_400_000).toISOString()
  }
  return null
}

export interface EnrollOutcome {
  enrolled: number[]
  alreadyEnrolled: number[]
}

/** Enrolls each user once; users already enrolled are reported, not duplicated. */
export function enrollUsers(ctx: EngineContext, courseId: number, userIds: readonly number[], groupId: number | null): EnrollOutcome {
  const course = requireCourse(ctx, courseId)
  const ids = [...new Set(userIds)]
  const missing = missingUserIds(ctx, ids)
  if (missing.length) throw invalid('studentIds', 'reason.ids_invalid', { field: 'student_ids', ids: missing.join(', ') })
  const existing = new Set(
    ctx.sql
      .all(ctx.qb.selectFrom('enrollments').select('user_id').where('course_id', '=', courseId).where('user_id', 'in', ids))
      .map((r) => r.user_id),
  )
  const now = ctx.now()
  const enrolled: number[] = []
  for (const userId of ids) {
    if (existing.has(userId)) continue
    const { lastInsertRowid: enrollmentId } = ctx.sql.run(
      ctx.qb.insertInto('enrollments').values({
        course_id: courseId,
        user_id: userId,
        group_id: groupId,
        status: 'Not Started',
        percent_complete: 0,
        access_status: 'Allowed',
        registered_at: now.toISOString(),
        started_at: null,
        completed_at: null,
        expire_at: accessExpiry(course, now),
        last_accessed_at: null,
      }),
    )
    const user = ctx.sql.first(userNameOf(userId))
    const name = user ? fullName(user) : `User ${userId}`
    ctx.courseActivity({ courseId, userId, studentName: name, verb: 'ENROLLED', message: `${name} is enrolled to ${course.name}` })
    ctx.recordChange({
      operation: coursesEnroll,
      localId: enrollmentId,
      input: { id: courseId, studentIds: [userId], ...(groupId ? { groupId } : {}) },
    })
    enrolled.push(userId)
  }
  return { enrolled, alreadyEnrolled: ids.filter((id) => existing.has(id)) }
}

/** The enrollments of one course named by id; ids of other courses' enrollments are a 422. */
export function courseEnrollments(ctx: EngineContext, courseId: number, enrollmentIds: readonly number[]) {
  const course = requireCourse(ctx, courseId)
  const ids = [...new Set(enrollmentIds)]
  const rows = ctx.sql.all(
    ctx.qb
      .selectFrom('enrollments')
      .innerJoin('users', 'users.id', 'enrollments.user_id')
      .select([
        'enrollments.id',
        'enrollments.user_id',
        'enrollments.access_status',
        'enrollments.expire_at',
        'enrollments.status',
        'users.first_name',
        'users.last_name',
      ])
      .where('enrollments.course_id', '=', courseId)
      .where('enrollments.id', 'in', ids)
      .orderBy('enrollments.id'),
  )
  const found = new Set(rows.map((r) => r.id))
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length) throw invalid('enrollmentIds', 'reason.enrollments_not_of_course_id', { course: String(courseId), ids: missing.join(', ') })
  return { course, rows }
}

/** Removes enrollments of one course; ids that are not enrollments of that course are a 422. */
export function removeEnrollments(ctx: EngineContext, courseId: number, enrollmentIds: readonly number[]): number {
  const { course, rows } = courseEnrollments(ctx, courseId, enrollmentIds)
  for (const row of rows) {
    ctx.sql.run(ctx.qb.deleteFrom('enrollments').where('id', '=', row.id))
    const name = fullName(row)
    ctx.courseActivity({ courseId, userId: row.user_id, studentName: name, verb: 'REMOVED', message: `${name} is removed from ${course.name}` })
    if (!withdrawNeverSent(ctx, 'enrollment', row.id, coursesEnroll.name)) ctx.recordChange({ localId: row.id, input: { id: courseId, enrollmentIds: [row.id] } })
  }
  return rows.length
}

/** Splits user or course ids into those without enrollments (deletable) and those with (refused, as the hosted API does). */
export function splitByEnrollments(ctx: EngineContext, column: 'user_id' | 'course_id', ids: readonly number[]): { free: number[]; enrolled: number[] } {
  const withEnrollments = new Set(
    ctx.sql.all(ctx.qb.selectFrom('enrollments').select(column).distinct().where(column, 'in', [...ids])).map((r) => (r as Record<string, number>)[column]),
  )
  return { free: ids.filter((id) => !withEnrollments.has(id)), enrolled: ids.filter((id) => withEnrollments.has(id)) }
}
