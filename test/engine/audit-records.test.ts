// Audit rows name the record they are about (user or course, now or as it was before it
// was deleted) and the log is filtered on the server by record type, one record, a part of
// the record's name and the action. Every page and count is compared with what SQLite's
// plain query over the log gives; the counts come from kept tables, never guessed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, openTestEngine, rows, validCourse, validUser, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine

interface Row {
  id: number
  effect_on: string
  action: string
  subject_id: number | null
  subject_name: string | null
  subject_exists: boolean
}
interface Page {
  recordsTotal: number
  recordsFiltered: number
  records: Row[]
}

function list(search_param: Record<string, unknown>, extra: Record<string, unknown> = {}): Page {
  return t.call('audit.list', { page_size: 1000, page_number: 1, search_param, ...extra })
}

/** Every row of a filter, page by page, in created_at desc order. */
function walk(search_param: Record<string, unknown>, pageSize = 37): number[] {
  const seen: number[] = []
  for (let page = 1; ; page++) {
    const result = t.call('audit.list', { page_size: pageSize, page_number: page, search_param })
    if (!result.records.length) return seen
    seen.push(...result.records.map((r) => r.id))
  }
}

function expected(where: string, ...params: unknown[]): number[] {
  return rows<{ id: number }>(t.engine, `SELECT id FROM audit_activities WHERE ${where} ORDER BY created_at DESC, id DESC`, ...params).map((r) => r.id)
}

let ada: number
let bob: number
let course: number

beforeAll(async () => {
  t = await openTestEngine({ demo: true })
  ada = t.call('users.create', validUser({ firstName: 'Ada', lastName: 'Quartermain' })).id
  t.clock.advance(60_000)
  bob = t.call('users.create', validUser({ firstName: 'Bob', lastName: 'Quartz' })).id
  t.clock.advance(60_000)
  course = t.call('courses.create', validCourse({ name: 'Quarry Safety', slug: 'quarry-safety' })).id
  t.clock.advance(60_000)
  const got = t.call('users.get', { id: ada })
  t.call('users.update', { id: ada, firstName: 'Adaline', lastName: got.lastName, email: got.email })
  t.clock.advance(60_000)
  t.call('users.delete', { delete_ids: [bob] })
})
afterAll(() => t.dispose())

describe('audit rows name their record', () => {
  it('names users and courses as they are now, and a deleted user as they were', () => {
    const page = list({})
    const byId = (effectOn: string, id: number) => page.records.filter((r) => r.effect_on === effectOn && r.subject_id === id)
    expect(byId('User', ada).map((r) => [r.action, r.subject_name, r.subject_exists])).toEqual([
      ['Updated', 'Adaline Quartermain', true],
      ['Created', 'Adaline Quartermain', true],
    ])
    expect(byId('User', bob).map((r) => [r.action, r.subject_name, r.subject_exists])).toEqual([
      ['Deleted', 'Bob Quartz', false],
      ['Created', 'Bob Quartz', false],
    ])
    expect(byId('Course', course).map((r) => [r.action, r.subject_name, r.subject_exists])).toEqual([['Created', 'Quarry Safety', true]])
    // The documented keys stay as documented.
    expect(page.records[0]).toMatchObject({ effect_on: 'User', subject: 'User', action: 'Deleted' })
  })

  it('follows a rename the log did not see (a sync pull writes the row directly)', () => {
    t.engine.sql.raw.prepare("UPDATE courses SET name = 'Quarry Safety 2027' WHERE id = ?").run(course)
    expect(list({ subject_name: '2027' }).records.map((r) => r.subject_id)).toEqual([course])
    expect(list({ subject_name: 'Quarry Safety 2027' }).records[0].subject_name).toBe('Quarry Safety 2027')
  })
})

describe('audit log filters by record and action', () => {
  it('by record type, with the kept count equal to the real count', () => {
    for (const type of ['User', 'Course']) {
      const page = list({ effect_on: type })
      expect(page.recordsFiltered).toBe(count(t.engine, 'audit_activities', 'effect_on = ?', type))
      expect(page.records.every((r) => r.effect_on === type)).toBe(true)
      for (const action of ['created', 'updated', 'deleted']) {
        const Action = action[0].toUpperCase() + action.slice(1)
        const both = list({ effect_on: type, activityName: action })
        expect(both.recordsFiltered).toBe(count(t.engine, 'audit_activities', 'effect_on = ? AND action = ?', type, Action))
        expect(both.records.map((r) => r.id)).toEqual(expected('effect_on = ? AND action = ?', type, Action))
      }
    }
  })

  it('one record by its type and id, and its history by action', () => {
    const page = list({ effect_on: 'User', subject_id: bob })
    expect(page.records.map((r) => r.action)).toEqual(['Deleted', 'Created'])
    expect(page.recordsFiltered).toBe(2)
    expect(list({ effect_on: 'User', subject_id: bob, activityName: 'deleted' }).records.map((r) => r.action)).toEqual(['Deleted'])
    // The same id as a course is another record.
    expect(list({ effect_on: 'Course', subject_id: bob }).recordsFiltered).toBe(count(t.engine, 'audit_activities', "effect_on = 'Course' AND subject_id = ?", bob))
  })

  it('by a part of the record name, deleted records included, with the type and the action', () => {
    const quar = list({ subject_name: 'quar' })
    expect(new Set(quar.records.map((r) => `${r.effect_on}:${r.subject_id}`))).toEqual(new Set([`User:${ada}`, `User:${bob}`, `Course:${course}`]))
    expect(quar.recordsFiltered).toBe(quar.records.length)
    expect(list({ subject_name: 'quar', effect_on: 'Course' }).records.map((r) => r.subject_id)).toEqual([course])
    const deleted = list({ subject_name: 'quar', activityName: 'deleted' })
    expect(deleted.records.map((r) => [r.subject_id, r.subject_name])).toEqual([[bob, 'Bob Quartz']])
    expect(deleted.recordsFiltered).toBe(1)
    // LIKE wildcards in the search are taken literally.
    expect(list({ subject_name: '%' }).recordsFiltered).toBe(0)
  })

  it('refuses filters it does not know and a record id without its type', () => {
    expect(t.fails('audit.list', { search_param: { subject_id: ada } }).status).toBe(422)
    expect(t.fails('audit.list', { search_param: { effect_on: 'Badge' } }).status).toBe(422)
    expect(t.fails('audit.list', { search_param: { subject_type: 'User' } }).message).toMatch(/unknown filters: subject_type/)
    expect(t.fails('audit.list', { search_param: { subject_name: 'x'.repeat(300) } }).status).toBe(422)
  })

  it('gives the rows plain SQL gives on a larger log, for few and for many matching records', () => {
    const at = (i: number) => new Date(Date.UTC(2022, 0, 1) + i * 45_000).toISOString()
    const insert = t.engine.sql.raw.prepare(
      `INSERT INTO audit_activities (performed_by_id, performed_by, effect_on, subject, subject_id, action, details, created_at) VALUES (1, 'Aom Staff', ?, ?, ?, ?, '[]', ?)`,
    )
    const actions = ['Created', 'Updated', 'Deleted', 'Login']
    t.engine.sql.raw.transaction(() => {
      for (let i = 0; i < 12_000; i++) {
        const type = i % 10 === 0 ? 'Course' : 'User'
        // Ids of users that exist (demo) and of ones that never did.
        const id = type === 'Course' ? course : 1 + ((i * 7) % 40)
        insert.run(type, type, id, actions[i % 4], at(i))
      }
    })()
    // Records named with an "a": users and courses by their names now, and the deleted Bob Quartz.
    const NAMED_A = `((effect_on = 'User' AND subject_id IN (SELECT id FROM users WHERE trim(first_name || ' ' || last_name) LIKE '%a%'))
      OR (effect_on = 'Course' AND subject_id IN (SELECT id FROM courses WHERE name LIKE '%a%'))
      OR (effect_on = 'User' AND subject_id = ?))`
    const name = (id: number) => rows<{ n: string }>(t.engine, "SELECT trim(first_name || ' ' || last_name) AS n FROM users WHERE id = ?", id)[0]?.n
    const demoUser = name(4) as string
    const cases: [Record<string, unknown>, string, unknown[]][] = [
      [{ effect_on: 'Course' }, "effect_on = 'Course'", []],
      [{ effect_on: 'User', activityName: 'login' }, "effect_on = 'User' AND action = 'Login'", []],
      [{ effect_on: 'User', subject_id: 4 }, "effect_on = 'User' AND subject_id = 4", []],
      // One record with many rows (walked in date order, not read by the record index).
      [{ effect_on: 'Course', subject_id: course }, "effect_on = 'Course' AND subject_id = ?", [course]],
      [{ effect_on: 'Course', subject_id: course, activityName: 'created' }, "effect_on = 'Course' AND subject_id = ? AND action = 'Created'", [course]],
      [{ subject_name: demoUser }, "effect_on = 'User' AND subject_id IN (SELECT id FROM users WHERE trim(first_name || ' ' || last_name) LIKE ?)", [`%${demoUser}%`]],
      [{ subject_name: 'a' }, NAMED_A, [bob]],
      [{ subject_name: 'a', performed_by: 'Aom' }, `performed_by LIKE '%Aom%' AND ${NAMED_A}`, [bob]],
    ]
    for (const [filter, where, params] of cases) {
      const want = expected(where, ...params)
      expect(want.length).toBeGreaterThan(0)
      expect(walk(filter)).toEqual(want)
      expect(list(filter, { page_size: 5 }).recordsFiltered).toBe(want.length)
    }
  })

  it('pages a name most of more than 10,000 records match the same as plain SQL', () => {
    const at = (i: number) => new Date(Date.UTC(2023, 5, 1) + i * 30_000).toISOString()
    const addUser = t.engine.sql.raw.prepare(
      `INSERT INTO users (first_name, last_name, email, email_key, user_type, disabled, custom_user_metas, created_at, updated_at) VALUES (?, 'Bulkington', ?, ?, 'general', 0, '[]', ?, ?)`,
    )
    const audit = t.engine.sql.raw.prepare(
      `INSERT INTO audit_activities (performed_by_id, performed_by, effect_on, subject, subject_id, action, details, created_at) VALUES (1, 'Aom Staff', 'User', 'User', ?, ?, '[]', ?)`,
    )
    t.engine.sql.raw.transaction(() => {
      for (let i = 0; i < 10_500; i++) {
        const email = `bulk.${i}@example.org`
        const id = Number(addUser.run(`Bulk${i}`, email, email, at(i), at(i)).lastInsertRowid)
        audit.run(id, i % 3 === 0 ? 'Updated' : 'Created', at(i))
      }
    })()
    const want = expected("effect_on = 'User' AND subject_id IN (SELECT id FROM users WHERE last_name = 'Bulkington')")
    expect(want.length).toBe(10_500)
    expect(walk({ subject_name: 'bulkington' }, 500)).toEqual(want)
    expect(list({ subject_name: 'bulkington' }, { page_size: 5 }).recordsFiltered).toBe(10_500)
    const updated = expected("action = 'Updated' AND effect_on = 'User' AND subject_id IN (SELECT id FROM users WHERE last_name = 'Bulkington')")
    expect(walk({ subject_name: 'bulkington', activityName: 'updated' }, 500)).toEqual(updated)
  })

  it('keeps its counts equal to counting the rows after deletes', () => {
    t.engine.sql.raw.prepare("DELETE FROM audit_activities WHERE id % 3 = 0 AND effect_on = 'User'").run()
    const kept = rows(t.engine, "SELECT scope, n FROM list_counts WHERE scope LIKE 'audit-on:%' AND n > 0 ORDER BY scope")
    const counted = [
      ...rows(t.engine, "SELECT 'audit-on:' || effect_on AS scope, count(*) AS n FROM audit_activities GROUP BY effect_on"),
      ...rows(t.engine, "SELECT 'audit-on:' || effect_on || ':' || action AS scope, count(*) AS n FROM audit_activities GROUP BY effect_on, action"),
    ].sort((a, b) => (a.scope < b.scope ? -1 : 1))
    expect(kept).toEqual(counted)
    expect(rows(t.engine, 'SELECT effect_on, subject_id, n FROM audit_subjects ORDER BY 1, 2')).toEqual(
      rows(t.engine, 'SELECT effect_on, subject_id, count(*) AS n FROM audit_activities WHERE subject_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2'),
    )
  })
})
