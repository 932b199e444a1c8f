// Course administration through the registry on a real temporary SQLite file: slugs,
// clones, quick edit, auto-enroll courses, and reset/revoke/grant/setExpiry on the demo
// world's enrollments (which have module progress, submissions and evaluations).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpInput, OpName } from '../../src/shared/operations/index'
import { changeRecords, count, openTestEngine, rows, validCourse, validUser, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())
const enrollment = (id: number) => rows(t.engine, 'SELECT * FROM enrollments WHERE id = ?', id)[0]
const recordsOf = (operation: OpName) => changeRecords(t.engine).filter((r) => r.operation === operation)
const verbs = (courseId: number, verb: string) => count(t.engine, 'course_activities', 'course_id = ? AND verb = ?', courseId, verb)

describe('courses.updateSlug', () => {
  it('changes the slug in lower case and queues it', () => {
    expect(t.call('courses.updateSlug', { id: 1, slug: 'Awesome-Course' })).toBe('awesome-course')
    expect(t.call('courses.get', { id: 1 }).slug).toBe('awesome-course')
    expect(recordsOf('courses.updateSlug').map((r) => r.input)).toEqual([{ id: 1, slug: 'awesome-course' }])
  })

  it('refuses a slug another course has, and changes nothing', () => {
    const e = t.fails('courses.updateSlug', { id: 1, slug: 'first-aid-at-work' })
    expect(e.status).toBe(422)
    expect(e.fields?.slug?.[0]).toMatch(/already been taken/)
    expect(t.call('courses.get', { id: 1 }).slug).toBe('course-1')
    expect(recordsOf('courses.updateSlug')).toEqual([])
  })

  it('keeps the same slug without queueing anything, and refuses malformed slugs', () => {
    expect(t.call('courses.updateSlug', { id: 1, slug: 'course-1' })).toBe('course-1')
    expect(recordsOf('courses.updateSlug')).toEqual([])
    expect(t.fails('courses.updateSlug', { id: 1, slug: 'two  spaces' }).status).toBe(422)
    expect(t.fails('courses.updateSlug', { id: 999, slug: 'free-slug' }).status).toBe(404)
  })
})

describe('courses.clone', () => {
  const placed = (courseId: number) => rows<{ module_id: number; position: number; is_grade_module: number }>(t.engine, 'SELECT module_id, position, is_grade_module FROM course_modules WHERE course_id = ? ORDER BY position', courseId)
  const categories = (courseId: number) => rows<{ category_id: number }>(t.engine, 'SELECT category_id FROM course_categories WHERE course_id = ? ORDER BY category_id', courseId).map((r) => r.category_id)

  it('shallow: places the same library modules, copies categories, no enrollments, a free slug and draft status', () => {
    const modulesBefore = count(t.engine, 'modules')
    const { id } = t.call('courses.clone', { course_id: 2, course_name: 'Workplace Safety Essentials', isDeepCopy: false })
    const clone = t.call('courses.get', { id })
    expect(clone.name).toBe('Workplace Safety Essentials')
    expect(clone.slug).toBe('workplace-safety-essentials-2')
    expect(clone.status).toBe('draft')
    expect(placed(id)).toEqual(placed(2))
    expect(categories(id)).toEqual(categories(2))
    expect(count(t.engine, 'modules')).toBe(modulesBefore)
    expect(count(t.engine, 'enrollments', 'course_id = ?', id)).toBe(0)
    expect(recordsOf('courses.clone')).toMatchObject([{ entity: 'course', local_id: id, input: { course_id: 2, course_name: 'Workplace Safety Essentials', isDeepCopy: false } }])
  })

  it('deep: places copies of the modules, so editing a copy leaves the original course alone', () => {
    const source = placed(2)
    const modulesBefore = count(t.engine, 'modules')
    const { id } = t.call('courses.clone', { course_id: 2, course_name: 'Safety (editable copy)', isDeepCopy: 'true' })
    const copies = placed(id)
    expect(copies).toHaveLength(source.length)
    expect(count(t.engine, 'modules')).toBe(modulesBefore + source.length)
    copies.forEach((c, i) => {
      expect(c.module_id).not.toBe(source[i].module_id)
      expect(c.position).toBe(source[i].position)
      const [original] = rows(t.engine, 'SELECT name, type, content, total_points FROM modules WHERE id = ?', source[i].module_id)
      const [copy] = rows(t.engine, 'SELECT name, type, content, total_points FROM modules WHERE id = ?', c.module_id)
      expect(copy).toEqual(original)
    })
    const assignment = copies.find((c) => rows(t.engine, "SELECT 1 FROM modules WHERE id = ? AND type = 'assignment'", c.module_id).length)!
    t.call('assignments.update', { ...assignmentBody(assignment.module_id), name: 'Changed in the copy only' })
    const originals = rows<{ name: string }>(t.engine, 'SELECT m.name FROM course_modules cm JOIN modules m ON m.id = cm.module_id WHERE cm.course_id = 2')
    expect(originals.map((r) => r.name)).not.toContain('Changed in the copy only')
  })

  it('refuses an unknown course and a missing name', () => {
    expect(t.fails('courses.clone', { course_id: 999, course_name: 'X', isDeepCopy: false }).status).toBe(404)
    expect(t.fails('courses.clone', { course_id: 1, course_name: ' ', isDeepCopy: false }).fields).toHaveProperty('course_name')
  })
})

function assignmentBody(id: number): OpInput<'assignments.update'> {
  const a = t.call('assignments.get', { id })
  return { id, name: a.name, content: a.content, totalPoints: a.totalPoints, submission_type: a.submission_type as OpInput<'assignments.update'>['submission_type'], allowed_filetypes: a.allowed_filetypes }
}

describe('courses.reset, revoke, grant and setExpiry', () => {
  it('reset clears module progress, submissions and evaluations of the named enrollments only, with a RESET activity each', () => {
    // Enrollment 7 (course 1) is In Progress with status rows; enrollment 1 is another student's.
    const statusRows = count(t.engine, 'module_status', 'enrollment_id = 7')
    expect(statusRows).toBeGreaterThan(0)
    const otherRows = count(t.engine, 'module_status', 'enrollment_id = 1')
    const message = t.call('courses.reset', { id: 1, enrollmentIds: [7] }).message
    expect(message).toBe('1 student(s) progress is reset successfully')
    expect(count(t.engine, 'module_status', 'enrollment_id = 7')).toBe(0)
    expect(count(t.engine, 'submissions', 'status_row_id NOT IN (SELECT id FROM module_status)')).toBe(0)
    expect(enrollment(7)).toMatchObject({ status: 'Not Started', percent_complete: 0, started_at: null, completed_at: null, last_accessed_at: null })
    expect(count(t.engine, 'module_status', 'enrollment_id = 1')).toBe(otherRows)
    expect(verbs(1, 'RESET')).toBe(1)
    expect(recordsOf('courses.reset')).toMatchObject([{ entity: 'enrollment', local_id: 7, input: { id: 1, enrollmentIds: [7] } }])
  })

  it('refuses enrollments of another course and changes nothing, not even the valid ones', () => {
    const before = enrollment(7)
    const e = t.fails('courses.reset', { id: 1, enrollmentIds: [7, 12] })
    expect(e.status).toBe(422)
    expect(e.fields?.enrollmentIds?.[0]).toMatch(/12/)
    expect(enrollment(7)).toEqual(before)
    expect(verbs(1, 'RESET')).toBe(0)
    expect(recordsOf('courses.reset')).toEqual([])
  })

  it('revoke and grant flip the access, once each, with REVOKED and GRANTED activities', () => {
    expect(t.call('courses.revoke', { id: 1, enrollmentIds: [9, 6] }).message).toBe('2 student(s) access has been revoked successfully')
    expect([enrollment(9).access_status, enrollment(6).access_status]).toEqual(['Revoked', 'Revoked'])
    t.call('courses.revoke', { id: 1, enrollmentIds: [9] })
    expect(verbs(1, 'REVOKED')).toBe(2)
    expect(recordsOf('courses.revoke')).toHaveLength(2)
    // Revoked learners lose the course in their list of accessible courses.
    expect(t.call('users.enrolledCourses', { user_id: 4 }).records.find((r: { courseId: number }) => r.courseId === 1)!.accessStatus).toBe('Revoked')
    expect(t.call('courses.grant', { id: 1, enrollmentIds: [6] }).message).toBe('1 student(s) access has been granted successfully')
    expect(enrollment(6).access_status).toBe('Allowed')
    expect(enrollment(9).access_status).toBe('Revoked')
    expect(verbs(1, 'GRANTED')).toBe(1)
  })

  it('setExpiry sets and clears the expiry date with an UPDATED EXPIRY DATE activity, and refuses a non-date', () => {
    t.call('courses.setExpiry', { id: 1, enrollmentIds: [9, 6], expiryDate: '2030-12-31' })
    expect(enrollment(6).expire_at).toBe('2030-12-31T00:00:00.000Z')
    expect(enrollment(9).expire_at).toBe('2030-12-31T00:00:00.000Z')
    expect(verbs(1, 'UPDATED EXPIRY DATE')).toBe(2)
    expect(t.call('courses.enrolledStudents', { course_id: 1 }).records.find((r: { id: number }) => r.id === 6)!.expire_on).toBe('31-Dec-2030')
    expect(recordsOf('courses.setExpiry').map((r) => r.input)).toEqual([6, 9].map((e) => ({ id: 1, enrollmentIds: [e], expiryDate: '2030-12-31' })))
    t.call('courses.setExpiry', { id: 1, enrollmentIds: [6], expiryDate: null })
    expect(enrollment(6).expire_at).toBeNull()
    const e = t.fails('courses.setExpiry', { id: 1, enrollmentIds: [6], expiryDate: '[9, 6]' })
    expect(e.status).toBe(422)
    expect(e.fields).toHaveProperty('expiryDate')
  })
})

describe('courses.quickEdit', () => {
  it('sets the author and adds categories, keeping those the course had', () => {
    t.call('courses.quickEdit', { course_ids: [2, 3], author_id: 7, categories_id: [3] })
    const of = (id: number) => rows<{ category_id: number }>(t.engine, 'SELECT category_id FROM course_categories WHERE course_id = ? ORDER BY category_id', id).map((r) => r.category_id)
    expect(of(2)).toEqual([1, 2, 3])
    expect(of(3)).toEqual([2, 3])
    expect(rows(t.engine, 'SELECT author_id FROM courses WHERE id IN (2, 3)').map((r) => r.author_id)).toEqual([7, 7])
    expect(recordsOf('courses.quickEdit').map((r) => r.input)).toEqual([
      { course_ids: [2], author_id: 7, categories_id: [3] },
      { course_ids: [3], author_id: 7, categories_id: [3] },
    ])
  })

  it('refuses unknown courses, authors and categories', () => {
    expect(t.fails('courses.quickEdit', { course_ids: [2, 999] }).fields).toHaveProperty('course_ids')
    expect(t.fails('courses.quickEdit', { course_ids: [2], author_id: 9999 }).fields).toHaveProperty('author_id')
    expect(t.fails('courses.quickEdit', { course_ids: [2], categories_id: [999] }).fields).toHaveProperty('categories_id')
    expect(recordsOf('courses.quickEdit')).toEqual([])
  })
})

describe('auto-enroll courses', () => {
  it('are replaced as a set, listed, and enroll every user created afterwards', () => {
    t.call('courses.autoEnrollUpdate', { id: [6, 2] })
    expect(t.call('courses.autoEnrollCourses', { order_by: '{"colName":"id","direction":"asc"}' })).toEqual([
      { value: '2', label: 'Workplace Safety Essentials' },
      { value: '6', label: 'Induction Basics' },
    ])
    const { id } = t.call('users.create', validUser())
    expect(rows(t.engine, 'SELECT course_id FROM enrollments WHERE user_id = ? ORDER BY course_id', id).map((r) => r.course_id)).toEqual([2, 6])
    expect(count(t.engine, 'course_activities', "user_id = ? AND verb = 'ENROLLED'", id)).toBe(2)
    t.call('courses.autoEnrollUpdate', { id: [] })
    expect(t.call('courses.autoEnrollCourses', {})).toEqual([])
    expect(recordsOf('courses.autoEnrollUpdate').map((r) => r.input)).toEqual([{ id: [6, 2] }, { id: [] }])
    expect(t.fails('courses.autoEnrollUpdate', { id: [999] }).status).toBe(422)
  })
})

describe('course reports', () => {
  it('overview lists every course with counts that add up to the enrollments', () => {
    const o = t.call('courseReports.overview', {})
    expect(o.labels).toHaveLength(count(t.engine, 'courses'))
    expect(o.sumNotStarted + o.sumInProgress + o.sumCompleted).toBe(count(t.engine, 'enrollments'))
    expect(o.totalCompleted.reduce((a: number, b: number) => a + b, 0)).toBe(o.sumCompleted)
  })

  it('course-detailed filters by status and shows time spent and grades of started enrollments', () => {
    t.call('courses.create', validCourse({ slug: 'empty-course' }))
    const r = t.call('courseReports.courseDetailed', { course_id: 1, search_param: '{"status":["In Progress"]}' })
    expect(r.recordsFiltered).toBe(count(t.engine, 'enrollments', "course_id = 1 AND status = 'In Progress'"))
    for (const row of r.records) {
      expect(row.status).toBe('In Progress')
      expect(row.total_time_spent).toMatch(/^\d+h \d+m$/)
    }
    expect(r.totalNotStarted + r.totalInProgress + r.totalCompleted).toBe(r.recordsTotal)
  })
})

describe('activity verbs written where they happen', () => {
  it('launching a course already started is ACCESSED; the first launch is STARTED', () => {
    t.call('courses.launch', { registrationId: 7 })
    expect(rows(t.engine, 'SELECT verb FROM course_activities WHERE course_id = 1 AND user_id = 8 ORDER BY id DESC LIMIT 1')[0].verb).toBe('ACCESSED')
    const started = verbs(6, 'STARTED')
    t.call('courses.launch', { registrationId: 12 })
    expect(verbs(6, 'STARTED')).toBe(started + 1)
    expect(verbs(6, 'ACCESSED')).toBe(0)
  })

  it('issuing a course certificate is ACHIEVED CERTIFICATE', () => {
    const [e] = rows<{ id: number; course_id: number; user_id: number }>(
      t.engine,
      `SELECT e.id, e.course_id, e.user_id FROM enrollments e JOIN courses c ON c.id = e.course_id
       WHERE e.status = 'Completed' AND c.certificate_templates != '[]'
         AND NOT EXISTS (SELECT 1 FROM user_certificates uc WHERE uc.user_id = e.user_id AND uc.course_id = e.course_id) LIMIT 1`,
    )
    expect(e).toBeDefined()
    t.call('courses.assignCertificate', { id: e.course_id, enrollmentIds: [e.id] })
    expect(count(t.engine, 'course_activities', "course_id = ? AND user_id = ? AND verb = 'ACHIEVED CERTIFICATE'", e.course_id, e.user_id)).toBe(1)
  })

  it('submitting a rejected assignment again is a RETAKE followed by SUBMITTED', () => {
    const [row] = rows<{ id: number; course_id: number }>(
      t.engine,
      `SELECT ms.id, e.course_id FROM module_status ms JOIN modules m ON m.id = ms.module_id JOIN enrollments e ON e.id = ms.enrollment_id
       WHERE ms.status = 'Rejected' AND m.type = 'assignment' AND m.submission_type = 'text' AND e.access_status = 'Allowed' LIMIT 1`,
    )
    expect(row).toBeDefined()
    t.call('assignments.submit', { statusRowId: row.id, submission: 'Second try, with the steps in order.' })
    const last = rows<{ verb: string }>(t.engine, 'SELECT verb FROM course_activities WHERE course_id = ? ORDER BY id DESC LIMIT 2', row.course_id).map((r) => r.verb)
    expect(last).toEqual(['SUBMITTED', 'RETAKE'])
  })
})
