import { sql as rawSql } from 'kysely'
import type { GradingState, SubmissionRecord } from '../../../../shared/operations/progress'
import { avatarSvg } from '../../avatar'
import type { EngineContext } from '../../context'
import { invalid, notFound } from '../../errors'
import { dashedDateText, dateText, dayFirstDateTimeText, relativeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { hasUnsentSql, unsentIdsSql } from '../../outbox'
import { fetchPage, fullNameExpr, matchesText } from '../../list'
import type { OrderBy } from '../../../../shared/contract/list-params'
import { listModules, requireCourse } from '../courses/index'
import { fullName, requireUser } from '../users/index'
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
  statusRowId?: number
}

// "Has unsynced changes": the status row has a submission or an evaluation whose change
// record is not sent yet. One predicate, written for its two access paths below.

/**
 * The rows with unsynced changes, driven from the unsent change records (found by their
 * state index): the unsyncedOnly filter, which would otherwise test all 10,000 queue rows.
 */
function unsyncedRowIds() {
  return rawSql<number>`(SELECT ev.status_row_id FROM evaluations ev WHERE ev.id IN ${unsentIdsSql('evaluation')}
    UNION SELECT s.status_row_id FROM submissions s WHERE s.id IN ${unsentIdsSql('submission')})`
}

/**
 * Whether one row has unsynced changes, driven from its own submissions and evaluations:
 * the column of a page's 50 rows, which would otherwise read every unsent record (a
 * trainer who grades offline leaves thousands).
 */
function rowIsUnsynced() {
  return rawSql<number>`(EXISTS (SELECT 1 FROM evaluations ev WHERE ev.status_row_id = ms.id AND ${hasUnsentSql('evaluation', rawSql.ref('ev.id'))})
    OR EXISTS (SELECT 1 FROM submissions s WHERE s.status_row_id = ms.id AND ${hasUnsentSql('submission', rawSql.ref('s.id'))}))`
}

/**
 * The grading queue's rows: status rows with at least one submission, of assignments and
 * of discussions that are evaluated, narrowed by the filters. Every condition is on
 * module_status itself (the rest are IN subqueries), so the counts need no joins and read
 * the module_status_queue_module index. `forPage` keeps the module condition away from that
 * index, so that the page query walks the index of its sort order and stops after a page
 * instead of sorting every row.
 */
function queueScope(ctx: EngineContext, filters: SubmissionFilters, courseId: number | undefined, forPage: boolean) {
  const moduleId = forPage ? rawSql<number>`+ms.module_id` : rawSql<number>`ms.module_id`
  let q = ctx.qb
    .selectFrom('module_status as ms')
    // Written as a literal, not a bound parameter: SQLite then sees the partial indexes' own
    // WHERE term and answers a count from module_status_queue_module alone (0.7 ms instead
    // of 3.3 ms on 10,000 rows).
    .where(rawSql<boolean>`ms.submission_count > 0`)
    .where((eb) =>
      eb(
        moduleId,
        'in',
        eb
          .selectFrom('modules as gm')
          .select('gm.id')
          .where((m) => m.or([m('gm.type', '=', 'assignment'), m.and([m('gm.type', '=', 'discussion'), m('gm.should_be_evaluated', '=', 1)])]))
          .$if(Boolean(filters.type), (m) => m.where('gm.type', '=', filters.type as string)),
      ),
    )
  for (const id of [courseId, filters.courseId]) {
    if (typeof id === 'number') {
      q = q.where('ms.enrollment_id', 'in', (eb) => eb.selectFrom('enrollments as ce').select('ce.id').where('ce.course_id', '=', id))
    }
  }
  const text = filters.nameOrEmail?.trim()
  if (text) {
    q = q.where('ms.enrollment_id', 'in', (eb) =>
      eb
        .selectFrom('enrollments as ne')
        .innerJoin('users as nu', 'nu.id', 'ne.user_id')
        .select('ne.id')
        .where(matchesText([fullNameExpr('nu.first_name', 'nu.last_name'), 'nu.email'], text)),
    )
  }
  const state = filters.ungradedOnly ? 'ungraded' : filters.status
  if (state === 'ungraded') q = q.where('ms.status', 'not in', ['Completed', 'Rejected'])
  if (state === 'graded') q = q.where('ms.status', '=', 'Completed')
  if (state === 'rejected') q = q.where('ms.status', '=', 'Rejected')
  if (typeof filters.moduleId === 'number') q = q.where('ms.module_id', '=', filters.moduleId)
  if (filters.unsyncedOnly) q = q.where('ms.id', 'in', unsyncedRowIds())
  if (typeof filters.statusRowId === 'number') q = q.where('ms.id', '=', filters.statusRowId)
  return q
}

/** The grading queue: one page of status rows, counted and sorted as documented lists are. */
function submissionPage(
  ctx: EngineContext,
  request: { page_size: number; page_number: number; order_by?: OrderBy<SubmissionColumn>; search_param?: SubmissionFilters },
  courseId?: number,
) {
  const filters = request.search_param ?? {}
  // First the page's row ids, sorted with only the joins the sort columns need ...
  const page = fetchPage<{ id: number }, SubmissionColumn>(ctx.sql, {
    total: queueScope(ctx, {}, courseId, false).select('ms.id'),
    filteredCount: queueScope(ctx, filters, courseId, false).select('ms.id'),
    filtered: queueScope(ctx, filters, courseId, true)
      .innerJoin('enrollments as e', 'e.id', 'ms.enrollment_id')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .innerJoin('modules as m', 'm.id', 'ms.module_id')
      .innerJoin('courses as c', 'c.id', 'e.course_id')
      .select('ms.id'),
    request,
    sortColumns: {
      updated_at: 'ms.updated_at',
      submitted_on: 'ms.last_submitted_at',
      first_name: 'u.first_name_key',
      last_name: 'u.last_name_key',
      email: 'u.email_key',
      module_name: 'm.name',
      course_name: 'c.name_key',
      status: 'ms.status',
    },
    defaultOrder: { colName: 'updated_at', direction: 'desc' },
    tieBreaker: 'ms.id',
  })
  const ids = page.rows.map((r) => r.id)
  // ... then the columns of those rows only (the subqueries run 50 times, not 10,000).
  const details = ids.length
    ? ctx.sql.all(
        ctx.qb
          .selectFrom('module_status as ms')
          .innerJoin('enrollments as e', 'e.id', 'ms.enrollment_id')
          .innerJoin('users as u', 'u.id', 'e.user_id')
          .innerJoin('modules as m', 'm.id', 'ms.module_id')
          .innerJoin('courses as c', 'c.id', 'e.course_id')
          .select([
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
            rawSql<number | null>`(SELECT MAX(s.id) FROM submissions s WHERE s.status_row_id = ms.id)`.as('submission_id'),
            rowIsUnsynced().as('unsynced'),
          ])
          .where('ms.id', 'in', ids),
      )
    : []
  const byId = new Map(details.map((r) => [r.status_row_id, r]))
  const records: SubmissionRecord[] = ids.flatMap((id) => {
    const r = byId.get(id)
    if (!r) return []
    return [
      {
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
      },
    ]
  })
  return { recordsTotal: page.recordsTotal, recordsFiltered: page.recordsFiltered, records }
}

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
