// The demo world's custom user fields, addresses, memberships, subscriptions, the
// enrollment the course bulk-action examples name (9, beside 6, in course 1) and a badge
// for user 1 (user/badges/1). Runs last, so rows other seeds made are seen.
import type { Sql } from '../db/sql'

export function seedAdmin(sql: Sql, now: Date): void {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString()
  const fields = [
    { id: 1, type: 'text', label: 'How you left', user_meta_key: 'how_you_left', is_required: 0, on_registration_page: 0, on_certificate: 1, report_exports: ['export-users', 'export-orders'], options: [] },
    { id: 2, type: 'textarea', label: 'What is your home address', user_meta_key: 'what_is_your_home_address', is_required: 1, on_registration_page: 1, on_certificate: 0, report_exports: [], options: [] },
    { id: 3, type: 'dropdown', label: 'Department', user_meta_key: 'department', is_required: 0, on_registration_page: 1, on_certificate: 1, report_exports: ['export-users', 'course-insight'], options: ['Operations', 'Sales', 'Finance', 'People'] },
  ]
  fields.forEach((f, display_order) =>
    sql.run(
      sql.qb.insertInto('custom_user_fields').values({
        id: f.id,
        type: f.type,
        label: f.label,
        user_meta_key: f.user_meta_key,
        default_value: null,
        is_required: f.is_required,
        option_label: JSON.stringify(f.options),
        on_registration_page: f.on_registration_page,
        on_certificate: f.on_certificate,
        report_exports: JSON.stringify(f.report_exports),
        display_order,
        created_at: '2020-08-05T10:00:00.000Z',
        updated_at: '2020-08-05T10:00:00.000Z',
      }),
    ),
  )

  // Address 1 is John Doe's (user 4) default, as user/userAddress/4, getaddress/1 and default-address/4 show.
  const addresses = [
    { id: 1, user_id: 4, is_default: 1, full_name: 'John Doe', address_line1: 'Boring Street', address_line2: 'Awesome Colony', zipcode: '123456', city: 'Mumbai', state: 'MH', country: 'IN' },
    { id: 2, user_id: 4, is_default: 0, full_name: 'John Doe', address_line1: '12 Harbour Road', address_line2: null, zipcode: '400001', city: 'Mumbai', state: 'MH', country: 'IN' },
    { id: 3, user_id: 3, is_default: 1, full_name: 'Demo Student', address_line1: '4 Elm Row', address_line2: 'Flat 2', zipcode: 'EH7 4AA', city: 'Edinburgh', state: null, country: 'GB' },
  ]
  for (const a of addresses) sql.run(sql.qb.insertInto('user_addresses').values({ ...a, address_type: null, created_at: at(200), updated_at: at(200) }))

  sql.run(sql.qb.insertInto('user_memberships').values({ user_id: 4, plan_id: 4, name: 'Gold Plan', expired_at: '2031-10-01T23:00:00.000Z', updated_at: at(90) }))
  sql.run(sql.qb.insertInto('user_memberships').values({ user_id: 3, plan_id: 2, name: 'Silver Plan', expired_at: null, updated_at: at(60) }))

  const subscriptions = [
    { user_id: 4, item: 'Professional Training and Education', status: 'Active', total: '100', created_at: '2020-08-10T12:43:00.000Z' },
    { user_id: 4, item: 'Leadership Library', status: 'Cancelled', total: '49', created_at: at(300) },
    { user_id: 3, item: 'Professional Training and Education', status: 'Active', total: '100', created_at: at(150) },
  ]
  for (const s of subscriptions) sql.run(sql.qb.insertInto('user_subscriptions').values(s))

  // course/reset, revoke, grant and setExpiry name enrollments [9, 6] of course 1.
  if (!sql.first(sql.qb.selectFrom('enrollments').select('id').where('id', '=', 9))) {
    const registered = '2020-08-09T09:00:00.000Z'
    sql.run(
      sql.qb.insertInto('enrollments').values({
        id: 9,
        course_id: 1,
        user_id: 2,
        group_id: null,
        status: 'Not Started',
        percent_complete: 0,
        access_status: 'Allowed',
        registered_at: registered,
        started_at: null,
        completed_at: null,
        expire_at: '2023-08-12T00:00:00.000Z',
        last_accessed_at: null,
      }),
    )
    sql.run(
      sql.qb.insertInto('course_activities').values({ course_id: 1, user_id: 2, student_name: 'Client Admin', verb: 'ENROLLED', message: 'Client Admin is enrolled to course 1', created_at: registered }),
    )
  }

  // user/badges/1 and the leaderboard need someone holding a badge: the first badge the catalog seeded.
  const badge = sql.first(sql.qb.selectFrom('badges').select('id').orderBy('id').limit(1))
  if (badge) {
    for (const userId of [1, 4]) {
      const has = sql.first(sql.qb.selectFrom('user_badges').select('badge_id').where('user_id', '=', userId).where('badge_id', '=', badge.id))
      if (!has) sql.run(sql.qb.insertInto('user_badges').values({ user_id: userId, badge_id: badge.id, awarded_at: at(30) }))
    }
  }
}
