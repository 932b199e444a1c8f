// One learner's attendance mark. Every change is a change record of the documented
// class/update-class-status (absolute value: last writer wins per class and learner).
import { classesUpdateStatus, usersUpdateClassStatus, type ClassStatus } from '../../../../shared/operations/classes'
import type { EngineContext } from '../../context'
import { invalid, notFound } from '../../errors'
import { assertOpen, requireClass } from './queries'

export function requireRegistration(ctx: EngineContext, enrollmentId: number) {
  const row = ctx.sql.first(ctx.qb.selectFrom('class_enrollments').selectAll().where('id', '=', enrollmentId))
  if (!row) throw notFound('reason.class_enrollment_not_found', { id: String(enrollmentId) })
  return row
}

/** Sets the status; returns false (and queues nothing) when it already had it. */
export function setClassStatus(
  ctx: EngineContext,
  enrollmentId: number,
  status: ClassStatus,
  classId?: number,
  operation: typeof classesUpdateStatus | typeof usersUpdateClassStatus = classesUpdateStatus,
): boolean {
  const row = requireRegistration(ctx, enrollmentId)
  if (classId !== undefined && row.class_id !== classId) {
    throw invalid('id', 'reason.not_registration_of_class', { id: String(enrollmentId), class: String(classId) })
  }
  assertOpen(requireClass(ctx, row.class_id))
  if (row.status === status) return false
  ctx.sql.run(ctx.qb.updateTable('class_enrollments').set({ status, status_updated_at: ctx.nowIso() }).where('id', '=', enrollmentId))
  ctx.recordChange({ operation, localId: enrollmentId, input: { id: enrollmentId, status, classId: row.class_id } })
  return true
}
