// Issue 14, finding 1: the courses and classes columns of an import take what trainers
// know (course names and slugs, matched without case, as well as ids), separated by ";",
// "|" or a comma inside a quoted cell; an ambiguous or unknown name is a row error naming
// the candidates. Real engine on a real SQLite file with the demo world.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { count, openTestEngine, rows, type OpenedTestEngine } from './helpers'
import { importCalls } from './import-helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())
const { dry, commit } = importCalls(() => t.async)


/** A course as sync would have pulled it (ids chosen by the test). */
function addCourse(id: number, name: string, slug: string): void {
  const at = t.clock().toISOString()
  t.engine.sql.raw
    .prepare(
      `INSERT INTO courses (id, name, slug, status, course_type, grading_rule, duration_rule, certificate_templates, created_at, updated_at)
       VALUES (?, ?, ?, 'publish', 'self_paced', 'no_grading', 'unlimited', '[]', ?, ?)`,
    )
    .run(id, name, slug, at, at)
}

const enrolledCourses = (email: string) =>
  rows(t.engine, 'SELECT course_id FROM enrollments WHERE user_id = (SELECT id FROM users WHERE email = ?) ORDER BY course_id', email).map((r) => r.course_id)
const localDay = (iso: string) => {
  const d = new Date(iso)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

describe('the courses column', () => {
  it('takes course names, slugs and ids, without case, separated by ; | or a comma in a quoted cell', async () => {
    const csv = [
      'email,first_name,courses',
      'names@example.org,Ann,First Aid at Work',
      'lower@example.org,Bo,first aid AT work',
      'slug@example.org,Cy,workplace-safety-essentials',
      'mixed@example.org,Di,First Aid at Work; data-protection-basics | 6',
      'comma@example.org,Ed,"First Aid at Work, Data Protection Basics"',
      'legacy@example.org,Flo,1 5',
    ].join('\n')
    const r = await dry(csv)
    expect(r.errors).toEqual([])
    expect(r.preview.map((p: any) => p.courses.map((c: any) => c.id))).toEqual([[3], [3], [2], [3, 5, 6], [3, 5], [1, 5]])
    expect(r.preview[0].courses[0]).toMatchObject({ id: 3, name: 'First Aid at Work', from: 'file' })
    const done = await commit(csv)
    expect(done).toMatchObject({ created: 6, failed: 0 })
    expect(enrolledCourses('mixed@example.org')).toEqual([3, 5, 6])
    expect(enrolledCourses('comma@example.org')).toEqual([3, 5])
  })

  it('reads "Fire Safety 101" as the course of that name, never as id 101', async () => {
    addCourse(101, 'Other course', 'other-course')
    addCourse(501, 'Fire Safety 101', 'fire-safety-101')
    addCourse(502, 'Fire Safety 201', 'fire-safety-201')
    const r = await commit('email,first_name,courses\nfire@example.org,Fay,Fire Safety 101\n')
    expect(r).toMatchObject({ created: 1, failed: 0 })
    expect(enrolledCourses('fire@example.org')).toEqual([501])
  })

  it('an unknown name is a row error suggesting the closest courses', async () => {
    addCourse(501, 'Fire Safety 101', 'fire-safety-101')
    addCourse(502, 'Fire Safety 201', 'fire-safety-201')
    const r = await dry('email,first_name,courses\na@example.org,A,Fire Safety\nb@example.org,B,First Aid at Wrok\nc@example.org,C,Underwater Basket Weaving\n')
    expect(r.errors.map((e: any) => [e.row, e.column, e.value])).toEqual([
      [2, 'courses', 'Fire Safety'],
      [3, 'courses', 'First Aid at Wrok'],
      [4, 'courses', 'Underwater Basket Weaving'],
    ])
    expect(r.errors[0].message).toMatch(/No course is called "Fire Safety"/)
    expect(r.errors[0].message).toContain('"Fire Safety 101"')
    expect(r.errors[0].message).toContain('"Fire Safety 201"')
    expect(r.errors[1].message).toContain('"First Aid at Work"')
    expect(r.errors[2].message).toMatch(/No course has the name, slug or id "Underwater Basket Weaving"/)
    expect(r).toMatchObject({ valid: 0, create: 0 })
  })

  it('a name two courses share is ambiguous, naming both; their slugs or ids tell them apart', async () => {
    addCourse(601, 'Induction', 'induction-london')
    addCourse(602, 'Induction', 'induction-leeds')
    const r = await dry('email,first_name,courses\na@example.org,A,induction\nb@example.org,B,induction-leeds\nc@example.org,C,601\n')
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'courses', value: 'induction' })
    expect(r.errors[0].message).toMatch(/"induction" matches 2 courses/)
    expect(r.errors[0].message).toContain('induction-london')
    expect(r.errors[0].message).toContain('induction-leeds')
    expect(r.preview.slice(1).map((p: any) => p.courses.map((c: any) => c.id))).toEqual([[602], [601]])
  })

  it('keeps a course whose name holds a comma whole', async () => {
    addCourse(701, 'Health, Safety and Welfare', 'health-safety-and-welfare')
    const r = await dry('email,first_name,courses\na@example.org,A,"Health, Safety and Welfare"\nb@example.org,B,"Health, Safety and Welfare, First Aid at Work"\n')
    expect(r.errors).toEqual([])
    expect(r.preview.map((p: any) => p.courses.map((c: any) => c.id))).toEqual([[701], [701, 3]])
  })
})

describe('the classes column', () => {
  it('takes class ids, or a course name with the class date when the course has several classes', async () => {
    const start4 = rows(t.engine, 'SELECT start_at FROM classes WHERE id = 4')[0].start_at as string
    const csv = [
      'email,first_name,classes',
      // First Aid at Work has one class to come (class 2; class 3 is over and signed off).
      'one@example.org,A,First Aid at Work',
      `dated@example.org,B,course 1 ${localDay(start4)}`,
      'id@example.org,C,7',
      'many@example.org,D,course 1',
    ].join('\n')
    const r = await dry(csv)
    expect(r.errors.map((e: any) => [e.row, e.column])).toEqual([[5, 'classes']])
    expect(r.errors[0].message).toMatch(/"course 1" has 3 classes to come/)
    expect(r.errors[0].message).toMatch(/class 1\b/)
    expect(r.errors[0].message).toMatch(/class 4\b/)
    expect(r.errors[0].message).toMatch(/class 7\b/)
    expect(r.preview.slice(0, 3).map((p: any) => p.classes.map((c: any) => c.id))).toEqual([[2], [4], [7]])
    expect(r.preview[0].classes[0]).toMatchObject({ id: 2, courseName: 'First Aid at Work', from: 'file' })
    const done = await commit(csv)
    expect(done).toMatchObject({ created: 3, failed: 1 })
    expect(count(t.engine, 'class_enrollments', 'class_id = 4 AND user_id = (SELECT id FROM users WHERE email = ?)', 'dated@example.org')).toBe(1)
  })
})
