// A course with more learners than any page (6,007, the 7 who finished sorting last): the
// certificates screen's learner list counts and pages all of them on the server, finds the
// finishers past the 5,000th, and "issue to all who finished" issues to every one of them by
// server-side selection, a batch a call, saying how many remain. Real SQLite file; the
// learners are bulk-inserted (raw prepared statements, one transaction) for speed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/engine/engine'
import { changeRecords, count, openTestEngine, rows, validCourse, type OpenedTestEngine } from './helpers'

const LEARNERS = 6_000
const FINISHERS = ['Zuzanna Zielińska', 'Zoltán Zsoldos', 'Zygmunt Żak', 'Zara Zubair', 'Zeno Zito', 'Zhou Zhen', 'Zola Zulu']

/** Bulk-enrolls `LEARNERS` learners who have not finished, then the finishers (ids after them). */
function seedLargeCourse(engine: Engine, courseId: number): { finisherEnrollments: number[] } {
  const raw = engine.sql.raw
  const at = '2024-04-01T09:00:00.000Z'
  const user = raw.prepare(
    "INSERT INTO users (first_name, last_name, email, email_key, user_type, disabled, custom_user_metas, created_at, updated_at) VALUES (?, ?, ?, ?, 'general', 0, '[]', ?, ?)",
  )
  const enroll = raw.prepare(
    "INSERT INTO enrollments (course_id, user_id, status, percent_complete, access_status, registered_at, completed_at) VALUES (?, ?, ?, ?, 'Allowed', ?, ?)",
  )
  const finisherEnrollments: number[] = []
  raw.transaction(() => {
    for (let i = 0; i < LEARNERS; i++) {
      const email = `bulk.${i}@example.org`
      const userId = user.run(`Learner`, String(i).padStart(5, '0'), email, email, at, at).lastInsertRowid
      enroll.run(courseId, userId, i % 2 ? 'In Progress' : 'Not Started', i % 2 ? 40 : 0, at, null)
    }
    FINISHERS.forEach((name, i) => {
      const [first, last] = name.split(' ')
      const email = `finisher.${i}@example.org`
      const userId = user.run(first, last, email, email, at, at).lastInsertRowid
      finisherEnrollments.push(Number(enroll.run(courseId, userId, 'Completed', 100, at, '2024-04-20T15:00:00.000Z').lastInsertRowid))
    })
  })()
  return { finisherEnrollments }
}

let t: OpenedTestEngine
let courseId: number
let finisherEnrollments: number[]
beforeAll(async () => {
  t = await openTestEngine()
  const templateId = t.call('certificateTemplates.create', {
    name: 'Big course certificate',
    width: 1000,
    height: 600,
    fields: [{ key: 'student_full_name', value: 'Student Full Name', font_size: 30, align_center: true, font_family: 'Arial', font_color: '#222', top: 200, left: 100, width: 800, height: 60 }],
  }).id
  courseId = t.call('courses.create', validCourse({ name: 'Mass Induction', slug: 'mass-induction', certificateTemplates: [templateId], certificateExpiresAfter: 24 })).id
  ;({ finisherEnrollments } = seedLargeCourse(t.engine, courseId))
}, 60_000)
afterAll(() => t.dispose())

type Candidates = { recordsTotal: number; recordsFiltered: number; counts: Record<string, number>; learners?: unknown; records: { enrollmentId: number; name: string; status: string; certificateCode: string | null }[] }
const candidates = (input: Record<string, unknown> = {}) => t.call('certificates.candidates', { courseId, page_size: 50, page_number: 1, ...input })
const enrolled = LEARNERS + FINISHERS.length

describe('a course with more than 5,000 learners', () => {
  it('counts every learner and who finished, and pages to the finishers past the 5,000th', () => {
    const first = candidates()
    expect(first.counts).toEqual({ enrolled, finished: 7, issuable: 7, holders: 0 })
    expect(first.recordsTotal).toBe(enrolled)
    expect(first.recordsFiltered).toBe(enrolled)
    expect(first.records).toHaveLength(50)
    // By name, the finishers (all Z…) are the last 7 of 6,007: the last page of 500 ends with them.
    const last = candidates({ page_size: 500, page_number: Math.ceil(enrolled / 500) })
    expect(last.records.slice(-7).map((r) => r.name)).toEqual([...FINISHERS].sort(new Intl.Collator('en').compare))
    expect(last.records.slice(-7).every((r) => r.status === 'Completed')).toBe(true)

    const finished = candidates({ search_param: { show: 'issuable' } })
    expect(finished.recordsFiltered).toBe(7)
    expect(finished.records.map((r) => r.enrollmentId).sort((a, b) => a - b)).toEqual(finisherEnrollments)
    expect(candidates({ search_param: { nameOrEmail: 'Żak' } }).records.map((r) => r.name)).toEqual(['Zygmunt Żak'])
    expect(candidates({ search_param: { nameOrEmail: 'bulk.4999@' } }).recordsFiltered).toBe(1)
  })

  it('pages through every learner exactly once in name order, both ways (deep pages are read from the nearer end)', () => {
    const oracle = rows<{ id: number }>(
      t.engine,
      'SELECT e.id FROM enrollments e JOIN users u ON u.id = e.user_id WHERE e.course_id = ? ORDER BY u.first_name_key, u.last_name_key, e.id',
      courseId,
    ).map((r) => r.id)
    expect(oracle).toHaveLength(enrolled)
    for (const direction of ['asc', 'desc'] as const) {
      const seen: number[] = []
      for (let n = 1; n <= Math.ceil(enrolled / 700); n++) {
        seen.push(...candidates({ page_size: 700, page_number: n, order_by: { colName: 'name', direction } }).records.map((r) => r.enrollmentId))
      }
      expect(seen).toEqual(direction === 'asc' ? oracle : [...oracle].reverse())
    }
    // A page past the end is empty; the last, short page holds what is left.
    expect(candidates({ page_size: 700, page_number: 10 }).records).toEqual([])
    expect(candidates({ page_size: 1000, page_number: 7 }).records.map((r) => r.enrollmentId)).toEqual(oracle.slice(6000))
  })

  it('issues to everyone who finished, a batch a call, with what remains, and queues each for sync', () => {
    const before = changeRecords(t.engine).length
    expect(t.call('certificates.issueFinished', { courseId, batchSize: 5 })).toMatchObject({ issued: 5, remaining: 2, skipped: [] })
    expect(t.call('certificates.issueFinished', { courseId, batchSize: 5 })).toMatchObject({ issued: 2, remaining: 0, skipped: [] })
    expect(t.call('certificates.issueFinished', { courseId, batchSize: 5 })).toMatchObject({ issued: 0, remaining: 0 })
    expect(count(t.engine, 'user_certificates', 'course_id = ?', courseId)).toBe(7)
    const queued = changeRecords(t.engine).slice(before)
    expect(queued.map((c) => c.operation)).toEqual(Array(7).fill('courses.assignCertificate'))
    expect(queued.flatMap((c) => c.input.enrollmentIds).sort((a: number, b: number) => a - b)).toEqual(finisherEnrollments)
    expect(candidates().counts).toEqual({ enrolled, finished: 7, issuable: 0, holders: 7 })
    const holders = candidates({ search_param: { show: 'holders' } })
    expect(holders.records.every((r) => /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(r.certificateCode ?? ''))).toBe(true)
  })

  it('refuses a course without a template, and an unknown course', () => {
    const bare = t.call('courses.create', validCourse({ name: 'No Template', slug: 'no-template' })).id
    expect(t.fails('certificates.issueFinished', { courseId: bare }).status).toBe(422)
    expect(t.fails('certificates.issueFinished', { courseId: 999_999 }).status).toBe(404)
    expect(t.fails('certificates.candidates', { courseId, search_param: { show: 'everyone' } }).status).toBe(422)
  })
})
