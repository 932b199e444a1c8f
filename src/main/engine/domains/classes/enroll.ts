// Registering learners in a class and taking them out; used by class/enroll, class/remove,
// the Attendance screen's walk-ins and the bulk import.
import { classesEnroll, classesRemove } from '../../../../shared/operations/classes'
import type { EngineContext } from '../../context'
import { withdrawNeverSent } from '../../unsent'
import { invalid } from '../../errors'
import { englishReason, type ReasonKey } from '../../reasons'
import { assertOpen, requireClass } from './queries'

export interface ClassEnrollOutcome {
  enrolled: number
  /** Users not registered, with why: already in the class, or no such user. */
  notEnrolled: { userId: number; reason: string; reasonKey: ReasonKey }[]
  /** The registration ids created, in the order of `userIds`. */
  enrollmentIds: number[]
}

/** Registers each user once; those already registered are reported, never duplicated. */
export function enrollUsersInClass(ctx: EngineContext, classId: number, userIds: number[], groupId: number | null = null): ClassEnrollOutcome {
  const cls = requireClass(ctx, classId)
  assertOpen(cls)
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return { enrolled: 0, notEnrolled: [], enrollmentIds: [] }
  const known = new Set(ctx.sql.all(ctx.qb.selectFrom('users').select('id').where('id', 'in', ids)).map((r) => r.id))
  const already = new Set(
    ctx.sql
      .all(ctx.qb.selectFrom('class_enrollments').select('user_id').where('class_id', '=', classId).where('user_id', 'in', ids))
      .map((r) => r.user_id),
  )
  const at = ctx.nowIso()
  const notEnrolled: ClassEnrollOutcome['notEnrolled'] = []
  const enrollmentIds: number[] = []
  for (const userId of ids) {
    if (!known.has(userId)) {
      notEnrolled.push({ userId, reason: englishReason('reason.no_such_user', { user: String(userId) }), reasonKey: 'reason.no_such_user' })
      continue
    }
    if (already.has(userId)) {
      notEnrolled.push({ userId, reason: englishReason('reason.already_in_class'), reasonKey: 'reason.already_in_class' })
      continue
    }
    const { lastInsertRowid } = ctx.sql.run(
      ctx.qb.insertInto('class_enrollments').values({
        class_id: classId,
        user_id: userId,
        group_id: groupId,
        status: 'Registered',
        note: null,
        registered_at: at,
        status_updated_at: null,
        last_accessed_at: null,
        certificate_issued_at: null,
      }),
    )
    enrollmentIds.push(lastInsertRowid)
    ctx.recordChange({ operation: classesEnroll, localId: lastInsertRowid, input: { id: classId, studentIds: [userId], ...(groupId ? { groupId } : {}) } })
  }
  return { enrolled: enrollmentIds.length, notEnrolled, enrollmentIds }
}

/** Takes registrations out of a class; ids that are not registrations of that class are a 422. */
export function removeFromClass(ctx: EngineContext, classId: number, enrollmentIds: readonly number[]): number {
  const cls = requireClass(ctx, classId)
  assertOpen(cls)
  const ids = [...new Set(enrollmentIds)]
  const found = new Set(
    ctx.sql.all(ctx.qb.selectFrom('class_enrollments').select('id').where('class_id', '=', classId).where('id', 'in', ids)).map((r) => r.id),
  )
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length) throw invalid('enrollmentIds', 'reason.not_registrations_of_class', { id: String(classId), ids: missing.join(', ') })
  for (const id of ids) {
    ctx.sql.run(ctx.qb.deleteFrom('class_enrollments').where('id', '=', id))
    if (!withdrawNeverSent(ctx, 'class_enrollment', id, classesEnroll.name)) ctx.recordChange({ operation: classesRemove, localId: id, input: { id: classId, enrollmentIds: [id] } })
  }
  return ids.length
}
