// Every list is declared once: its operation's listParams name the sort keys and filters,
// and defineList serves it. Walks the declarations (no list named by hand but the inputs a
// list needs) and asks a real engine on the demo world's SQLite file for each sort key
// both ways, page by page, and for keys and filters the declaration does not have.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { filterKeysOf, sortKeysOf } from '../../src/shared/contract/list-params'
import { operations } from '../../src/shared/operations/index'
import { ENGINE_HANDLERS } from '../../src/main/engine/engine-handlers'
import { defineList, isDefinedList } from '../../src/main/engine/define-list'
import type { EngineContext } from '../../src/main/engine/context'
import { err, ok, openTestEngine, rows, type OpenedTestEngine } from './helpers'

/** Operations declared with list parameters that answer no page, and why. */
const NOT_PAGES: Record<string, string> = {
  'users.dashboardStatistics': 'answers the counts of a user’s courses by status; the status filter narrows them',
  'courseReports.customHeaders': 'answers the export’s extra headers; the list parameters are the export’s own, sent along',
  'courses.autoEnrollCourses': 'a documented lookup answering every auto-enroll course, sorted by the declared keys, unpaged',
}

const LISTS = operations.filter((op) => sortKeysOf(op.input) !== null)
const PAGED = LISTS.filter((op) => !(op.name in NOT_PAGES))

let t: OpenedTestEngine
/** The input each list needs besides its list parameters: the busiest user, course or class of the demo world. */
let scopeOf: (name: string) => Record<string, unknown>

beforeAll(async () => {
  t = await openTestEngine({ demo: true })
  const busiest = (query: string) => rows<{ id: number }>(t.engine, query)[0]?.id ?? 1
  const user = busiest('SELECT user_id AS id FROM enrollments GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1')
  const course = busiest('SELECT course_id AS id FROM enrollments GROUP BY course_id ORDER BY count(*) DESC, course_id LIMIT 1')
  const klass = busiest('SELECT class_id AS id FROM class_enrollments GROUP BY class_id ORDER BY count(*) DESC, class_id LIMIT 1')
  const classCourse = busiest('SELECT course_id AS id FROM classes GROUP BY course_id ORDER BY count(*) DESC, course_id LIMIT 1')
  const classUser = busiest('SELECT user_id AS id FROM class_enrollments GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1')
  const activeCourse = busiest('SELECT course_id AS id FROM course_activities GROUP BY course_id ORDER BY count(*) DESC, course_id LIMIT 1')
  const activeUser = busiest('SELECT user_id AS id FROM course_activities GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1')
  const certified = busiest('SELECT user_id AS id FROM user_certificates GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1')
  const submitted = busiest(
    'SELECT e.course_id AS id FROM module_status ms JOIN enrollments e ON e.id = ms.enrollment_id WHERE ms.submission_count > 0 GROUP BY e.course_id ORDER BY count(*) DESC LIMIT 1',
  )
  const scopes: Record<string, Record<string, unknown>> = {
    'users.enrolledCourses': { user_id: user },
    'users.detailedReport': { user_id: user },
    'users.orders': { user_id: user },
    'users.subscriptions': { user_id: user },
    'users.activities': { user_id: activeUser },
    'users.enrolledClasses': { user_id: classUser },
    'users.classReports': { user_id: classUser },
    'userCertificates.list': { id: certified },
    'courses.enrolledStudents': { course_id: course },
    'courseReports.courseDetailed': { course_id: course },
    'certificates.candidates': { courseId: course },
    'courses.activities': { course_id: activeCourse },
    'courses.submissions': { course_id: submitted },
    'classes.courseClasses': { course_id: classCourse },
    'classes.enrolledStudents': { class_id: klass },
    'classes.detailedReport': { class_id: klass },
  }
  scopeOf = (name) => scopes[name] ?? {}
})
afterAll(() => t.dispose())

const call = (name: string, input: Record<string, unknown>) => t.engine.invoke(name, input)
/** A record as a whole: not every list's records have an id. */
const identity = (record: unknown) => JSON.stringify(record)

describe('list declarations', () => {
  it('finds the lists by their declarations', () => {
    // The walk below must see the lists, or it proves nothing.
    expect(PAGED.length).toBeGreaterThan(30)
  })

  it('serves every operation declared with listParams by defineList (or says why it answers no page)', () => {
    const handlers = new Map(ENGINE_HANDLERS.flatMap((table) => Object.entries(table)))
    const notDefined = PAGED.filter((op) => !isDefinedList(handlers.get(op.name))).map((op) => op.name)
    expect(notDefined).toEqual([])
    for (const name of Object.keys(NOT_PAGES)) expect(LISTS.some((op) => op.name === name), name).toBe(true)
  })
})

describe('every declared sort key sorts', () => {
  // Each list's records in one order, page by page (pages of 3), then the whole page once.
  const walk = (name: string, colName: string, direction: 'asc' | 'desc') => {
    const order_by = JSON.stringify({ colName, direction })
    const whole = ok<{ recordsFiltered: number; records: unknown[] }>(call(name, { ...scopeOf(name), order_by, page_size: 1000 }))
    const paged: unknown[] = []
    for (let page = 1; paged.length < whole.records.length && page <= 400; page++) {
      paged.push(...ok<{ records: unknown[] }>(call(name, { ...scopeOf(name), order_by, page_size: 3, page_number: page })).records)
    }
    return { whole: whole.records.map(identity), paged: paged.map(identity), filtered: whole.recordsFiltered }
  }

  for (const op of operations.filter((o) => sortKeysOf(o.input) !== null && !(o.name in NOT_PAGES))) {
    it(`${op.name}: each key ascending is its descending order backwards, and pages of 3 walk the same order`, () => {
      for (const colName of sortKeysOf(op.input)!) {
        const asc = walk(op.name, colName, 'asc')
        const desc = walk(op.name, colName, 'desc')
        // The tie-breaker makes each order total: ties come out the same way every time.
        expect(desc.whole, `${colName} desc`).toEqual([...asc.whole].reverse())
        expect(asc.paged, `${colName} asc in pages`).toEqual(asc.whole)
        expect(desc.paged, `${colName} desc in pages`).toEqual(desc.whole)
        expect(asc.whole.length, colName).toBe(Math.min(asc.filtered, 1000))
      }
    })
  }

  it('has rows to sort in the demo world for most lists', () => {
    const empty = PAGED.filter((op) => ok<{ recordsFiltered: number }>(call(op.name, scopeOf(op.name))).recordsFiltered < 2).map((op) => op.name)
    // Orders, subscriptions and memberships come from the hosted store only; the rest have rows.
    expect(empty.length, empty.join(', ')).toBeLessThanOrEqual(4)
  })
})

describe('keys and filters the declaration does not have', () => {
  for (const op of operations.filter((o) => sortKeysOf(o.input) !== null)) {
    it(`${op.name}: refuses an undeclared sort key and an undeclared filter`, () => {
      const byKey = err(call(op.name, { ...scopeOf(op.name), order_by: JSON.stringify({ colName: 'not_declared', direction: 'asc' }) }))
      expect(byKey.code).toBe('validation')
      expect(byKey.fields).toHaveProperty('order_by')
      if (filterKeysOf(op.input) === null) return
      const byFilter = err(call(op.name, { ...scopeOf(op.name), search_param: JSON.stringify({ not_declared: 'x' }) }))
      expect(byFilter.code).toBe('validation')
      expect(byFilter.fields).toHaveProperty('search_param')
    })
  }
})

// Checked by `npm run typecheck`, never run: a sort map must name each declared key once,
// and a filter only a declared one.
export function sortMapsAreCheckedByTheCompiler() {
  const query = (ctx: EngineContext) => ({
    total: ctx.qb.selectFrom('badges').select('id'),
    rows: ctx.qb.selectFrom('badges').select(['id', 'title']),
  })
  const records = (rows: { id: number; title: string }[]) => rows.map((b) => ({ id: b.id, title: b.title, badgeIconUrl: '', points: 0 }))
  defineList('badges.tabularList', {
    // @ts-expect-error 'points' is declared and has no column
    sort: { id: 'badges.id', title: 'badges.title', created_at: 'badges.created_at' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'badges.id',
    query,
    records,
  })
  defineList('badges.tabularList', {
    // @ts-expect-error 'expiry' is not a declared sort key of badges.tabularList
    sort: { id: 'badges.id', title: 'badges.title', points: 'badges.points', created_at: 'badges.created_at', expiry: 'badges.id' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'badges.id',
    query,
    records,
  })
  defineList('badges.tabularList', {
    sort: { id: 'badges.id', title: 'badges.title', points: 'badges.points', created_at: 'badges.created_at' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'badges.id',
    query,
    // @ts-expect-error 'code' is not a declared filter of badges.tabularList
    filters: { code: () => undefined },
    records,
  })
}
