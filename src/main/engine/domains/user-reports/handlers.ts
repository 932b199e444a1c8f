// Reports about users: their dashboard counts, activity history, orders, subscriptions,
// per-course report, the users report, membership holders, badges and the leaderboard.
import { USER_TYPE_LABELS, type UserType } from '../../../../shared/operations/users'
import { avatarSvg } from '../../avatar'
import type { EngineContext } from '../../context'
import { dateText, dateTimeText, relativeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { fetchPage, fullNameExpr, matchesText, withinDates } from '../../list'
import { timeSpent } from '../progress/index'
import { fullName, requireUser } from '../users/index'
import { certificateHolders, hoursMinutesText, enrollmentTotals, timeSpentByEnrollment } from '../reports/index'

const userTypeLabel = (t: string) => USER_TYPE_LABELS[t as UserType] ?? t

/** Points as a number: a badge without points counts 0. */
function badgePoints(ctx: EngineContext) {
  return ctx.sql.all(
    ctx.qb
      .selectFrom('users')
      .leftJoin('user_badges', 'user_badges.user_id', 'users.id')
      .leftJoin('badges', 'badges.id', 'user_badges.badge_id')
      .select([
        'users.id',
        'users.first_name',
        'users.last_name',
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('badges.points'), eb.lit(0)).as('points'),
        (eb) => eb.fn.count<number>('user_badges.badge_id').as('badge_count'),
      ])
      .groupBy('users.id')
      .orderBy('points', 'desc')
      .orderBy('badge_count', 'desc')
      .orderBy('users.id'),
  )
}

/** A tier for every 10 points: Level 1 from 0 to 9, Level 2 from 10, ... */
const tierOf = (points: number) => `Level ${Math.floor(points / 10) + 1}`

export const userReportHandlers = defineHandlers({
  'users.dashboardStatistics'(ctx, input) {
    const user = requireUser(ctx, input.user_id)
    const wanted = input.search_param?.status
    const totals = enrollmentTotals(ctx, 'user_id', user.id, wanted)
    const seconds = ctx.sql.first(
      ctx.qb
        .selectFrom('module_status')
        .innerJoin('enrollments', 'enrollments.id', 'module_status.enrollment_id')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('module_status.time_spent_seconds'), eb.lit(0)).as('s'))
        .where('enrollments.user_id', '=', user.id),
    )
    return {
      notStarted: totals.totalNotStarted,
      inProgress: totals.totalInProgress,
      completed: totals.totalCompleted,
      total: totals.totalNotStarted + totals.totalInProgress + totals.totalCompleted,
      studentName: fullName(user),
      timeSpent: timeSpent(Number(seconds?.s ?? 0)),
    }
  },

  'users.activities'(ctx, input) {
    const user = requireUser(ctx, input.user_id)
    const filters = input.search_param ?? {}
    const base = ctx.qb
      .selectFrom('course_activities')
      .innerJoin('courses', 'courses.id', 'course_activities.course_id')
      .where('course_activities.user_id', '=', user.id)
    let filtered = base.select([
      'course_activities.id',
      'course_activities.verb',
      'course_activities.created_at',
      'course_activities.message',
      'courses.name as course',
    ])
    // The reference's example names the course by its slug ("course-1"): either matches.
    if (filters.courseName?.trim()) filtered = filtered.where(matchesText(['courses.name', 'courses.slug'], filters.courseName.trim()))
    if (filters.status) {
      const status = filters.status
      filtered = filtered.where((eb) =>
        eb.exists(
          eb
            .selectFrom('enrollments')
            .whereRef('enrollments.course_id', '=', 'course_activities.course_id')
            .where('enrollments.user_id', '=', user.id)
            .where('enrollments.status', '=', status)
            .select('enrollments.id'),
        ),
      )
    }
    const categoryIds = (filters.courseCategoryIds ?? []).map(Number).filter(Number.isInteger)
    if (categoryIds.length) {
      filtered = filtered.where((eb) =>
        eb.exists(
          eb
            .selectFrom('course_categories')
            .whereRef('course_categories.course_id', '=', 'course_activities.course_id')
            .where('course_categories.category_id', 'in', categoryIds)
            .select('course_categories.course_id'),
        ),
      )
    }
    const page = fetchPage<{ id: number; verb: string; created_at: string; message: string; course: string }, 'created_at' | 'id' | 'verb'>(ctx.sql, {
      total: base.select('course_activities.id'),
      filtered,
      request: input,
      sortColumns: { created_at: 'course_activities.created_at', id: 'course_activities.id', verb: 'course_activities.verb' },
      defaultOrder: { colName: 'created_at', direction: 'desc' },
      tieBreaker: 'course_activities.id',
    })
    return {
      avatar: avatarSvg(user.id, user.first_name, user.last_name),
      name: fullName(user),
      email: user.email,
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      records: page.rows.map((r) => ({ ...r, created_at: dateTimeText(r.created_at) })),
    }
  },

  'users.orders'(ctx, input) {
    const user = requireUser(ctx, input.user_id)
    const base = ctx.qb.selectFrom('orders').where('orders.user_id', '=', user.id)
    const filtered = base
      .leftJoin('coupons', 'coupons.id', 'orders.coupon_id')
      .select(['orders.id', 'orders.total', 'orders.created_at', 'coupons.code as coupon'])
    const page = fetchPage<{ id: number; total: number; created_at: string; coupon: string | null }, 'created_at' | 'id' | 'total'>(ctx.sql, {
      total: base.select('orders.id'),
      filtered,
      filteredCount: base.select('orders.id'),
      request: input,
      sortColumns: { created_at: 'orders.created_at', id: 'orders.id', total: 'orders.total' },
      defaultOrder: { colName: 'created_at', direction: 'desc' },
      tieBreaker: 'orders.id',
    })
    return {
      avatar: avatarSvg(user.id, user.first_name, user.last_name),
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      currencySymbol: '&#36;',
      records: page.rows.map((r) => ({
        id: r.id,
        total: r.total.toFixed(2),
        coupon: r.coupon ?? '',
        created_at: dateTimeText(r.created_at),
      })),
    }
  },

  'users.detailedReport'(ctx, input) {
    const user = requireUser(ctx, input.user_id)
    const filters = input.search_param ?? {}
    const base = ctx.qb
      .selectFrom('enrollments')
      .innerJoin('courses', 'courses.id', 'enrollments.course_id')
      .where('enrollments.user_id', '=', user.id)
    let filtered = base.select([
      'enrollments.id',
      'enrollments.course_id',
      'enrollments.user_id',
      'courses.name as courseName',
      'enrollments.status',
      'enrollments.percent_complete',
      'enrollments.access_status',
      'enrollments.registered_at',
      'enrollments.started_at',
      'enrollments.completed_at',
      'enrollments.expire_at',
      'enrollments.last_accessed_at',
    ])
    if (typeof filters.course === 'number') filtered = filtered.where('enrollments.course_id', '=', filters.course)
    if (filters.status?.length) filtered = filtered.where('enrollments.status', 'in', filters.status)
    const page = fetchPage<
      {
        id: number
        course_id: number
        user_id: number
        courseName: string
        status: string
        percent_complete: number
        access_status: string
        registered_at: string
        started_at: string | null
        completed_at: string | null
        expire_at: string | null
        last_accessed_at: string | null
      },
      'created_at' | 'registered_on' | 'courseName' | 'status' | 'percent_complete'
    >(ctx.sql, {
      total: base.select('enrollments.id'),
      filtered,
      request: input,
      sortColumns: {
        created_at: 'enrollments.registered_at',
        registered_on: 'enrollments.registered_at',
        courseName: 'courses.name_key',
        status: 'enrollments.status',
        percent_complete: 'enrollments.percent_complete',
      },
      defaultOrder: { colName: 'registered_on', direction: 'desc' },
      tieBreaker: 'enrollments.id',
    })
    const totals = enrollmentTotals(ctx, 'user_id', user.id)
    const seconds = timeSpentByEnrollment(ctx, page.rows.map((r) => r.id))
    const certified = certificateHolders(ctx, page.rows)
    const now = ctx.now()
    return {
      ...totals,
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      records: page.rows.map((r) => ({
        courseName: r.courseName,
        status: r.status,
        percent_complete: r.percent_complete,
        access_status: r.access_status,
        registered_on: dateText(r.registered_at),
        started_on: dateText(r.started_at),
        completed_on: dateText(r.completed_at),
        expire_on: r.expire_at ? dateText(r.expire_at) : 'Never',
        last_accessed_on: relativeText(r.last_accessed_at, now),
        total_time_spent: hoursMinutesText(seconds.get(r.id) ?? 0),
        certifcate_issued: certified.has(`${r.user_id}:${r.course_id}`) ? 'Yes' : 'No',
      })),
    }
  },

  'users.report'(ctx, input) {
    const filters = input.registered_between ?? {}
    const base = ctx.qb.selectFrom('users')
    let filtered = base.select(['users.id', 'users.first_name', 'users.last_name', 'users.email', 'users.user_type', 'users.created_at', 'users.last_login_at'])
    if (filters.first_name?.trim()) filtered = filtered.where(matchesText(['users.first_name'], filters.first_name.trim()))
    if (filters.last_name?.trim()) filtered = filtered.where(matchesText(['users.last_name'], filters.last_name.trim()))
    filtered = filtered.where(withinDates('users.created_at', filters.dates))
    const page = fetchPage<
      { id: number; first_name: string; last_name: string; email: string; user_type: string; created_at: string; last_login_at: string | null },
      'created_at' | 'first_name' | 'last_name' | 'email' | 'last_login'
    >(ctx.sql, {
      total: base.select('users.id'),
      filtered,
      request: input,
      sortColumns: {
        created_at: 'users.created_at',
        first_name: 'users.first_name_key',
        last_name: 'users.last_name_key',
        email: 'users.email_key',
        last_login: 'users.last_login_at',
      },
      defaultOrder: { colName: 'created_at', direction: 'desc' },
      tieBreaker: 'users.id',
    })
    // The totals count the enrollments of every user the filters keep, not only this page's.
    const totals = enrollmentTotals(ctx, 'user_id', filtered.clearSelect().select('users.id') as never)
    return {
      ...totals,
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      records: page.rows.map((u) => ({
        id: u.id,
        first_name: u.first_name,
        last_name: u.last_name,
        email: u.email,
        user_type: userTypeLabel(u.user_type),
        created_at: dateText(u.created_at),
        last_login: u.last_login_at ? dateText(u.last_login_at) : 'Never',
      })),
    }
  },

  'users.subscriptions'(ctx, input) {
    const user = requireUser(ctx, input.user_id)
    const base = ctx.qb.selectFrom('user_subscriptions').where('user_id', '=', user.id)
    let filtered = base.select(['id', 'item', 'status', 'total', 'created_at'])
    const status = input.search_param?.status
    if (status) filtered = filtered.where('status', '=', status)
    const page = fetchPage<{ id: number; item: string; status: string; total: string; created_at: string }, 'created_at' | 'id' | 'status' | 'total'>(ctx.sql, {
      total: base.select('id'),
      filtered,
      request: input,
      sortColumns: { created_at: 'created_at', id: 'id', status: 'status', total: 'total' },
      defaultOrder: { colName: 'created_at', direction: 'desc' },
      tieBreaker: 'id',
    })
    return {
      avatar: user.id,
      recordsTotal: page.recordsTotal,
      currencySymbol: '$',
      recordsFiltered: page.recordsFiltered,
      name: fullName(user),
      email: user.email,
      records: page.rows.map((r) => ({ ...r, created_at: dateTimeText(r.created_at) })),
    }
  },

  'membership.userContents'(ctx, input) {
    const filters = input.search_param ?? {}
    const base = ctx.qb.selectFrom('users').innerJoin('user_memberships', 'user_memberships.user_id', 'users.id')
    let filtered = base.select([
      'users.id',
      'users.first_name',
      'users.last_name',
      'users.email',
      'users.user_type',
      'users.created_at',
      'users.last_login_at',
    ])
    if (filters.nameOrDescription?.trim()) {
      filtered = filtered.where(
        matchesText([fullNameExpr('users.first_name', 'users.last_name'), 'users.email', 'user_memberships.name'], filters.nameOrDescription.trim()),
      )
    }
    const page = fetchPage<
      { id: number; first_name: string; last_name: string; email: string; user_type: string; created_at: string; last_login_at: string | null },
      'created_at' | 'id' | 'first_name' | 'last_name' | 'email'
    >(ctx.sql, {
      total: base.select('users.id'),
      filtered,
      request: input,
      sortColumns: { created_at: 'users.created_at', id: 'users.id', first_name: 'users.first_name_key', last_name: 'users.last_name_key', email: 'users.email_key' },
      defaultOrder: { colName: 'created_at', direction: 'desc' },
      tieBreaker: 'users.id',
    })
    const now = ctx.now()
    return {
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      records: page.rows.map((u) => ({
        id: u.id,
        first_name: u.first_name,
        last_name: u.last_name,
        email: u.email,
        avatar: avatarSvg(u.id, u.first_name, u.last_name),
        user_type: u.user_type,
        display_user_type: userTypeLabel(u.user_type),
        created_at: dateTimeText(u.created_at),
        last_login: relativeText(u.last_login_at, now),
      })),
    }
  },

  'users.badges'(ctx, input) {
    requireUser(ctx, input.id)
    return ctx.sql
      .all(
        ctx.qb
          .selectFrom('user_badges')
          .innerJoin('badges', 'badges.id', 'user_badges.badge_id')
          .select(['badges.id', 'badges.title', 'badges.badge_icon_url', 'badges.points', 'badges.organization_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('user_badges.user_id', '=', input.id)
          .groupBy('badges.id')
          .orderBy('badges.id'),
      )
      .map((b) => ({
        id: b.id,
        title: b.title,
        badgeIconUrl: b.badge_icon_url,
        points: b.points ?? 0,
        organizationId: b.organization_id ?? '',
        count: Number(b.n),
      }))
  },

  'users.leaderboard'(ctx, input) {
    requireUser(ctx, input.id)
    const ranked = badgePoints(ctx)
    // Equal points share a rank (1, 2, 2, 4).
    let rank = 0
    let previous: number | null = null
    const rows = ranked.map((u, i) => {
      const points = Number(u.points)
      if (points !== previous) rank = i + 1
      previous = points
      return { id: u.id, rank, firstName: u.first_name, lastName: u.last_name, points, badgeCount: Number(u.badge_count) }
    })
    const me = rows.find((r) => r.id === input.id)!
    return { rankedUsers: rows.slice(0, 10), userTier: tierOf(me.points), userRank: me.rank }
  },
})
