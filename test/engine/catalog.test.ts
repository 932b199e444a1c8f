// The catalog groups through the registry on a real SQLite file: uniqueness, refusals,
// percentage bounds, recipients, and the change records sync will send.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpInput } from '../../src/shared/operations/index'
import { changeRecords, count, err, openTestEngine, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())

const coupon = (overrides: Partial<OpInput<'coupons.create'>> = {}): OpInput<'coupons.create'> => ({ code: 'SUMMER20', value: 20, type: 'percent_amount', usage_limit: 10, expiry: '2030-06-30', ...overrides })

describe('coupons', () => {
  it('keep codes unique regardless of case, on create and on update', () => {
    const created = t.call('coupons.create', coupon())
    expect(t.fails('coupons.create', coupon({ code: 'summer20' })).fields?.code?.[0]).toMatch(/already been taken/)
    const other = t.call('coupons.create', coupon({ code: 'AUTUMN5', value: 5 }))
    expect(t.fails('coupons.update', { id: other.id, ...coupon({ code: 'Summer20' }) }).status).toBe(422)
    // A coupon may keep its own code.
    t.call('coupons.update', { id: created.id, ...coupon({ value: 25 }) })
    expect(t.call('coupons.get', { id: created.id }).value).toBe(25)
    expect(count(t.engine, 'coupons', 'code_key = ?', 'summer20')).toBe(1)
  })

  it('hold a percentage between 0 and 100; a fixed amount may be larger', () => {
    expect(t.fails('coupons.create', coupon({ value: 100.5 })).fields?.value?.[0]).toMatch(/between 0 and 100/)
    expect(t.fails('coupons.create', coupon({ value: -1 })).status).toBe(422)
    t.call('coupons.create', coupon({ value: 100 }))
    t.call('coupons.create', coupon({ code: 'BIG', type: 'fixed_amount', value: 1500 }))
    const id = t.call('coupons.create', coupon({ code: 'P0', value: 0 })).id
    expect(t.fails('coupons.update', { id, ...coupon({ code: 'P0', value: 150 }) }).status).toBe(422)
    expect(t.call('coupons.get', { id }).value).toBe(0)
  })

  it('refuse bad dates and bad allowed emails with field errors', () => {
    expect(t.fails('coupons.create', coupon({ expiry: '2030-02-30' })).fields?.expiry).toBeTruthy()
    expect(t.fails('coupons.create', coupon({ allowed_emails: 'a@example.org, not-an-email' })).fields?.allowed_emails?.[0]).toMatch(/not-an-email/)
    // The reference's own "null" text means no list.
    const id = t.call('coupons.create', coupon({ allowed_emails: 'null' })).id
    expect(t.call('coupons.get', { id }).allowed_emails).toBeNull()
  })

  it('are not deleted while an order used them, and the answer says which', () => {
    const free = t.call('coupons.create', coupon()).id
    // Demo coupon 15 is used by an order.
    const answer = t.call('coupons.delete', { delete_ids: [free, 15] })
    expect(answer.deleted).toEqual([free])
    expect(answer.notDeleted).toEqual([15])
    expect(answer.message).toBe('1 coupon(s) deleted 1 coupon(s) not deleted as they are associated with orders')
    expect(count(t.engine, 'coupons', 'id = 15')).toBe(1)
    expect(changeRecords(t.engine).filter((c) => c.operation === 'coupons.delete').map((c) => c.input)).toEqual([{ delete_ids: [free] }])
  })

  it('list in pages, searched by code and sorted by an allowed column only', () => {
    for (const code of ['ZQ1', 'ZQ2', 'ZQ3']) t.call('coupons.create', coupon({ code }))
    const page = t.call('coupons.tabularList', { page_size: 2, page_number: 1, search_param: JSON.stringify({ code: 'zq' }), order_by: JSON.stringify({ colName: 'code', direction: 'asc' }) })
    expect(page.recordsFiltered).toBe(3)
    expect(page.records.map((r: any) => r.code)).toEqual(['ZQ1', 'ZQ2'])
    expect(page.recordsTotal).toBe(6)
    expect(t.fails('coupons.tabularList', { order_by: JSON.stringify({ colName: 'code_key; DROP TABLE coupons' }) }).status).toBe(422)
    expect(t.call('coupons.lookup', { search_term: 'zq2' })).toEqual([{ id: expect.any(Number), code: 'ZQ2' }])
  })
})

describe('categories', () => {
  it('are unique by name within their type only', () => {
    t.call('categories.create', { category_name: 'Forklifts', categoryType: 'course' })
    expect(t.fails('categories.create', { category_name: 'forklifts', categoryType: 'course' }).fields?.category_name).toBeTruthy()
    t.call('categories.create', { category_name: 'Forklifts', categoryType: 'question' })
    t.call('categories.create', { category_name: 'Forklifts', categoryType: 'user' })
    expect(err(t.raw('categories.create', { category_name: 'X', categoryType: 'planet' })).fields?.categoryType).toBeTruthy()
    expect(t.call('categories.userLookup').map((c: any) => c.name)).toContain('Forklifts')
    expect(t.call('categories.courseLookup').filter((c: any) => c.name === 'Forklifts')).toHaveLength(1)
  })

  it('are renamed within their type, refused onto a taken name', () => {
    const id = t.call('categories.create', { category_name: 'Ladders', categoryType: 'course' }).id
    expect(t.fails('categories.update', { id, category_name: 'Compliance' }).status).toBe(422)
    t.call('categories.update', { id, category_name: 'Ladders & steps' })
    const got = t.call('categories.get', { id })
    expect(got).toMatchObject({ name: 'Ladders & steps', type: 'course', created_by: 1, updated_by: 1 })
    expect(got.updated_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
  })

  it('count the courses using them and are detached from courses when deleted', () => {
    const list = t.call('categories.courseList', { page_size: 50, search_param: JSON.stringify({ categoryName: 'Compliance' }) })
    expect(list.records).toEqual([expect.objectContaining({ id: 1, name: 'Compliance', count: 2 })])
    expect(t.call('categories.delete', { delete_ids: [1] }).message).toBe('1 category(s) deleted ')
    expect(count(t.engine, 'course_categories', 'category_id = 1')).toBe(0)
    expect(t.call('courses.get', { id: 2 }).categories).not.toContain(1)
    expect(t.fails('categories.delete', { delete_ids: [1] }).status).toBe(422)
  })

  it('list each type on its own', () => {
    const modules = t.call('categories.moduleList', { page_size: 50 })
    expect(modules.records.map((r: any) => r.name).sort()).toEqual(['Assessments', 'Videos'])
  })
})

describe('announcements', () => {
  const body = (overrides: Partial<OpInput<'announcements.create'>> = {}): OpInput<'announcements.create'> => ({ heading: 'Canteen closed', content: 'Closed Monday.', expiry: '2030-01-01', sending_rules: 'all', user_ids: [], course_ids: [], ...overrides })

  it('need the recipients their rule names, and those must exist', () => {
    expect(t.fails('announcements.create', body({ sending_rules: 'specific_users' })).fields?.user_ids).toBeTruthy()
    expect(t.fails('announcements.create', body({ sending_rules: 'specific_course_users' })).fields?.course_ids).toBeTruthy()
    expect(t.fails('announcements.create', body({ sending_rules: 'specific_users', user_ids: [999_999] })).fields?.user_ids?.[0]).toMatch(/999999/)
    const id = t.call('announcements.create', body({ sending_rules: 'specific_users', user_ids: [3, '4'], course_ids: [2] })).id
    // Course ids a user rule does not use are not kept.
    expect(t.call('announcements.get', { id })).toMatchObject({ sending_rules: 'specific_users', user_ids: [3, 4], course_ids: [] })
    const queued = changeRecords(t.engine).find((c) => c.operation === 'announcements.create')
    expect(queued?.input).toMatchObject({ heading: 'Canteen closed', user_ids: [3, 4] })
  })

  it('reach the students their rule names until they expire', () => {
    t.clock.set('2030-01-01T10:00:00.000Z')
    t.call('announcements.create', body({ heading: 'To John', sending_rules: 'specific_users', user_ids: [4] }))
    t.call('announcements.create', body({ heading: 'To course 1', sending_rules: 'specific_course_users', course_ids: [1] }))
    t.call('announcements.create', body({ heading: 'Expired', expiry: '2029-12-31' }))
    t.call('announcements.create', body({ heading: 'To course 4', sending_rules: 'specific_course_users', course_ids: [4] }))
    // The acting user is 4 (enrolled in course 1, not in course 4).
    t.engine.sql.raw.prepare("UPDATE app_meta SET value = '4' WHERE key = 'actor_user_id'").run()
    const seen = t.call('announcements.forStudent', { page_size: 50, page_number: 1, search_param: JSON.stringify({ heading: 'to' }) })
    expect(seen.records.map((r: any) => r.heading).sort()).toEqual(['To John', 'To course 1'])
    expect(seen.avatar).toMatch(/^<svg/)
  })

  it('write no change record for an update that changes nothing', () => {
    t.call('announcements.update', { id: 2, ...body() })
    const before = changeRecords(t.engine).length
    t.call('announcements.update', { id: 2, ...body() })
    expect(changeRecords(t.engine).length).toBe(before)
    expect(t.fails('announcements.update', { id: 999, ...body() }).status).toBe(404)
  })
})

describe('badges', () => {
  it('held by a user are not deleted; the others are', () => {
    const id = t.call('badges.create', { title: 'Bronze', points: '10', badgeIconUrl: '/images/badges/Badge_3.png' }).id
    t.engine.sql.raw.prepare('INSERT INTO user_badges (user_id, badge_id, awarded_at) VALUES (3, ?, ?)').run(2, '2024-01-01T00:00:00.000Z')
    const answer = t.call('badges.delete', { id: [id, 2] })
    expect(answer.deleted).toEqual([id])
    expect(answer.notDeleted).toEqual([2])
    expect(answer.message).toMatch(/^1 badge\(s\) deleted\. 1 badge\(s\) not deleted as they are assigned to users\./)
    expect(count(t.engine, 'badges', 'id = 2')).toBe(1)
  })

  it('need a title and an icon; points are a whole number', () => {
    const e = err(t.raw('badges.create', { points: 'many' }))
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['badgeIconUrl', 'points', 'title'])
    const id = t.call('badges.create', { title: 'Silver', badgeIconUrl: '/x.png' }).id
    t.call('badges.update', { id, title: 'Silver star', points: 5, badgeIconUrl: '/x.png', organizationId: 'AOM1' })
    expect(t.call('badges.get', { id })).toMatchObject({ title: 'Silver star', points: 5, organizationId: 'AOM1' })
  })
})

describe('accredible', () => {
  it('answers the groups of the last sync, and says plainly that a key is not checked offline', () => {
    const groups = t.call('accredible.groupLookup')
    expect(groups.isEnabled).toBe(true)
    expect(groups.data.map((g: any) => g.name).sort()).toEqual(['aom', 'group_aom_course', 'intro-ce'])
    const check = t.fails('accredible.validateKey', { key: '3cc557a91d67378f7fc29fed973e5c94' })
    expect(check.status).toBe(409)
    expect(check.message).toMatch(/needs the network.*not checked/)
  })
})
