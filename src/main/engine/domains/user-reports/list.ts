// The lists of one user's reports (activity, orders, courses, subscriptions), the users
// report and the membership holders.
import { sql as rawSql } from 'kysely'
import { avatarSvg } from '../../avatar'
import { defineList } from '../../define-list'
import type { EngineContext } from '../../context'
import { dateText, dateTimeText, relativeText } from '../../format'
import { containsText, fullNameExpr, inCourseCategories, isAnyOf, isEqual, matchesText, withinDates } from '../../list'
import type { OpParsed } from '../../../../shared/operations/index'
import { ENROLLMENT_COLUMNS, enrollmentDates } from '../courses/index'
import { USER_LIST_COLUMNS, fullName, learnerEnrollments, requireUser, userListRecord, userTypeLabel } from '../users/index'
import { certificateHolders, hoursMinutesText, enrollmentTotals, timeSpentByEnrollment } from '../reports/index'

/** The users report's users: its filters are `registered_between`, not a search_param. */
function reportedUsers(ctx: EngineContext, input: OpParsed<'users.report'>) {
  const filters = input.registered_between ?? {}
  let rows = ctx.qb
    .selectFrom('users')
    .select(USER_LIST_COLUMNS)
  if (filters.first_name?.trim()) rows = rows.where(matchesText(['users.first_name'], filters.first_name.trim()))
  if (filters.last_name?.trim()) rows = rows.where(matchesText(['users.last_name'], filters.last_name.trim()))
  return rows.where(withinDates('users.created_at', filters.dates))
}

const userHeader = (ctx: EngineContext, userId: number) => {
  const user = requireUser(ctx, userId)
  return { user, avatar: avatarSvg(user.id, user.first_name, user.last_name) }
}

export const userReportLists = {
  ...defineList('users.activities', {
    sort: { created_at: 'course_activities.created_at', id: 'course_activities.id', verb: 'course_activities.verb' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'course_activities.id',
    query: (ctx, input) => {
      const user = requireUser(ctx, input.user_id)
      const base = ctx.qb
        .selectFrom('course_activities')
        .innerJoin('courses', 'courses.id', 'course_activities.course_id')
        .where('course_activities.user_id', '=', user.id)
      return {
        total: base.select('course_activities.id'),
        rows: base.select(['course_activities.id', 'course_activities.verb', 'course_activities.created_at', 'course_activities.message', 'courses.name as course']),
      }
    },
    filters: {
      // The reference's example names the course by its slug ("course-1"): either matches.
      courseName: containsText(['courses.name', 'courses.slug']),
      status: (status, _ctx, input) =>
        rawSql<boolean>`EXISTS (SELECT enrollments.id FROM enrollments WHERE enrollments.course_id = course_activities.course_id AND enrollments.user_id = ${input.user_id} AND enrollments.status = ${status})`,
      courseCategoryIds: (ids) => inCourseCategories('course_activities.course_id', ids),
    },
    records: (rows) => rows.map((r) => ({ ...r, created_at: dateTimeText(r.created_at) })),
    extra: (_page, ctx, input) => {
      const { user, avatar } = userHeader(ctx, input.user_id)
      return { avatar, name: fullName(user), email: user.email }
    },
  }),

  ...defineList('users.orders', {
    sort: { created_at: 'orders.created_at', id: 'orders.id', total: 'orders.total' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'orders.id',
    query: (ctx, input) => {
      const base = ctx.qb.selectFrom('orders').where('orders.user_id', '=', requireUser(ctx, input.user_id).id)
      return {
        total: base.select('orders.id'),
        rows: base.leftJoin('coupons', 'coupons.id', 'orders.coupon_id').select(['orders.id', 'orders.total', 'orders.created_at', 'coupons.code as coupon']),
        counted: base.select('orders.id'),
      }
    },
    records: (rows) => rows.map((r) => ({ id: r.id, total: r.total.toFixed(2), coupon: r.coupon ?? '', created_at: dateTimeText(r.created_at) })),
    extra: (_page, ctx, input) => ({ avatar: userHeader(ctx, input.user_id).avatar, currencySymbol: '&#36;' }),
  }),

  ...defineList('users.detailedReport', {
    sort: {
      created_at: 'enrollments.registered_at',
      registered_on: 'enrollments.registered_at',
      courseName: 'courses.name_key',
      status: 'enrollments.status',
      percent_complete: 'enrollments.percent_complete',
    },
    defaultOrder: { colName: 'registered_on', direction: 'desc' },
    tieBreaker: 'enrollments.id',
    query: (ctx, input) => {
      const base = learnerEnrollments(ctx, input.user_id)
      return { total: base.select('enrollments.id'), rows: base.select([...ENROLLMENT_COLUMNS, 'courses.name as courseName']) }
    },
    filters: {
      course: (course) => (typeof course === 'number' ? isEqual('enrollments.course_id', course) : undefined),
      status: (status) => isAnyOf('enrollments.status', status),
    },
    records: (rows, ctx) => {
      const seconds = timeSpentByEnrollment(ctx, rows.map((r) => r.id))
      const certified = certificateHolders(ctx, rows)
      const now = ctx.now()
      return rows.map((r) => ({
        courseName: r.courseName,
        status: r.status,
        percent_complete: r.percent_complete,
        access_status: r.access_status,
        ...enrollmentDates(r, dateText),
        last_accessed_on: relativeText(r.last_accessed_at, now),
        total_time_spent: hoursMinutesText(seconds.get(r.id) ?? 0),
        certifcate_issued: certified.has(`${r.user_id}:${r.course_id}`) ? 'Yes' : 'No',
      }))
    },
    extra: (_page, ctx, input) => enrollmentTotals(ctx, 'user_id', input.user_id),
  }),

  ...defineList('users.report', {
    sort: {
      created_at: 'users.created_at',
      first_name: 'users.first_name_key',
      last_name: 'users.last_name_key',
      email: 'users.email_key',
      last_login: 'users.last_login_at',
    },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'users.id',
    query: (ctx, input) => ({ total: ctx.qb.selectFrom('users').select('users.id'), rows: reportedUsers(ctx, input) }),
    records: (rows) =>
      rows.map((u) => ({
        id: u.id,
        first_name: u.first_name,
        last_name: u.last_name,
        email: u.email,
        user_type: userTypeLabel(u.user_type),
        created_at: dateText(u.created_at),
        last_login: u.last_login_at ? dateText(u.last_login_at) : 'Never',
      })),
    // The totals count the enrollments of every user the filters keep, not only this page's.
    extra: (_page, ctx, input) => enrollmentTotals(ctx, 'user_id', reportedUsers(ctx, input).clearSelect().select('users.id') as never),
  }),

  ...defineList('users.subscriptions', {
    sort: { created_at: 'created_at', id: 'id', status: 'status', total: 'total' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'id',
    query: (ctx, input) => {
      const base = ctx.qb.selectFrom('user_subscriptions').where('user_id', '=', requireUser(ctx, input.user_id).id)
      return { total: base.select('id'), rows: base.select(['id', 'item', 'status', 'total', 'created_at']) }
    },
    filters: { status: (status) => (status ? isEqual('status', status) : undefined) },
    records: (rows) => rows.map((r) => ({ ...r, created_at: dateTimeText(r.created_at) })),
    extra: (_page, ctx, input) => {
      const user = requireUser(ctx, input.user_id)
      return { avatar: user.id, currencySymbol: '$', name: fullName(user), email: user.email }
    },
  }),

  ...defineList('membership.userContents', {
    sort: { created_at: 'users.created_at', id: 'users.id', first_name: 'users.first_name_key', last_name: 'users.last_name_key', email: 'users.email_key' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'users.id',
    query: (ctx) => {
      const base = ctx.qb.selectFrom('users').innerJoin('user_memberships', 'user_memberships.user_id', 'users.id')
      return {
        total: base.select('users.id'),
        rows: base.select(USER_LIST_COLUMNS),
      }
    },
    filters: { nameOrDescription: containsText([fullNameExpr('users.first_name', 'users.last_name'), 'users.email', 'user_memberships.name']) },
    records: (rows, ctx) => {
      const now = ctx.now()
      return rows.map((u) => userListRecord(u, now))
    },
  }),
}
