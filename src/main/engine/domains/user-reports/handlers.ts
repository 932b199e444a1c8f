// Reports about users: their dashboard counts, activity history, orders, subscriptions,
// per-course report, the users report, membership holders, badges and the leaderboard.
import type { EngineContext } from '../../context'
import { defineHandlers } from '../../handlers'
import { timeSpent } from '../progress/index'
import { fullName, requireUser } from '../users/index'
import { enrollmentTotals } from '../reports/index'
import { userReportLists } from './list'

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
  ...userReportLists,

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
