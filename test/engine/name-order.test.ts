// Names sort as people sort them (Åsen, Łukasz, Williams, Zoë, 王芳), not by code point (which
// put Williams before Zoë but Åsen, Łukasz and 王芳 after both), in every list that sorts
// names: users, a course's enrolled students, a class's students and roster, certificate
// learners, courses by name; through the registry on real SQLite files, with the keys kept
// on rename and filled in for rows written before the migration that added them.
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/engine/db/open'
import { openLmsEngine } from '../../src/main/host/open-engine'
import { migrations } from '../../migrations/index'
import { sortKey } from '../../src/main/engine/db/sort-key'
import { clientOf, fakeClock, openTestEngine, removeDir, tempDir, validCourse, validUser, type OpenedTestEngine } from './helpers'

const NAMES = ['Zoë', 'Williams', '王芳', 'Łukasz', 'Åsen']
const EXPECTED = ['Åsen', 'Łukasz', 'Williams', 'Zoë', '王芳']

let t: OpenedTestEngine | undefined
afterEach(() => {
  t?.dispose()
  t = undefined
})

/** Five learners named NAMES (first and last name alike), enrolled in a course and a class. */
async function world() {
  t = await openTestEngine()
  const userIds = NAMES.map((name, i) => t!.call('users.create', validUser({ firstName: name, lastName: name, email: `n${i}@example.org` })).id)
  // Instructors arrive from the hosted LMS (no documented create): the fixture writes one.
  const instructor = Number(t.engine.sql.raw.prepare("INSERT INTO instructors (name, created_at) VALUES ('Ina Structor', '2024-01-01')").run().lastInsertRowid)
  const courseIds = NAMES.map((name, i) => t!.call('courses.create', validCourse({ name: `${name} course`, slug: `course-${i}` })).id)
  t!.call('courses.enroll', { id: courseIds[0], studentIds: userIds })
  const classId = t!.call('classes.create', { courseId: courseIds[0], instructor, type: 'onetime', starttime: '2024-06-03 09:00:00', endTime: '2024-06-03 12:00:00', allowDownload: false, disabled: false }).id
  t!.call('classes.enroll', { id: classId, studentIds: userIds })
  return { userIds, courseIds, classId }
}

const page = (extra: Record<string, unknown>) => ({ page_size: 50, page_number: 1, ...extra })
const order = (colName: string, direction: 'asc' | 'desc' = 'asc') => ({ order_by: { colName, direction } })
const learnerNames = (records: { first_name: string }[]) => records.map((r) => r.first_name).filter((n) => NAMES.includes(n))

describe('name order', () => {
  it('sorts users by first and last name, both ways, and courses by name', async () => {
    await world()
    for (const column of ['first_name', 'last_name']) {
      expect(learnerNames(t!.call('users.tabularList', page(order(column))).records)).toEqual(EXPECTED)
      expect(learnerNames(t!.call('users.tabularList', page(order(column, 'desc'))).records)).toEqual([...EXPECTED].reverse())
    }
    const courses = t!.call('courses.tabularList', page(order('name'))).records.map((c) => c.name)
    expect(courses).toEqual(EXPECTED.map((n) => `${n} course`))
    expect(t!.call('courses.lookup', {}).map((c) => c.label)).toEqual(EXPECTED.map((n) => `${n} course`))
  })

  it("sorts a course's enrolled students, a class's students and roster, and certificate learners", async () => {
    const w = await world()
    const enrolled = t!.call('courses.enrolledStudents', { course_id: w.courseIds[0], ...page(order('first_name')) })
    expect(enrolled.records.map((r) => r.first_name)).toEqual(EXPECTED)
    const lookup = t!.call('courses.enrolledUsersLookup', { id: w.courseIds[0] })
    expect(lookup.map((u) => u.full_name)).toEqual(EXPECTED.map((n) => `${n} ${n}`))
    for (const column of ['name', 'last_name']) {
      const students = t!.call('classes.enrolledStudents', { class_id: w.classId, ...page(order(column)) })
      expect(students.records.map((r) => r.first_name)).toEqual(EXPECTED)
    }
    const roster = t!.call('attendance.roster', { classId: w.classId })
    expect(roster.learners.map((l) => l.name)).toEqual(EXPECTED.map((n) => `${n} ${n}`))
    const candidates = t!.call('certificates.candidates', { courseId: w.courseIds[0] })
    expect(candidates.records.map((l) => l.name)).toEqual(EXPECTED.map((n) => `${n} ${n}`))
  })

  it('sorts short lists by the same keys: templates and categories', async () => {
    t = await openTestEngine()
    for (const name of NAMES) {
      t!.call('certificateTemplates.create', { name, width: 800, height: 600, fields: [] })
      t!.call('categories.create', { category_name: name, categoryType: 'course' })
    }
    expect(t!.call('certificateTemplates.lookup', {}).map((x) => x.name)).toEqual(EXPECTED)
    expect(t!.call('certificateTemplates.tabularList', page(order('name', 'desc'))).records.map((x) => x.name)).toEqual([...EXPECTED].reverse())
    expect(t!.call('categories.courseLookup', {}).map((x) => x.name)).toEqual(EXPECTED)
    expect(t!.call('categories.courseList', page(order('name'))).records.map((x) => x.name)).toEqual(EXPECTED)
  })

  it('keeps the order when a learner is renamed', async () => {
    const w = await world()
    // Zoë becomes Ægir: now first (Æ sorts as "ae").
    t!.call('users.update', { id: w.userIds[0], firstName: 'Ægir', lastName: 'Zoë', email: 'n0@example.org' })
    const names = t!.call('users.tabularList', page(order('first_name'))).records.map((r) => r.first_name)
    expect(names.indexOf('Ægir')).toBe(0)
    expect(names.filter((n) => NAMES.includes(n))).toEqual(['Åsen', 'Łukasz', 'Williams', '王芳'])
  })

  it('fills the keys of names written before the keys existed', async () => {
    const dir = tempDir()
    try {
      const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0014_name_sort_keys'))
      const old = await openDatabase(dir, before)
      const insert = old.raw.prepare(
        "INSERT INTO users (first_name, last_name, email, email_key, user_type, created_at, updated_at) VALUES (?, ?, ?, ?, 'general', '2024-01-01', '2024-01-01')",
      )
      NAMES.forEach((name, i) => insert.run(name, 'Old', `old${i}@example.org`, `old${i}@example.org`))
      old.close()
      const engine = await openLmsEngine({ dataDir: dir, demo: false, clock: fakeClock() })
      try {
        const result = clientOf(engine).result('users.tabularList', page(order('first_name')))
        expect(result.ok && (result.value as { records: { first_name: string }[] }).records.map((r) => r.first_name)).toEqual(EXPECTED)
      } finally {
        engine.close()
      }
    } finally {
      removeDir(dir)
    }
  })
})

describe('sort keys', () => {
  const byKey = (a: string, b: string) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0)
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

  it('order names as the Unicode collation does at the primary level (the renderer compares the same way)', () => {
    const names = [
      'Zoë', 'Williams', '王芳', 'Łukasz', 'Åsen', 'adams', 'O’Brien', "O'Neil", 'Oakley', 'Mary-Jane', 'Mary Ann', 'Group 10', 'Group 9', 'Group 09b',
      'course 1', 'Customer Service', 'Ørsted', 'Straße', 'Strassen', 'Élodie', 'Emil', 'Иван', 'Ωmega', '김민준', 'Nguyễn', 'Çelik', 'Dvořák', 'Dvorak', 'Søren', 'Sorensen', 'ＡＢＣ', 'Æsir', 'Aeson',
    ]
    const sorted = [...names].sort(byKey)
    for (let i = 1; i < sorted.length; i++) expect(collator.compare(sorted[i - 1], sorted[i]), `${sorted[i - 1]} before ${sorted[i]}`).toBeLessThanOrEqual(0)
    expect([...NAMES].sort(byKey)).toEqual(EXPECTED)
  })

  it('treat case, accents and spacing at the ends alike, and never fail on odd text', () => {
    expect(sortKey('  ÅSEN ')).toBe(sortKey('asen'))
    expect(sortKey('')).toBe('')
    expect(sortKey(null)).toBe('')
    expect(typeof sortKey('\u0000\uD800 x')).toBe('string')
  })
})
