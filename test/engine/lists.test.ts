// The documented list conventions on the demo world: page_size/page_number with
// recordsTotal vs recordsFiltered, order_by from an allow-list, search_param filters,
// and LIKE wildcards in search text taken literally. SQLite itself is the oracle for
// the expected order and counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, openTestEngine, rows, uniqueEmail, validUser, USER_SORT_COLUMNS, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeAll(async () => {
  t = await openTestEngine({ demo: true })
  // Names with LIKE wildcards and an escape character in them.
  for (const [firstName, lastName] of [
    ['Percent', '100%Sure'],
    ['Under_score', 'Person'],
    ['Back\\slash', 'Person'],
  ]) {
    t.call('users.create', validUser({ firstName, lastName, email: uniqueEmail('wild') }))
  }
})
afterAll(() => t.dispose())
const ids = (page: { records: { id: number }[] }) => page.records.map((r) => r.id)

describe('users.tabularList pagination', () => {
  it('counts all rows in recordsTotal and the filtered ones in recordsFiltered', () => {
    const total = count(t.engine, 'users')
    expect(total).toBeGreaterThan(40)
    const all = t.call('users.tabularList', {})
    expect(all).toMatchObject({ recordsTotal: total, recordsFiltered: total })
    expect(all.records).toHaveLength(10) // the default page size

    const filtered = t.call('users.tabularList', { search_param: JSON.stringify({ nameOrEmail: '@demo.aomlms.com' }) })
    const expected = count(t.engine, 'users', "email LIKE '%@demo.aomlms.com%'")
    expect(expected).toBeGreaterThan(3)
    expect(filtered).toMatchObject({ recordsTotal: total, recordsFiltered: expected })
    expect(filtered.records.every((r: { email: string }) => r.email.endsWith('@demo.aomlms.com'))).toBe(true)

    const byType = t.call('users.tabularList', { search_param: { userType: ['admin', 'owner'] }, page_size: 50 })
    expect(byType.recordsFiltered).toBe(count(t.engine, 'users', "user_type IN ('admin','owner')"))
    expect(new Set(byType.records.map((r: { user_type: string }) => r.user_type))).toEqual(new Set(['admin', 'owner']))
  })

  it('walks every page once: no overlap, no gap, a partial last page and an empty page past the end', () => {
    const total = count(t.engine, 'users')
    const pageSize = 7
    const seen: number[] = []
    const pages = Math.ceil(total / pageSize)
    for (let page = 1; page <= pages; page++) {
      const result = t.call('users.tabularList', { page_size: String(pageSize), page_number: String(page) })
      expect(result.records.length).toBe(page < pages ? pageSize : total - pageSize * (pages - 1))
      seen.push(...ids(result))
    }
    expect(seen).toHaveLength(total)
    expect(new Set(seen).size).toBe(total)
    const past = t.call('users.tabularList', { page_size: pageSize, page_number: pages + 1 })
    expect(past).toMatchObject({ recordsTotal: total, recordsFiltered: total, records: [] })
  })

  it('refuses page sizes and numbers outside the allowed range', () => {
    for (const page_size of [0, -1, 'abc', 100_000, 1.5, '']) {
      expect(t.fails('users.tabularList', { page_size }).fields, String(page_size)).toHaveProperty('page_size')
    }
    for (const page_number of [0, -3, 'x']) {
      expect(t.fails('users.tabularList', { page_number }).fields).toHaveProperty('page_number')
    }
  })
})

describe('users.tabularList sorting', () => {
  for (const [colName, column] of Object.entries(USER_SORT_COLUMNS)) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`sorts by ${colName} ${direction}`, () => {
        const result = t.call('users.tabularList', { page_size: 15, order_by: JSON.stringify({ colName, direction }) })
        const expected = rows<{ id: number }>(
          t.engine,
          `SELECT id FROM users ORDER BY ${column} ${direction}, id ${direction} LIMIT 15`,
        ).map((r) => r.id)
        expect(ids(result)).toEqual(expected)
      })
    }
  }

  it('orders newest first by default', () => {
    const expected = rows<{ id: number }>(t.engine, 'SELECT id FROM users ORDER BY created_at DESC, id DESC LIMIT 10').map((r) => r.id)
    expect(ids(t.call('users.tabularList', {}))).toEqual(expected)
  })

  it('accepts the bare column name form and an upper-case direction', () => {
    const bare = t.call('users.tabularList', { order_by: 'email', page_size: 5 })
    const upper = t.call('users.tabularList', { order_by: '{"colName":"email","direction":"ASC"}', page_size: 5 })
    expect(ids(bare)).toEqual(ids(upper))
    expect(ids(bare)).toEqual(rows<{ id: number }>(t.engine, 'SELECT id FROM users ORDER BY email_key, id LIMIT 5').map((r) => r.id))
  })

  it('refuses columns outside the allow-list and bad directions', () => {
    for (const order_by of [
      '{"colName":"password_hash","direction":"asc"}',
      '{"colName":"id; DROP TABLE users","direction":"asc"}',
      '{"colName":"id","direction":"asc; --"}',
      '{"colName":"id","direction":"sideways"}',
      'users.id',
      '{',
      '[]',
      '"x"',
      '{"direction":"asc"}',
      { colName: 'email_key', direction: 'asc' },
    ]) {
      const e = t.fails('users.tabularList', { order_by })
      expect(e.status, String(order_by)).toBe(422)
      expect(Object.keys(e.fields ?? {})).toEqual(['order_by'])
    }
    expect(count(t.engine, 'users')).toBeGreaterThan(40)
  })
})

describe('search', () => {
  const search = (text: string) =>
    t.call('users.tabularList', { page_size: 100, search_param: JSON.stringify({ nameOrEmail: text }) })

  it('takes % and _ and \\ in the search text literally', () => {
    const percent = search('%')
    expect(percent.records.map((r: { last_name: string }) => r.last_name)).toEqual(['100%Sure'])
    const underscore = search('_')
    expect(underscore.records.map((r: { first_name: string }) => r.first_name)).toEqual(['Under_score'])
    const backslash = search('\\')
    expect(backslash.records.map((r: { first_name: string }) => r.first_name)).toEqual(['Back\\slash'])
    expect(search('0%S').recordsFiltered).toBe(1)
    expect(search('%%%%').recordsFiltered).toBe(0)
  })

  it('finds a full name across first and last name, without regard to case', () => {
    const result = search('john doe')
    expect(result.records.map((r: { id: number }) => r.id)).toEqual([4])
  })

  it('refuses unknown filters, wrong types and malformed JSON', () => {
    for (const search_param of ['{"password":"x"}', '{"nameOrEmail":5}', '{"userType":["root"]}', '{', '[]', '"x"', 'null', '{"userType":"admin"}']) {
      const e = t.fails('users.tabularList', { search_param })
      expect(e.status, search_param).toBe(422)
      expect(Object.keys(e.fields ?? {})).toEqual(['search_param'])
    }
  })
})

describe('other lists', () => {
  it('courses.tabularList counts, filters by name and status, and sorts', () => {
    const total = count(t.engine, 'courses')
    const all = t.call('courses.tabularList', { page_size: 50 })
    expect(all).toMatchObject({ recordsTotal: total, recordsFiltered: total })
    const drafts = t.call('courses.tabularList', { search_param: { status: 'draft' } })
    expect(drafts.recordsFiltered).toBe(count(t.engine, 'courses', "status = 'draft'"))
    const named = t.call('courses.tabularList', { search_param: JSON.stringify({ courseName: 'course 1' }) })
    expect(named.records.map((r: { id: number }) => r.id)).toEqual([1])
    expect(named.records[0]).toMatchObject({ name: 'course 1', slug: 'course-1', author: 'Aom Staff', enrolled: count(t.engine, 'enrollments', 'course_id = 1') })
    const byName = t.call('courses.tabularList', { order_by: { colName: 'name', direction: 'desc' }, page_size: 50 })
    expect(byName.records.map((r: { id: number }) => r.id)).toEqual(
      rows<{ id: number }>(t.engine, 'SELECT id FROM courses ORDER BY name_key DESC, id DESC').map((r) => r.id),
    )
  })

  it('courses.enrolledStudents counts per status and filters', () => {
    const total = count(t.engine, 'enrollments', 'course_id = 2')
    const all = t.call('courses.enrolledStudents', { course_id: 2, page_size: 5 })
    expect(all.recordsTotal).toBe(total)
    expect(all.records).toHaveLength(5)
    expect(all.totalNotStarted + all.totalInProgress + all.totalCompleted).toBe(total)
    const completed = t.call('courses.enrolledStudents', { course_id: 2, page_size: 100, search_param: JSON.stringify({ status: ['Completed'] }) })
    expect(completed.recordsFiltered).toBe(all.totalCompleted)
    expect(completed.records.every((r: { status: string }) => r.status === 'Completed')).toBe(true)
  })

  it('audit.list pages and filters by performer', () => {
    const total = count(t.engine, 'audit_activities')
    const page = t.call('audit.list', { page_size: 3, page_number: 2 })
    expect(page).toMatchObject({ recordsTotal: total, recordsFiltered: total, performedOnList: [] })
    expect(page.records).toHaveLength(3)
    const byAom = t.call('audit.list', { search_param: JSON.stringify({ performed_by: 'Aom Staff' }) })
    expect(byAom.recordsFiltered).toBe(count(t.engine, 'audit_activities', "performed_by = 'Aom Staff'"))
  })
})
