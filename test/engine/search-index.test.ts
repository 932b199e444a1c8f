// The trigram search index (migrations/0011_users_trigrams) must give exactly the LIKE
// results: SQLite's own LIKE over the users table is the oracle. And the activity counts
// kept by triggers must equal counting the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, openTestEngine, rows, uniqueEmail, validCourse, validUser, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeAll(async () => {
  t = await openTestEngine({ demo: true })
  for (const [firstName, lastName, email] of [
    ['Zoë', 'Quiñones', 'zoe.q@example.org'],
    ['ZOË', 'Upper', 'zoe.upper@example.org'],
    ['Łukasz', 'Żółć', 'lukasz@example.org'],
    ['王芳', '李', 'wang.fang@example.cn'],
    ['Percent', '100%Sure', 'percent@example.org'],
    ['Under_score', 'Person', 'under_score@example.org'],
    ['Under-score', 'Lookalike', 'underXscore@example.org'],
    ['Back\\slash', 'Person', 'backslash@example.org'],
    ["Seán", "O'Brien", 'sean.obrien@example.ie'],
    ['Say "Hi"', 'Quote', 'quote@example.org'],
  ]) {
    t.call('users.create', validUser({ firstName, lastName, email }))
  }
})
afterAll(() => t.dispose())

/** The users LIKE finds for a search, written independently of the engine's helpers. */
function likeOracle(text: string): number[] {
  const pattern = `%${text.replace(/\\/g, '\\\\').replace(/%/g, '\\%').replace(/_/g, '\\_')}%`
  return rows<{ id: number }>(
    t.engine,
    `SELECT id FROM users WHERE (first_name || ' ' || last_name) LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' ORDER BY id`,
    pattern,
    pattern,
  ).map((r) => r.id)
}

function searched(text: string): number[] {
  const page = t.call('users.tabularList', { page_size: 1000, search_param: { nameOrEmail: text }, order_by: { colName: 'id', direction: 'asc' } })
  expect(page.recordsFiltered, `recordsFiltered for ${JSON.stringify(text)}`).toBe(page.records.length)
  return page.records.map((r) => r.id)
}

describe('users search through the trigram index', () => {
  const inputs = [
    'zoë', 'Zoë Quiñ', 'ZOË', 'zoË', 'Łukasz', 'łukasz', 'ŁUKASZ', 'Żółć', 'kasz Ż', '王芳', '王芳 李', '芳', '王芳李',
    '100%', '0%S', '%', '%%%', '_', 'r_s', 'Under_score', 'under_', 'der_sc', 'Back\\slash', '\\', 'k\\s',
    "O'Brien", "n O'B", "'", '"Hi"', 'Say "', '"', '""', 'example.org', 'EXAMPLE.ORG', 'no such person',
    '*', 'NEAR(a b)', 'a OR b', '^Zo', ':', '-', 'AND',
  ]
  it.each(inputs)('finds exactly the LIKE results for %j', (text) => {
    const expected = likeOracle(text)
    expect(searched(text)).toEqual(expected)
  })

  it('finds the tricky names at all (the oracle is not empty where it should not be)', () => {
    for (const text of ['zoë', 'Łukasz', '王芳', '100%', 'r_s', "O'Brien", '"Hi"', 'Back\\slash']) expect(likeOracle(text).length, text).toBeGreaterThan(0)
    // LIKE folds ASCII case only, and so does the search (the index folds all case).
    const upper = likeOracle('zoe.upper@')
    expect(upper).toHaveLength(1)
    expect(searched('ZOË Upp')).toEqual(upper)
    expect(searched('zoë upp')).toEqual([])
  })

  it('reads the index, for short searches too: a row missing from it is found by none of them', () => {
    const found = likeOracle('Żółć')
    expect(found).toHaveLength(1)
    const [id] = found
    const reindex = t.engine.sql.raw.prepare(
      `INSERT INTO users_trigrams (rowid, name, email)
       SELECT id, lower(first_name || ' ' || last_name) || char(1, 1), lower(email) || char(1, 1) FROM users WHERE id = ?`,
    )
    try {
      t.engine.sql.raw.prepare('DELETE FROM users_trigrams WHERE rowid = ?').run(id)
      for (const text of ['Żółć', 'Żół', 'Żó', 'ż', 'ó']) expect(searched(text), text).not.toContain(id)
      // A search holding the index's end marker is answered by LIKE alone: nobody has it.
      expect(searched('Żó\u0001')).toEqual([])
    } finally {
      reindex.run(id)
    }
    for (const text of ['Żółć', 'Żół', 'Żó', 'ó']) expect(searched(text), text).toContain(id)
  })

  it('keeps the index in step with creates, updates and deletes', () => {
    const email = uniqueEmail('renamed')
    const { id } = t.call('users.create', validUser({ firstName: 'Gwendolyn', lastName: 'Brooks', email }))
    expect(searched('Gwendolyn')).toEqual([id])
    t.call('users.update', { id, firstName: 'Octavia', lastName: 'Butler', email })
    expect(searched('Gwendolyn')).toEqual([])
    expect(searched('Octavia Butl')).toEqual([id])
    t.call('users.delete', { delete_ids: [id] })
    expect(searched('Octavia')).toEqual([])
    // One index row per user (the index keeps no text to compare: the searches above do).
    const unindexed = rows(t.engine, 'SELECT id FROM users WHERE id NOT IN (SELECT rowid FROM users_trigrams)')
    expect(unindexed).toEqual([])
    expect(count(t.engine, 'users_trigrams')).toBe(count(t.engine, 'users'))
  })
})

describe('activity counts kept by triggers', () => {
  const kept = (scope: string) => rows<{ n: number }>(t.engine, 'SELECT n FROM list_counts WHERE scope = ?', scope)[0]?.n ?? 0

  it('audit.list totals and per-action and per-performer counts equal counting the rows', () => {
    const { id } = t.call('users.create', validUser({ firstName: 'Audited', lastName: 'Person' }))
    t.call('users.delete', { delete_ids: [id] })
    const all = t.call('audit.list', {})
    expect(all.recordsTotal).toBe(count(t.engine, 'audit_activities'))
    expect(all.recordsFiltered).toBe(all.recordsTotal)
    for (const verb of ['login', 'created', 'updated', 'deleted']) {
      const action = verb[0].toUpperCase() + verb.slice(1)
      const page = t.call('audit.list', { search_param: { activityName: verb } })
      expect(page.recordsFiltered, verb).toBe(count(t.engine, 'audit_activities', 'action = ?', action))
    }
    expect(count(t.engine, 'audit_activities', "action = 'Deleted'")).toBeGreaterThan(0)
    const performers = rows<{ performed_by: string }>(t.engine, 'SELECT DISTINCT performed_by FROM audit_activities')
    expect(performers.length).toBeGreaterThan(0)
    for (const { performed_by } of performers) {
      const part = performed_by.slice(1, 5)
      const page = t.call('audit.list', { page_size: 1000, search_param: { performed_by: part } })
      const expected = count(t.engine, 'audit_activities', "performed_by LIKE ? ESCAPE '\\'", `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      expect(page.recordsFiltered, part).toBe(expected)
      expect(page.records.length).toBe(Math.min(expected, 1000))
    }
    expect(t.call('audit.list', { search_param: { performed_by: '%' } }).recordsFiltered).toBe(0)
    // Two filters together are counted, not read from the kept counts.
    const both = t.call('audit.list', { search_param: { activityName: 'created', performed_by: performers[0].performed_by } })
    expect(both.recordsFiltered).toBe(count(t.engine, 'audit_activities', "action = 'Created' AND performed_by = ?", performers[0].performed_by))
  })

  it('courses.activities counts follow inserts, and deletes of activities', () => {
    const course = t.call('courses.create', validCourse({ name: 'Counted', slug: 'counted-course' }))
    const learners = [0, 1, 2].map(() => t.call('users.create', validUser()).id)
    t.call('courses.enroll', { id: course.id, studentIds: learners })
    const real = count(t.engine, 'course_activities', 'course_id = ?', course.id)
    expect(real).toBeGreaterThanOrEqual(3)
    const page = t.call('courses.activities', { course_id: course.id })
    expect(page).toMatchObject({ recordsTotal: real, recordsFiltered: real })
    const enrolled = t.call('courses.activities', { course_id: course.id, search_param: { activityName: 'ENROLLED' } })
    expect(enrolled.recordsFiltered).toBe(count(t.engine, 'course_activities', "course_id = ? AND verb = 'ENROLLED'", course.id))
    // Nothing in the app deletes single activities today; a cascade or a purge would go through the trigger.
    t.engine.sql.raw.prepare("DELETE FROM course_activities WHERE id = (SELECT max(id) FROM course_activities WHERE course_id = ? AND verb = 'ENROLLED')").run(course.id)
    expect(kept(`course:${course.id}`)).toBe(real - 1)
    expect(kept(`course:${course.id}:ENROLLED`)).toBe(count(t.engine, 'course_activities', "course_id = ? AND verb = 'ENROLLED'", course.id))
    expect(t.call('courses.activities', { course_id: course.id }).recordsTotal).toBe(real - 1)
  })
})

describe('users filtered by type, dense or sparse', () => {
  it('pages the same rows as SQL whichever way the page is read', () => {
    const insert = t.engine.sql.raw.prepare(
      `INSERT INTO users (first_name, last_name, email, email_key, user_type, created_at, updated_at) VALUES (?, 'Many', ?, ?, 'general', ?, ?)`,
    )
    for (let i = 0; i < 80; i++) {
      const email = `many.${i}@example.org`
      const at = new Date(Date.UTC(2022, 0, 1) + (i % 7) * 86_400_000).toISOString() // ties, broken by id
      insert.run(`Many${i}`, email, email, at, at)
    }
    const total = count(t.engine, 'users')
    for (const types of [['general'], ['staff', 'owner']]) {
      const matching = count(t.engine, 'users', `user_type IN (${types.map(() => '?').join(',')})`, ...types)
      for (const direction of ['asc', 'desc'] as const) {
        const page = t.call('users.tabularList', { page_size: 25, page_number: 2, search_param: { userType: types }, order_by: { colName: 'created_at', direction } })
        const expected = rows<{ id: number }>(
          t.engine,
          `SELECT id FROM users WHERE user_type IN (${types.map(() => '?').join(',')}) ORDER BY created_at ${direction}, id ${direction} LIMIT 25 OFFSET 25`,
          ...types,
        ).map((r) => r.id)
        expect(page).toMatchObject({ recordsTotal: total, recordsFiltered: matching })
        expect(page.records.map((r: { id: number }) => r.id)).toEqual(expected)
      }
    }
    // The first is dense (walked in created_at order), the second sparse (read by type).
    expect(count(t.engine, 'users', "user_type = 'general'")).toBeGreaterThan(Math.sqrt(50 * total))
    expect(count(t.engine, 'users', "user_type IN ('staff','owner')")).toBeLessThan(Math.sqrt(50 * total))
  })
})
