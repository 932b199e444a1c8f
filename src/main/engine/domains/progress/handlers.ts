import { sql as rawSql } from 'kysely'
import type { GradingState, SubmissionRecord } from '../../../../shared/operations/progress'
import { avatarSvg } from '../../avatar'
import type { EngineContext } from '../../context'
import { invalid, notFound } from '../../errors'
import { dashedDateText, dateText, dayFirstDateTimeText, relativeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { fetchPage, fullNameExpr, matchesText } from '../../list'
import type { OrderBy } from '../../../../shared/contract/list-params'
import { listModules } from '../courses/modules'
import { requireCourse } from '../courses/queries'
import { fullName, requireUser } from '../users/queries'
import { ensureStatusRow, gradeSummary, progressOf, recomputeEnrollment, requireEnrollment, timeSpent } from './status'

type SubmissionColumn = 'updated_at' | 'submitted_on' | 'first_name' | 'last_name' | 'email' | 'module_name' | 'course_name' | 'status'

interface SubmissionFilters {
  nameOrEmail?: string
  type?: 'assignment' | 'discussion' | ''
  ungradedOnly?: boolean
  status?: GradingState | ''
  courseId?: number | '' | null
  moduleId?: number | '' | null
  unsyncedOnly?: boolean
}

const UNSENT_STATES = ['pending', 'sending', 'parked']

/** The grading queue: status rows of gradable modules that have at least one submission. */
function submissionPage(
  ctx: EngineContext,
  request: { page_size: number; page_number: number; order_by?: OrderBy<SubmissionColumn>; search_param?: SubmissionFilters },
  courseId?: number,
) {
  const filters = request.search_param ?? {}
  let base = ctx.qb
    .selectFrom('module_status as ms')
    .innerJoin('enrollments as e', 'e.id', 'ms.enrollment_id')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .innerJoin('modules as m', 'm.id', 'ms.module_id')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .where('ms.submission_count', '>', 0)
    .where((eb) => eb.or([eb('m.type', '=', 'assignment'), eb.and([eb('m.type', '=', 'discussion'), eb('m.should_be_evaluated', '=', 1)])]))
  if (courseId !== undefined) base = base.where('e.course_id', '=', courseId)
  const unsynced = rawSql<number>`EXISTS (
    SELECT 1 FROM change_records cr
    WHERE cr.state IN (${rawSql.join(UNSENT_STATES)})
      AND ((cr.entity = 'evaluation' AND cr.local_id IN (SELECT ev.id FROM evaluations ev WHERE ev.status_row_id = ms.id))
        OR (cr.entity = 'submission' AND cr.local_id IN (SELECT s.id FROM submissions s WHERE s.status_row_id = ms.id))))`
  let filtered = base.select([
    'ms.id as status_row_id',
    'ms.module_id',
    'm.name as module_name',
    'm.type as module_type',
    'u.first_name',
    'u.last_name',
    'u.email',
    'u.id as user_id',
    'e.id as registration_id',
    'c.id as course_id',
    'c.name as course_name',
    'ms.status',
    'ms.points_awarded',
    'm.total_points',
    'ms.last_submitted_at',
    'ms.evaluated_at',
    rawSql<number>`(SELECT MAX(s.id) FROM submissions s WHERE s.status_row_id = ms.id)`.as('submission_id'),
    unsynced.as('unsynced'),
  ])
  if (filters.nameOrEmail?.trim()) {
    filtered = filtered.where(matchesText([fullNameExpr('u.first_name', 'u.last_name'), 'u.email'], filters.nameOrEmail.trim()))
  }
  if (filters.type) filtered = filtered.where('m.type', '=', filters.type)
  const state = filters.ungradedOnly ? 'ungraded' : filters.status
  if (state === 'ungraded') filtered = filtered.where('ms.status', 'not in', ['Completed', 'Rejected'])
  if (state === 'graded') filtered = filtered.where('ms.status', '=', 'Completed')
  if (state === 'rejected') filtered = filtered.where('ms.status', '=', 'Rejected')
  if (typeof filters.courseId === 'number') filtered = filtered.where('e.course_id', '=', filters.courseId)
  if (typeof filters.moduleId === 'number') filtered = filtered.where('ms.module_id', '=', filters.moduleId)
  if (filters.unsyncedOnly) filtered = filtered.where(unsynced, '=', 1)
  const page = fetchPage<
    {
      status_row_id: number
      module_id: number
      module_name: string
      module_type: string
      first_name: string
      last_name: string
      email: string
      user_id: number
      registration_id: number
      course_id: number
      course_name: string
      status: string
      points_awarded: number | null
      total_points: number | null
      last_submitted_at: string | null
      evaluated_at: string | null
      submission_id: number | null
      unsynced: number
    },
    SubmissionColumn
  >(ctx.sql, {
    total: base.select('ms.id'),
    filtered,
    request,
    sortColumns: {
      updated_at: 'ms.updated_at',
      submitted_on: 'ms.last_submitted_at',
      first_name: 'u.first_name',
      last_name: 'u.last_name',
      email: 'u.email_key',
      module_name: 'm.name',
      course_name: 'c.name',
      status: 'ms.status',
    },
    defaultOrder: { colName: 'updated_at', direction: 'desc' },
    tieBreaker: 'ms.id',
  })
  const records: SubmissionRecord[] = page.rows.map((r) => ({
    status_row_id: r.status_row_id,
    module_id: r.module_id,
    module_name: r.module_name,
    module_type: r.module_type,
    first_name: r.first_name,
    last_name: r.last_name,
    email: r.email,
    avatar: avatarSvg(r.user_id, r.first_name, r.last_name),
    submission_id: r.submission_id ?? 0,
    submitted_on: dashedDateText(r.last_submitted_at),
    course_id: r.course_id,
    course_name: r.course_name,
    user_id: r.user_id,
    registration_id: r.registration_id,
    status: r.status,
    grading_status: r.status === 'Rejected' ? 'rejected' : r.status === 'Completed' ? 'graded' : 'ungraded',
    points_awarded: r.points_awarded,
    total_points: r.total_points,
    submitted_at: r.last_submitted_at ?? '',
    evaluated_on: r.evaluated_at ? dateText(r.evaluated_at) : '',
    unsynced: r.unsynced === 1,
  }))
  return { recordsTotal: page.recordsTotal, recordsFiltered: page.recordsFiltered, records }
}

function enrollmentOf(ctx: EngineContext, courseId: number, userId: number) {
  const row = ctx.sql.first(ctx.qb.selectFrom('enrollments').selectAll().where('course_id', '=', courseId).where('user_id', '=', userId))
  if (!row) throw notFound(`User ${userId} is not enrolled in course ${courseId}.`)
  return row
}

function expiryText(expireAt: string | null, now: Date): string {
  if (!expireAt) return 'Unlimited days'
  const days = Math.ceil((new Date(expireAt).getTime() - now.getTime()) / 86_400_000)
  return days <= 0 ? 'Expired' : `${days} days`
}

export const progressHandlers = defineHandlers({
  'courses.submissions'(ctx, input) {
    const course = requireCourse(ctx, input.course_id)
    return { courseName: course.name, featuredImage: course.featured_image_url, ...submissionPage(ctx, input, course.id) }
  },

  'courses.allSubmissions'(ctx, input) {
    return submissionPage(ctx, input)
  },

  'courses.gradebook'(ctx, input) {
    const enrollment = requireEnrollment(ctx, input.id)
    if (input.userId !== undefined && input.userId !== enrollment.user_id) {
      throw notFound(`Enrollment ${input.id} does not belong to user ${input.userId}.`)
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
    const fields: Record<string, string[]> = {}
    input.modules.forEach((m, i) => {
      if (!placed.has(m.module_id)) fields[`modules.${i}.module_id`] = [`Module ${m.module_id} is not part of ${course.name}.`]
    })
    if (Object.keys(fields).length) throw invalid(Object.keys(fields)[0], Object.values(fields)[0][0])
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
    if (enrollment.access_status !== 'Allowed') throw invalid('registrationId', `Access to ${course.name} is revoked for this learner.`)
    const at = ctx.nowIso()
    ctx.sql.run(ctx.qb.updateTable('enrollments').set({ last_accessed_at: at }).where('id', '=', enrollment.id))
    if (enrollment.status === 'Not Started') {
      ctx.sql.run(ctx.qb.updateTable('enrollments').set({ status: 'In Progress', started_at: at }).where('id', '=', enrollment.id))
      const user = requireUser(ctx, enrollment.user_id)
      ctx.courseActivity({ courseId: course.id, userId: user.id, studentName: fullName(user), verb: 'STARTED', message: `${fullName(user)} has started ${course.name}` })
      ctx.recordChange({ localId: enrollment.id, input: { registrationId: enrollment.id } })
    }
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
