// The grading queue (course/all-submissions and course/submissions): what is in it, each
// filter, counts that shrink as grades are saved, sort columns, pages, and hostile list
// parameters. Through the registry on a real temporary SQLite file; the clock is mocked
// (fakeClock) and advanced between submissions so every row has its own time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, libraryModule, openTestEngine, rows, type OpenedTestEngine } from './helpers'
import { gradingWorld } from './grading-world'

let t: OpenedTestEngine
let w: ReturnType<typeof gradingWorld>
const ids = {} as Record<'alice' | 'bob' | 'cara' | 'C1' | 'C2' | 'A1' | 'D1' | 'A2' | 'chat', number>
/** Status row id by "<learner>.<module>", e.g. "alice.A1". */
const row: Record<string, number> = {}

interface QueueRecord {
  status_row_id: number
  module_id: number
  module_name: string
  module_type: string
  first_name: string
  last_name: string
  email: string
  course_id: number
  course_name: string
  status: string
  grading_status: string
  submitted_at: string
  unsynced: boolean
  points_awarded: number | null
  total_points: number | null
  submission_id: number
}
interface QueuePage {
  recordsTotal: number
  recordsFiltered: number
  records: QueueRecord[]
}
const queue = (input: Record<string, unknown> = {}) => t.call('courses.allSubmissions', { page_size: 50, ...input })
const filtered = (search_param: Record<string, unknown>) => queue({ search_param })
const keys = (page: QueuePage) =>
  page.records.map((r) => Object.entries(row).find(([, id]) => id === r.status_row_id)?.[0]).sort()

beforeAll(async () => {
  t = await openTestEngine()
  w = gradingWorld(t)
  w.actAs(w.createUser('Tara', 'Trainer'))
  ids.alice = w.createUser('Alice', 'Archer', 'alice.archer@example.org')
  ids.bob = w.createUser('Bob', 'Baker', 'bob.baker@example.org')
  ids.cara = w.createUser('Cara', 'Cole', 'cara.cole@example.org')
  ids.A1 = w.assignment('Hazard walk', 10)
  ids.D1 = w.discussion('Near misses', 10, 1)
  ids.A2 = w.assignment('Recovery position', 20)
  ids.chat = w.discussion('Coffee chat', 0, null, false)
  const welcome = libraryModule(t.engine, 'Welcome', 'text')
  ids.C1 = w.course([welcome, ids.A1, ids.D1, ids.chat], { name: 'Alpha Safety' })
  ids.C2 = w.course([ids.A2], { name: 'Beta First Aid' })
  for (const [learner, courses] of [
    ['alice', ['C1', 'C2']],
    ['bob', ['C1', 'C2']],
    ['cara', ['C1']],
  ] as const) {
    for (const course of courses) {
      const launched = w.launch(w.enroll(ids[course], ids[learner]))
      for (const m of ['A1', 'D1', 'A2', 'chat'] as const) if (launched.has(ids[m])) row[`${learner}.${m}`] = launched.get(ids[m]) as number
    }
  }
  // Six rows in the queue, submitted a minute apart: three of Alice, two of Bob, one of Cara.
  const submit = (key: string) => {
    t.clock.advance(60_000)
    if (key.endsWith('.D1')) w.comment(row[key], 1)
    else w.submit(row[key], `Answer of ${key}`)
  }
  for (const key of ['alice.A1', 'bob.A1', 'cara.A1', 'alice.D1', 'alice.A2', 'bob.A2']) submit(key)
  // Not in the queue: a comment in a discussion that is not evaluated, a text module completed.
  w.comment(row['cara.chat'], 2)
  t.call('courses.progressUpdate', { id: ids.C1, userId: ids.cara, modules: [{ module_id: welcome, status: 'Completed' }] })
})
afterAll(() => t.dispose())

const QUEUED = ['alice.A1', 'alice.A2', 'alice.D1', 'bob.A1', 'bob.A2', 'cara.A1']

describe('what the queue holds', () => {
  it('lists rows with submissions of assignments and evaluated discussions, newest first, in the documented shape', () => {
    const page = queue()
    expect(page.recordsTotal).toBe(6)
    expect(page.recordsFiltered).toBe(6)
    expect(keys(page)).toEqual(QUEUED)
    // Default order: last updated first.
    expect(page.records.map((r) => r.status_row_id)).toEqual(['bob.A2', 'alice.A2', 'alice.D1', 'cara.A1', 'bob.A1', 'alice.A1'].map((k) => row[k]))
    expect(page.records.find((r) => r.status_row_id === row['alice.D1'])).toMatchObject({
      module_id: ids.D1,
      module_name: 'Near misses',
      module_type: 'discussion',
      first_name: 'Alice',
      last_name: 'Archer',
      email: 'alice.archer@example.org',
      course_id: ids.C1,
      course_name: 'Alpha Safety',
      status: 'Submitted',
      grading_status: 'ungraded',
      points_awarded: null,
      total_points: 10,
      avatar: expect.stringContaining('<svg'),
      submission_id: expect.any(Number),
    })
  })

  it('courses.submissions holds one course\'s rows and names the course', () => {
    const page = t.call('courses.submissions', { course_id: ids.C1, page_size: 50 })
    expect(page.courseName).toBe('Alpha Safety')
    expect(page.recordsTotal).toBe(4)
    expect(keys(page)).toEqual(['alice.A1', 'alice.D1', 'bob.A1', 'cara.A1'])
    const typed = t.call('courses.submissions', { course_id: ids.C1, search_param: JSON.stringify({ type: 'assignment', nameOrEmail: 'a' }) })
    expect(typed).toMatchObject({ recordsTotal: 4, recordsFiltered: 3 })
    expect(t.fails('courses.submissions', { course_id: 999 }).status).toBe(404)
  })
})

describe('filters', () => {
  it('by course, module, type and name or email', () => {
    expect(keys(filtered({ courseId: ids.C2 }))).toEqual(['alice.A2', 'bob.A2'])
    expect(keys(filtered({ courseId: String(ids.C1), moduleId: ids.A1 }))).toEqual(['alice.A1', 'bob.A1', 'cara.A1'])
    expect(keys(filtered({ type: 'discussion' }))).toEqual(['alice.D1'])
    expect(filtered({ type: 'assignment' }).recordsFiltered).toBe(5)
    expect(keys(filtered({ nameOrEmail: 'bob.baker@' }))).toEqual(['bob.A1', 'bob.A2'])
    // The full name matches across first and last name.
    expect(keys(filtered({ nameOrEmail: 'alice archer' }))).toEqual(['alice.A1', 'alice.A2', 'alice.D1'])
    // LIKE wildcards in the text are taken literally.
    expect(filtered({ nameOrEmail: '%' }).recordsFiltered).toBe(0)
    expect(filtered({ nameOrEmail: 'c_le' }).recordsFiltered).toBe(0)
    // Empty filters filter nothing; recordsTotal never changes.
    expect(filtered({ courseId: '', moduleId: null, type: '', status: '', nameOrEmail: '' })).toMatchObject({ recordsTotal: 6, recordsFiltered: 6 })
    const combined = filtered({ courseId: ids.C1, type: 'assignment', nameOrEmail: 'a' })
    expect(combined.recordsTotal).toBe(6)
    expect(keys(combined)).toEqual(['alice.A1', 'bob.A1', 'cara.A1'])
  })

  it('by status row: the one submission the grading screen reopens after a reload, whatever its status', () => {
    expect(keys(filtered({ statusRowId: row['bob.A2'] }))).toEqual(['bob.A2'])
    expect(keys(filtered({ statusRowId: String(row['cara.A1']), courseId: ids.C1 }))).toEqual(['cara.A1'])
    // Combined with the other filters like any filter: outside them, nothing.
    expect(filtered({ statusRowId: row['bob.A2'], courseId: ids.C1 }).recordsFiltered).toBe(0)
    expect(filtered({ statusRowId: 999_999 }).recordsFiltered).toBe(0)
    expect(t.fails('courses.allSubmissions', { page_size: 5, search_param: { statusRowId: 'x' } }).code).toBe('validation')
  })

  it('ungraded, graded and rejected: counts shrink and grow as grades are saved and work is resubmitted', () => {
    const counts = () => ({
      ungraded: filtered({ ungradedOnly: true }).recordsFiltered,
      ungradedAsText: filtered({ ungradedOnly: 'true', status: 'graded' }).recordsFiltered,
      graded: filtered({ status: 'graded' }).recordsFiltered,
      rejected: filtered({ status: 'rejected' }).recordsFiltered,
    })
    // ungradedOnly wins over a status sent with it.
    expect(counts()).toEqual({ ungraded: 6, ungradedAsText: 6, graded: 0, rejected: 0 })
    w.evaluate(row['alice.A1'], { points: 9, accepted: true })
    expect(counts()).toEqual({ ungraded: 5, ungradedAsText: 5, graded: 1, rejected: 0 })
    w.evaluate(row['bob.A1'], { points: 2, accepted: false })
    expect(counts()).toEqual({ ungraded: 4, ungradedAsText: 4, graded: 1, rejected: 1 })
    expect(keys(filtered({ status: 'graded' }))).toEqual(['alice.A1'])
    expect(filtered({ status: 'rejected' }).records[0]).toMatchObject({ status_row_id: row['bob.A1'], grading_status: 'rejected', points_awarded: 2 })
    expect(keys(filtered({ status: 'ungraded' }))).toEqual(['alice.A2', 'alice.D1', 'bob.A2', 'cara.A1'])
    // Bob resubmits: back in the ungraded queue.
    t.clock.advance(60_000)
    w.submit(row['bob.A1'], 'Second try')
    expect(counts()).toEqual({ ungraded: 5, ungradedAsText: 5, graded: 1, rejected: 0 })
    // Undoing a never-sent grade puts the row back too.
    const evaluation = rows<{ id: number }>(t.engine, 'SELECT id FROM evaluations WHERE status_row_id = ?', row['alice.A1'])[0]
    t.call('grading.undoEvaluation', { evaluationId: evaluation.id })
    expect(counts()).toEqual({ ungraded: 6, ungradedAsText: 6, graded: 0, rejected: 0 })
  })

  it('has unsynced changes: pending submissions or evaluations of the row', () => {
    // Every assignment submitted through the engine has its submit queued; the discussion
    // comment was written by the fixture, so nothing of alice.D1 is queued.
    expect(keys(filtered({ unsyncedOnly: true }))).toEqual(['alice.A1', 'alice.A2', 'bob.A1', 'bob.A2', 'cara.A1'])
    // Simulates sync having sent everything queued so far.
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'done', attempts = 1").run()
    expect(filtered({ unsyncedOnly: true }).recordsFiltered).toBe(0)
    expect(queue().records.every((r) => !r.unsynced)).toBe(true)
    // A new grade is unsynced until sent.
    w.evaluate(row['alice.A2'], { points: 15, accepted: true })
    expect(keys(filtered({ unsyncedOnly: '1' }))).toEqual(['alice.A2'])
    expect(queue().records.find((r) => r.status_row_id === row['alice.A2'])?.unsynced).toBe(true)
    // A record parked by a validation error is still unsynced; a discarded one is not.
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'parked' WHERE state = 'pending'").run()
    expect(filtered({ unsyncedOnly: true }).recordsFiltered).toBe(1)
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'discarded' WHERE state = 'parked'").run()
    expect(filtered({ unsyncedOnly: true }).recordsFiltered).toBe(0)
    expect(filtered({ unsyncedOnly: false }).recordsFiltered).toBe(6)
  })
})

describe('sorting and pages', () => {
  const columns: Record<string, (r: QueueRecord) => string> = {
    first_name: (r) => r.first_name,
    last_name: (r) => r.last_name,
    email: (r) => r.email.toLowerCase(),
    module_name: (r) => r.module_name,
    course_name: (r) => r.course_name,
    status: (r) => r.status,
    submitted_on: (r) => r.submitted_at,
  }

  it('sorts by every allowed column both ways, ties broken by the row id in the same direction', () => {
    const all = queue().records
    for (const [colName, key] of Object.entries(columns)) {
      for (const direction of ['asc', 'desc'] as const) {
        const expected = [...all]
          .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.status_row_id - b.status_row_id) * (direction === 'asc' ? 1 : -1))
          .map((r) => r.status_row_id)
        const got = queue({ order_by: JSON.stringify({ colName, direction }) }).records.map((r) => r.status_row_id)
        expect(got, `${colName} ${direction}`).toEqual(expected)
      }
    }
    const updated = rows<{ id: number }>(t.engine, 'SELECT id FROM module_status WHERE submission_count > 0 AND id IN (' + all.map((r) => r.status_row_id).join(',') + ') ORDER BY updated_at ASC, id ASC').map((r) => r.id)
    expect(queue({ order_by: { colName: 'updated_at', direction: 'asc' } }).records.map((r) => r.status_row_id)).toEqual(updated)
    // The bare column name form of the documented examples sorts ascending.
    expect(queue({ order_by: 'first_name' }).records[0].first_name).toBe('Alice')
  })

  it('walks pages without overlap or gap', () => {
    const seen = [1, 2, 3].flatMap((page_number) => queue({ page_size: 4, page_number, order_by: { colName: 'email', direction: 'asc' } }).records.map((r) => r.status_row_id))
    expect(seen).toHaveLength(6)
    expect(new Set(seen).size).toBe(6)
  })

  it('refuses hostile list parameters with a 422 and runs nothing', () => {
    const users = count(t.engine, 'users')
    const hostile: Record<string, unknown>[] = [
      { order_by: JSON.stringify({ colName: 'ms.id; DROP TABLE users', direction: 'asc' }) },
      { order_by: JSON.stringify({ colName: 'password_hash', direction: 'asc' }) },
      { order_by: JSON.stringify({ colName: 'first_name', direction: 'asc; DELETE FROM users' }) },
      { order_by: '{"colName": "first_name", ' },
      { order_by: { colName: '(SELECT password_hash FROM users LIMIT 1)' } },
      { order_by: 'first_name desc' },
      { search_param: JSON.stringify({ nameOrEmail: 'a', evil: '1 OR 1=1' }) },
      { search_param: '{"nameOrEmail": ' },
      { search_param: '[1,2]' },
      { search_param: { type: 'quiz' } },
      { search_param: { status: 'everything' } },
      { search_param: { courseId: '1 OR 1=1' } },
      { search_param: { ungradedOnly: 'yes' } },
      { page_size: 0 },
      { page_size: 5000 },
      { page_number: -1 },
    ]
    for (const input of hostile) {
      const error = t.fails('courses.allSubmissions', input)
      expect(error.status, JSON.stringify(input)).toBe(422)
    }
    expect(count(t.engine, 'users')).toBe(users)
    // A search text with SQL in it is only text.
    expect(filtered({ nameOrEmail: "' OR 1=1 --" }).recordsFiltered).toBe(0)
  })
})
