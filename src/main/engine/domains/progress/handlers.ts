import type { EngineContext } from '../../context'
import { invalid, notFound } from '../../errors'
import { dayFirstDateTimeText, relativeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { submissionLists } from './queue'
import { listModules } from '../courses/index'
import { requireCourse } from '../courses/index'
import { fullName, requireUser } from '../users/index'
import { ensureStatusRow, gradeSummary, progressOf, recomputeEnrollment, requireEnrollment, timeSpent } from './status'

function enrollmentOf(ctx: EngineContext, courseId: number, userId: number) {
  const row = ctx.sql.first(ctx.qb.selectFrom('enrollments').selectAll().where('course_id', '=', courseId).where('user_id', '=', userId))
  if (!row) throw notFound('reason.user_not_enrolled', { user: String(userId), course: String(courseId) })
  return row
}

function expiryText(expireAt: string | null, now: Date): string {
  if (!expireAt) return 'Unlimited days'
  const days = Math.ceil((new Date(expireAt).getTime() - now.getTime()) / 86_400_000)
  return days <= 0 ? 'Expired' : `${days} days`
}

export const progressHandlers = defineHandlers({
  ...submissionLists,

  'courses.gradebook'(ctx, input) {
    const enrollment = requireEnrollment(ctx, input.id)
    if (input.userId !== undefined && input.userId !== enrollment.user_id) {
      throw notFound('reason.enrollment_not_users', { id: String(input.id), user: String(input.userId) })
    }
    const course = requireCourse(ctx, enrollment.course_id)
    const summary = gradeSummary(ctx, enrollment)
    const now = ctx.now()
    const seconds = summary.modules.reduce((sum, m) => sum + (m.total_time_spent ? m.total_time_spent.totalSeconds : 0), 0)
    return {
      name: course.name,
      modules: summary.modules,
      id: enrollment.id,
      userId: enrollment.user_id,
      permalink: course.slug,
      featuredImageUrl: course.featured_image_url,
      instructions: course.instructions,
      accessStatus: enrollment.access_status,
      status: enrollment.status,
      completionPercentage: enrollment.percent_complete,
      timeSpent: timeSpent(seconds),
      enrollmentDate: dayFirstDateTimeText(enrollment.registered_at).slice(0, 11),
      isExpired: enrollment.expire_at !== null && new Date(enrollment.expire_at) < now,
      daysToExpire: expiryText(enrollment.expire_at, now),
      lastAccessed: relativeText(enrollment.last_accessed_at, now),
      isCertificateAvailable: enrollment.status === 'Completed' && JSON.parse(course.certificate_templates).length > 0,
      gradingRule: course.grading_rule,
      totalMarks: summary.totalMarks,
      obtainedMarks: summary.obtainedMarks,
      percentage: summary.percentage,
    }
  },

  'courses.progressEdit'(ctx, input) {
    const course = requireCourse(ctx, input.id)
    const user = requireUser(ctx, input.userId)
    const enrollment = enrollmentOf(ctx, course.id, user.id)
    return {
      name: course.name,
      // The edit view answers a time object even for modules never opened.
      modules: progressOf(ctx, enrollment).map((m) => ({ ...m, total_time_spent: m.total_time_spent || timeSpent(0), display_status: m.status, is_collapsed: true })),
      id: enrollment.id,
      course_id: course.id,
      userId: user.id,
      userName: fullName(user),
      email: user.email,
      featuredImageUrl: course.featured_image_url,
      status: enrollment.status,
      completionPercentage: enrollment.percent_complete,
      enrollmentDate: enrollment.registered_at.replace('T', ' ').slice(0, 19),
      expiryDate: enrollment.expire_at ? enrollment.expire_at.replace('T', ' ').slice(0, 19) : '',
      completionDate: enrollment.completed_at ? enrollment.completed_at.replace('T', ' ').slice(0, 19) : '',
      startDate: enrollment.started_at ? enrollment.started_at.replace('T', ' ').slice(0, 19) : '',
      lastAccessed: enrollment.last_accessed_at ? relativeText(enrollment.last_accessed_at, ctx.now()) : '',
    }
  },

  'courses.progressUpdate'(ctx, input) {
    const course = requireCourse(ctx, input.id)
    if (input.userId === undefined || input.modules === undefined) {
      // No body (as documented): bring every learner's completion in line with their module statuses.
      const ids = ctx.sql.all(ctx.qb.selectFrom('enrollments').select('id').where('course_id', '=', course.id)).map((r) => r.id)
      for (const enrollmentId of ids) recomputeEnrollment(ctx, enrollmentId)
      return { message: `Progress recalculated for ${ids.length} learner(s)`, completionPercentage: 0, status: '' }
    }
    const enrollment = enrollmentOf(ctx, course.id, requireUser(ctx, input.userId).id)
    const placed = new Set(listModules(ctx, course.id).map((p) => p.module_id))
    const wrong = input.modules.findIndex((m) => !placed.has(m.module_id))
    if (wrong >= 0) throw invalid(`modules.${wrong}.module_id`, 'reason.module_not_in_course', { id: String(input.modules[wrong].module_id), course: course.name })
    const at = ctx.nowIso()
    let changed = false
    for (const m of input.modules) {
      const row = ensureStatusRow(ctx, enrollment.id, m.module_id)
      if (row.status === m.status) continue
      ctx.sql.run(
        ctx.qb
          .updateTable('module_status')
          .set({
            status: m.status,
            started_at: m.status === 'Not Started' ? null : (row.started_at ?? at),
            completed_at: m.status === 'Completed' ? (row.completed_at ?? at) : null,
            updated_at: at,
          })
          .where('id', '=', row.id),
      )
      changed = true
    }
    const after = recomputeEnrollment(ctx, enrollment.id)
    if (changed) {
      ctx.recordChange({
        localId: enrollment.id,
        input: { id: course.id, userId: enrollment.user_id, modules: input.modules.map((m) => ({ module_id: m.module_id, status: m.status })) },
      })
    }
    return { message: 'Progress updated successfully', completionPercentage: after.percent_complete, status: after.status }
  },

  'courses.launch'(ctx, input) {
    const enrollment = requireEnrollment(ctx, input.registrationId)
    const course = requireCourse(ctx, enrollment.course_id)
    if (enrollment.access_status !== 'Allowed') throw invalid('registrationId', 'reason.access_revoked_course', { course: course.name })
    const at = ctx.nowIso()
    ctx.sql.run(ctx.qb.updateTable('enrollments').set({ last_accessed_at: at }).where('id', '=', enrollment.id))
    if (enrollment.status === 'Not Started') {
      ctx.sql.run(ctx.qb.updateTable('enrollments').set({ status: 'In Progress', started_at: at }).where('id', '=', enrollment.id))
      const user = requireUser(ctx, enrollment.user_id)
      ctx.courseActivity({ courseId: course.id, userId: user.id, studentName: fullName(user), verb: 'STARTED', message: `${fullName(user)} has started ${course.name}` })
      ctx.recordChange({ localId: enrollment.id, input: { registrationId: enrollment.id } })
    } else {
      const user = requireUser(ctx, enrollment.user_id)
      ctx.courseActivity({ courseId: course.id, userId: user.id, studentName: fullName(user), verb: 'ACCESSED', message: `${fullName(user)} has accessed ${course.name}` })
    }
    // The documented launch "sets all the progress and status of the course modules": every
    // placed module gets its status row here, so a learner enrolled offline has a statusRowId
    // to submit to (assignments.submit names the row, not the module).
    for (const placed of listModules(ctx, course.id)) ensureStatusRow(ctx, enrollment.id, placed.module_id)
    const after = requireEnrollment(ctx, enrollment.id)
    const progress = progressOf(ctx, after)
    const firstOpen = progress.find((m) => m.status !== 'Completed') ?? progress[0]
    const now = ctx.now()
    return {
      name: course.name,
      modules: progress.map((m) => ({ ...m, is_current: m.module_id === firstOpen?.module_id })),
      permalink: course.slug,
      featuredImageUrl: course.featured_image_url,
      instructions: course.instructions,
      accessStatus: after.access_status,
      status: after.status,
      completionPercentage: after.percent_complete,
      timeSpent: timeSpent(progress.reduce((sum, m) => sum + (m.total_time_spent ? m.total_time_spent.totalSeconds : 0), 0)),
      enrollmentDate: dayFirstDateTimeText(after.registered_at).slice(0, 11),
      isExpired: after.expire_at !== null && new Date(after.expire_at) < now,
      daysToExpire: expiryText(after.expire_at, now),
      lastAccessed: relativeText(after.last_accessed_at, now),
    }
  },
})
