// Demo rows of the catalog groups, with the ids the reference's examples name:
// announcements 1, 2, 12 and 15; badges 1 and 2 (the badge create example becomes badge 3,
// which the update example edits); coupons 1 ("code75"), 12 and 15, 15 used by an order so
// the delete example shows the refusal; category 3; Accredible groups as if pulled; a
// prepared (not yet confirmed) two-factor secret for user 4, the documented one.
import type { Sql } from '../db/sql'

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()
/** The date part, as the documented date fields hold it. */
const day = (now: Date, days: number) => daysAgo(now, days).slice(0, 10)

export function seedCatalog(sql: Sql, now: Date): void {
  seedCategories(sql, now)
  seedAnnouncements(sql, now)
  seedBadges(sql, now)
  seedCoupons(sql, now)
  for (const g of [
    { id: 353767, name: 'group_aom_course' },
    { id: 353282, name: 'intro-ce' },
    { id: 352594, name: 'aom' },
  ]) {
    sql.run(sql.qb.insertInto('accredible_groups').values({ ...g, pulled_at: daysAgo(now, 1) }))
  }

  sql.run(sql.qb.insertInto('user_two_factor').values({ user_id: 4, secret: 'CREPRUYTMCBSCPEAG2LGKOFYOF25BL4A', prepared_at: daysAgo(now, 1), confirmed_at: null }))
}

/** Categories of the other types (modules, products, questions, users); the course categories get their author. */
function seedCategories(sql: Sql, now: Date): void {
  sql.run(sql.qb.updateTable('categories').set({ author_id: 1, updated_at: '2020-08-01T08:00:00.000Z' }))
  const categories = [
    { name: 'Videos', type: 'module' },
    { name: 'Assessments', type: 'module' },
    { name: 'Course bundles', type: 'product' },
    { name: 'Question-cat', type: 'question' },
    { name: 'Safety quiz bank', type: 'question' },
    { name: 'User-cat', type: 'user' },
    { name: 'Contractors', type: 'user' },
  ]
  categories.forEach((c, i) => {
    const at = daysAgo(now, 300 - i * 20)
    sql.run(sql.qb.insertInto('categories').values({ ...c, author_id: i % 2 ? 2 : 1, updated_by_id: null, created_at: at, updated_at: at }))
  })
}

function seedAnnouncements(sql: Sql, now: Date): void {
  const announcements = [
    { id: 1, heading: 'New Announcement', content: 'This is for test purpose', expiry: '2020-08-05', rules: 'all', users: [], courses: [], created: '2020-08-11T13:25:00.000Z' },
    { id: 2, heading: 'Fire drill on Friday', content: 'The building will be evacuated at 10:00. Meet at the car park.', expiry: day(now, -20), rules: 'all', users: [], courses: [], created: daysAgo(now, 15) },
    { id: 12, heading: 'First aid refresher', content: 'Please finish the refresher module before your practical session.', expiry: day(now, -40), rules: 'specific_course_users', users: [], courses: [3], created: daysAgo(now, 9) },
    { id: 15, heading: 'Welcome, John', content: 'Your induction starts next week. Your mentor will contact you.', expiry: null, rules: 'specific_users', users: [4], courses: [], created: daysAgo(now, 3) },
  ]
  for (const a of announcements) {
    sql.run(
      sql.qb.insertInto('announcements').values({
        id: a.id,
        heading: a.heading,
        content: a.content,
        expiry: a.expiry,
        sending_rules: a.rules,
        user_ids: JSON.stringify(a.users),
        course_ids: JSON.stringify(a.courses),
        author_id: 1,
        created_at: a.created,
        updated_at: a.created,
      }),
    )
  }
}

function seedBadges(sql: Sql, now: Date): void {
  const badges = [
    { id: 1, title: 'Gold', points: 1, icon: '/images/badges/Badge_1.png', org: '97852067' },
    { id: 2, title: 'Safety Champion', points: 50, icon: '/images/badges/Badge_2.png', org: null },
  ]
  for (const b of badges) {
    sql.run(
      sql.qb.insertInto('badges').values({
        id: b.id,
        title: b.title,
        points: b.points,
        badge_icon_url: b.icon,
        default_icon_url: null,
        organization_id: b.org,
        created_at: daysAgo(now, 200 - b.id),
        updated_at: daysAgo(now, 200 - b.id),
      }),
    )
  }
}

/** Coupons, and an order that used coupon 15. */
function seedCoupons(sql: Sql, now: Date): void {
  const coupons = [
    { id: 1, code: 'code75', type: 'percent_amount', value: 75, limit: 12, expiry: '2020-08-26', notes: 'Discount upto 75%' },
    { id: 12, code: 'AUTUMN15', type: 'fixed_amount', value: 15, limit: 500, expiry: null, notes: 'Autumn enrolment' },
    { id: 15, code: 'SPRING25', type: 'percent_amount', value: 25, limit: 100, expiry: day(now, -60), notes: null },
  ]
  for (const c of coupons) {
    sql.run(
      sql.qb.insertInto('coupons').values({
        id: c.id,
        code: c.code,
        code_key: c.code.toLowerCase(),
        type: c.type,
        value: c.value,
        usage_limit: c.limit,
        expiry: c.expiry,
        allowed_emails: null,
        notes: c.notes,
        created_at: daysAgo(now, 100 - c.id),
        updated_at: daysAgo(now, 100 - c.id),
      }),
    )
  }
  sql.run(sql.qb.insertInto('orders').values({ user_id: 4, coupon_id: 15, total: 37.5, created_at: daysAgo(now, 5) }))
}
