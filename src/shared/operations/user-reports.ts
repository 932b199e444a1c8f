// Reports and histories of users (Users group): dashboard statistics, activities, orders,
// subscriptions, the per-user course report, the users report, membership members,
// badges and the leaderboard.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id, listParams, orderByParam, pageNumber, pageSize, type ListPage } from '../contract/list-params'
import { activityListParams, type EnrollmentReportFields } from './courses'
import { ENROLLMENT_STATUSES, enrollmentStatusList } from './users'

export const usersDashboardStatistics = defineOperation({
  name: 'users.dashboardStatistics',
  summary: "Counts of a user's courses by status and their time spent",
  kind: 'read',
  method: 'GET',
  route: 'api/user/dashboard/statistics',
  input: z.object({
    user_id: id,
    ...listParams(['registered_on', 'courseName', 'status'] as const, z.object({ status: enrollmentStatusList.optional() })),
  }),
  output: returns<{
    notStarted: number
    inProgress: number
    completed: number
    total: number
    studentName: string
    timeSpent: { hours: number; minutes: number; seconds: number; totalSeconds: number }
  }>(),
})

export interface UserActivityRecord {
  id: number
  verb: string
  created_at: string
  message: string
  course: string
}

export const usersActivities = defineOperation({
  name: 'users.activities',
  summary: 'Course activities of one user',
  kind: 'read',
  method: 'GET',
  route: 'api/user-activities',
  input: z.object({
    user_id: id,
    ...activityListParams(
      z.object({
        courseCategoryIds: z.array(z.union([z.number(), z.string()])).max(1000).optional(),
        courseName: z.string().max(255).optional(),
        status: z.union([z.enum(ENROLLMENT_STATUSES), z.literal('')]).optional(),
      }),
    ),
  }),
  output: returns<ListPage<UserActivityRecord> & { avatar: string; name: string; email: string }>(),
})

export interface UserOrderRecord {
  id: number
  total: string
  /** The discount coupon code the order used, or ''. */
  coupon: string
  created_at: string
}

export const usersOrders = defineOperation({
  name: 'users.orders',
  summary: 'Orders a user placed',
  kind: 'read',
  method: 'GET',
  route: 'api/user-orders',
  input: z.object({
    user_id: id,
    page_size: pageSize,
    page_number: pageNumber,
    order_by: orderByParam(['created_at', 'id', 'total'] as const).optional(),
  }),
  output: returns<ListPage<UserOrderRecord> & { avatar: string; currencySymbol: string }>(),
})

export interface UserCourseReportRecord extends EnrollmentReportFields {
  courseName: string
}

export const usersDetailedReport = defineOperation({
  name: 'users.detailedReport',
  summary: "One user's courses with progress, time spent and certificates",
  kind: 'read',
  method: 'GET',
  route: 'api/user/reports/user-detailed',
  input: z.object({
    user_id: id,
    // Groups (user categories) have no members locally yet: accepted, not applied.
    group_id: id.optional(),
    ...listParams(
      ['created_at', 'registered_on', 'courseName', 'status', 'percent_complete'] as const,
      z.object({
        course: z.union([id, z.literal(''), z.null()]).optional(),
        status: enrollmentStatusList.optional(),
      }),
    ),
  }),
  output: returns<ListPage<UserCourseReportRecord> & { totalNotStarted: number; totalInProgress: number; totalCompleted: number }>(),
})

/**
 * `registered_between`: despite its name the reference's example filters by name
 * (`{"first_name": ..., "last_name": ...}`); a `[from, to]` pair of dates, or `dates` in
 * the object, narrows by registration date.
 */
const registeredBetween = z.union([z.string().max(2000), z.array(z.string().max(40)).max(2), z.record(z.string(), z.unknown())]).transform((value, ctx) => {
  let parsed: unknown = value
  if (typeof value === 'string') {
    if (value.trim() === '') return {}
    try {
      parsed = JSON.parse(value)
    } catch {
      ctx.addIssue({ code: 'custom', message: 'The registered between must be a valid JSON string.' })
      return z.NEVER
    }
  }
  if (Array.isArray(parsed)) parsed = { dates: parsed }
  const shape = z
    .object({
      first_name: z.string().max(255).optional(),
      last_name: z.string().max(255).optional(),
      dates: z.array(z.string().max(40)).max(2).optional(),
    })
    .strict()
    .safeParse(parsed)
  if (!shape.success) {
    ctx.addIssue({ code: 'custom', message: 'The registered between may hold first_name, last_name and dates [from, to] only.' })
    return z.NEVER
  }
  return shape.data
})

export interface UsersReportRecord {
  id: number
  first_name: string
  last_name: string
  email: string
  user_type: string
  created_at: string
  last_login: string
}

export const usersReport = defineOperation({
  name: 'users.report',
  summary: 'Users with their course totals by status',
  kind: 'read',
  method: 'GET',
  route: 'api/users/report',
  input: z.object({
    page_size: pageSize,
    page_number: pageNumber,
    order_by: orderByParam(['created_at', 'first_name', 'last_name', 'email', 'last_login'] as const).optional(),
    registered_between: registeredBetween.optional(),
  }),
  output: returns<ListPage<UsersReportRecord> & { totalNotStarted: number; totalInProgress: number; totalCompleted: number }>(),
})

export const SUBSCRIPTION_STATUSES = ['Active', 'Cancelled', 'Expired', 'Pending'] as const

export interface UserSubscriptionRecord {
  id: number
  item: string
  status: string
  total: string
  created_at: string
}

/** The documented search_param is a bare status ("Active"); a JSON `{"status": ...}` is taken too. */
const subscriptionSearch = z.string().max(200).transform((value, ctx) => {
  const text = value.trim()
  if (text === '') return { status: undefined }
  let status: unknown = text
  if (text.startsWith('{')) {
    try {
      status = (JSON.parse(text) as { status?: unknown }).status
    } catch {
      ctx.addIssue({ code: 'custom', message: 'The search param must be a status or a JSON object.' })
      return z.NEVER
    }
  }
  if (status === undefined || status === '') return { status: undefined }
  const match = SUBSCRIPTION_STATUSES.find((s) => s.toLowerCase() === String(status).toLowerCase())
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `The search param status is invalid. Allowed: ${SUBSCRIPTION_STATUSES.join(', ')}.` })
    return z.NEVER
  }
  return { status: match }
})

export const usersSubscriptions = defineOperation({
  name: 'users.subscriptions',
  summary: "A user's subscriptions",
  kind: 'read',
  method: 'GET',
  route: 'api/user-subscriptions',
  input: z.object({
    user_id: id,
    page_size: pageSize,
    page_number: pageNumber,
    order_by: orderByParam(['created_at', 'id', 'status', 'total'] as const).optional(),
    search_param: subscriptionSearch.optional(),
  }),
  // `avatar` is documented as a number (the user's id), not the SVG other lists answer.
  output: returns<ListPage<UserSubscriptionRecord> & { avatar: number; currencySymbol: string; name: string; email: string }>(),
})

export interface MembershipMemberRecord {
  id: number
  first_name: string
  last_name: string
  email: string
  avatar: string
  user_type: string
  display_user_type: string
  created_at: string
  last_login: string
}

export const membershipUserContents = defineOperation({
  name: 'membership.userContents',
  summary: 'Users holding a membership plan',
  kind: 'read',
  method: 'GET',
  route: 'api/membership/user-contents',
  input: z.object(
    listParams(
      ['created_at', 'id', 'first_name', 'last_name', 'email'] as const,
      z.object({
        // Which content (courses, modules) a plan opens is kept on the hosted store, not
        // offline: the filter is accepted and narrows nothing.
        type: z.array(z.enum(['course', 'module'])).max(2).optional(),
        nameOrDescription: z.string().max(255).optional(),
      }),
    ),
  ),
  output: returns<ListPage<MembershipMemberRecord>>(),
})

export interface UserBadgeRecord {
  id: number
  title: string
  badgeIconUrl: string
  points: number
  organizationId: string
  count: number
}

export const usersBadges = defineOperation({
  name: 'users.badges',
  summary: 'Badges a user has earned, with how many times',
  kind: 'read',
  method: 'GET',
  route: 'api/user/badges/{id}',
  input: z.object({ id }),
  output: returns<UserBadgeRecord[]>(),
})

export const usersLeaderboard = defineOperation({
  name: 'users.leaderboard',
  summary: 'Users ranked by badge points, and where one user stands',
  kind: 'read',
  method: 'GET',
  route: 'api/user/leaderboard/{id}',
  input: z.object({ id }),
  output: returns<{
    rankedUsers: { id: number; rank: number; firstName: string; lastName: string; points: number; badgeCount: number }[]
    userTier: string
    userRank: number
  }>(),
})

export const userReportOperations = [
  usersDashboardStatistics,
  usersActivities,
  usersOrders,
  usersDetailedReport,
  usersReport,
  usersSubscriptions,
  membershipUserContents,
  usersBadges,
  usersLeaderboard,
] as const
