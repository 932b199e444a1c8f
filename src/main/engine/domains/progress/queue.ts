// The grading queue (courses.submissions, courses.allSubmissions): status rows with a
// submission, read in two steps, first the page's ids, then those rows' columns.
import { sql as rawSql } from 'kysely'
import type { GradingState, SubmissionRecord } from '../../../../shared/operations/progress'
import { avatarSvg } from '../../avatar'
import type { OpParsed } from '../../../../shared/operations/index'
import type { EngineContext } from '../../context'
import { defineList, listSpec } from '../../define-list'
import { dashedDateText, dateText } from '../../format'
import { fullNameExpr, matchesText } from '../../list'
import { hasUnsentSql, unsentIdsSql } from '../../outbox'
import { requireCourse } from '../courses/index'

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

/** The queue of one course (courses.submissions) or of all (courses.allSubmissions). */
const submissionList = (courseOf: (ctx: EngineContext, input: object) => number | undefined) =>
  listSpec<'courses.allSubmissions'>()({
    sort: {
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
    // The filters are conditions on module_status alone (see queueScope), read here.
    query: (ctx, input) => {
      const filters = input.search_param ?? {}
      const courseId = courseOf(ctx, input)
      // First the page's row ids, sorted with only the joins the sort columns need; submissionRecords then reads their columns.
      return {
        total: queueScope(ctx, {}, courseId, false).select('ms.id'),
        counted: queueScope(ctx, filters, courseId, false).select('ms.id'),
        rows: queueScope(ctx, filters, courseId, true)
          .innerJoin('enrollments as e', 'e.id', 'ms.enrollment_id')
          .innerJoin('users as u', 'u.id', 'e.user_id')
          .innerJoin('modules as m', 'm.id', 'ms.module_id')
          .innerJoin('courses as c', 'c.id', 'e.course_id')
          .select('ms.id'),
      }
    },
    records: (rows, ctx) => submissionRecords(ctx, rows.map((r) => r.id)),
  })

/** The queue's page, in its order: the columns of those rows only (the subqueries run 50 times, not 10,000). */
function submissionRecords(ctx: EngineContext, ids: readonly number[]): SubmissionRecord[] {
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
  return ids.flatMap((id) => {
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
}

export const submissionLists = {
  ...defineList('courses.submissions', {
    // The spec is written for both queues, so its input is the wider one's: the course is this one's.
    ...submissionList((ctx, input) => requireCourse(ctx, (input as OpParsed<'courses.submissions'>).course_id).id),
    extra: (_page, ctx, input) => {
      const course = requireCourse(ctx, input.course_id)
      return { courseName: course.name, featuredImage: course.featured_image_url }
    },
  }),
  ...defineList('courses.allSubmissions', submissionList(() => undefined)),
}
