// Courses and enrollment through the registry on a real temporary SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changeRecords, count, err, libraryModule, openTestEngine, rows, validCourse, validUser, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
let MODULE: typeof PLACEMENT & { module_id: number }
let QUIZ: number
beforeEach(async () => {
  t = await openTestEngine()
  MODULE = { ...PLACEMENT, module_id: libraryModule(t.engine, 'Welcome', 'text') }
  QUIZ = libraryModule(t.engine, 'Quiz', 'quiz')
})
afterEach(() => t.dispose())

const createUser = (overrides: Parameters<typeof validUser>[0] = {}) => t.call('users.create', validUser(overrides)).id
const createCourse = (overrides: Parameters<typeof validCourse>[0] = {}) => t.call('courses.create', validCourse(overrides)).id

// A placement as the hosted course form sends it; name and type are the library's.
const PLACEMENT = {
  name: 'Welcome',
  type: 'text',
  icon: '<i class="el-icon-tickets"></i>',
  is_locked: false,
  drip_rules: 'immediately',
  drip_fixed_date: null,
  drip_interval: null,
  drip_interval_unit: 'day',
  drip_calculation_reference: 'registration_date',
  minSpentHour: 0,
  minSpentMinutes: 0,
} as const

describe('courses.create and courses.get', () => {
  it('stores the course with its modules and reads it back in the documented shape', () => {
    const created = t.call('courses.create', validCourse({
      name: 'Fire Safety',
      slug: 'fire-safety',
      credits: '70',
      minPassingPercentage: 75,
      certificateTemplates: [1],
      certificateExpiresAfter: 3,
      modules: [MODULE, { ...MODULE, module_id: QUIZ, name: 'Quiz', type: 'quiz' }],
      gradeModules: [QUIZ],
    }))
    expect(created).toEqual({ id: expect.any(Number), message: 'Course saved successfully' })
    const course = t.call('courses.get', { id: created.id })
    expect(course).toMatchObject({
      id: created.id,
      name: 'Fire Safety',
      slug: 'fire-safety',
      status: 'publish',
      gradingRule: 'no_grading',
      durationRule: 'unlimited',
      credits: 70,
      minPassingPercentage: 75,
      certificateTemplates: [1],
      certificateExpiresAfter: 3,
      associatedProduct: [],
      hasAssociatedProduct: false,
      categories: [],
      gradeModules: [QUIZ],
    })
    expect(course.modules.map((m: { name: string; type: string }) => [m.name, m.type])).toEqual([
      ['Welcome', 'text'],
      ['Quiz', 'quiz'],
    ])
    expect(t.call('courses.name', { id: created.id })).toEqual({ course_name: 'Fire Safety' })
  })

  it('queues the create with its body (no id) and audits it', () => {
    t.clock.set('2024-07-01T12:00:00.000Z')
    const id = createCourse({ name: 'Queued', slug: 'queued' })
    const records = changeRecords(t.engine)
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({
      operation: 'courses.create',
      entity: 'course',
      local_id: id,
      state: 'pending',
      created_at: '2024-07-01T12:00:00.000Z',
    })
    expect(records[0].input).toMatchObject({ name: 'Queued', slug: 'queued', status: 'publish', modules: [] })
    expect(records[0].input).not.toHaveProperty('id')
    expect(rows(t.engine, "SELECT action FROM audit_activities WHERE effect_on = 'Course' AND subject_id = ?", id)).toEqual([
      { action: 'Created' },
    ])
  })

  it('gives a taken slug a numbered suffix on create, as the hosted site does', () => {
    createCourse({ slug: 'same' })
    const second = createCourse({ slug: 'same' })
    const third = createCourse({ slug: 'same' })
    expect(t.call('courses.get', { id: second }).slug).toBe('same-2')
    expect(t.call('courses.get', { id: third }).slug).toBe('same-3')
  })

  it('answers 422 for bad enum values, a bad slug and missing fields', () => {
    const e = err(t.raw('courses.create', { name: '', slug: 'Not A Slug', status: 'archived', gradingRule: 'best_of', durationRule: 'forever' }))
    expect(e.status).toBe(422)
    expect(e.fields).toMatchObject({
      name: ['The name field is required.'],
      slug: ['The slug may only contain lowercase letters, numbers and single dashes.'],
      status: ['The selected status is invalid. Allowed: draft, publish.'],
      gradingRule: [expect.stringContaining('The selected grading rule is invalid.')],
      durationRule: [expect.stringContaining('The selected duration rule is invalid.')],
    })
    expect(t.fails('courses.create', validCourse({ modules: [{ ...MODULE, module_id: 999 }] })).fields).toEqual({
      'modules.0.module_id': ['Module 999 does not exist in the module library.'],
    })
    expect(t.fails('courses.create', validCourse({ modules: [MODULE, MODULE] })).fields).toEqual({
      'modules.1.module_id': [`Module ${MODULE.module_id} is placed in the course twice.`],
    })
    expect(t.fails('courses.create', validCourse({ credits: 'lots' })).fields).toEqual({ credits: ['The credits must be an integer.'] })
    expect(t.fails('courses.create', validCourse({ minPassingPercentage: '7x' })).fields).toEqual({
      minPassingPercentage: ['The min passing percentage must be a number.'],
    })
    expect(count(t.engine, 'courses')).toBe(0)
    expect(count(t.engine, 'change_records')).toBe(0)
  })

  it('applies the duration rules across fields', () => {
    expect(t.fails('courses.create', validCourse({ durationRule: 'on_specific_date' })).fields).toHaveProperty('durationSpecificDate')
    expect(t.fails('courses.create', validCourse({ durationRule: 'x_days_after_enrollment' })).fields).toHaveProperty('durationDays')
    expect(count(t.engine, 'courses')).toBe(0)
  })

  it('answers 404 for unknown course ids', () => {
    for (const [name, input] of [
      ['courses.get', { id: 404 }],
      ['courses.name', { id: 404 }],
      ['courses.update', { id: 404, ...validCourse() }],
      ['courses.enroll', { id: 404, studentIds: [1] }],
      ['courses.remove', { id: 404, enrollmentIds: [1] }],
      ['courses.enrolledStudents', { course_id: 404 }],
      ['courses.activities', { course_id: 404 }],
      ['courses.enrolledUsersLookup', { id: 404 }],
    ] as const) {
      // A table of names and inputs: the compiler cannot pair each name with its input.
      expect(err(t.raw(name, input)), name).toEqual({
        code: 'not_found',
        status: 404,
        message: 'Course 404 not found.',
        reason: { key: 'reason.course_not_found', values: { id: '404' } },
      })
    }
  })
})

describe('courses.update', () => {
  it('updates, queues the whole course with absolute values, and audits the changed columns', () => {
    const id = createCourse({ name: 'Before', slug: 'before', modules: [MODULE] })
    const moduleId = t.call('courses.get', { id }).modules[0].module_id
    expect(moduleId).toBe(MODULE.module_id)
    t.clock.advance(3_600_000)
    t.call('courses.update', { id, ...validCourse({ name: 'After', slug: 'after', status: 'draft', modules: [{ ...MODULE, module_id: moduleId }] }) })
    const course = t.call('courses.get', { id })
    expect(course).toMatchObject({ name: 'After', slug: 'after', status: 'draft' })
    expect(course.modules.map((m: { module_id: number }) => m.module_id)).toEqual([moduleId])

    const record = changeRecords(t.engine).find((r) => r.operation === 'courses.update')
    expect(record).toMatchObject({ entity: 'course', local_id: id, state: 'pending' })
    expect(record?.input).toMatchObject({ id, name: 'After', slug: 'after', status: 'draft', modules: [{ module_id: moduleId, name: 'Welcome' }] })
    const audit = rows(t.engine, "SELECT details FROM audit_activities WHERE subject_id = ? AND effect_on = 'Course' AND action = 'Updated'", id)
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0].details)).toEqual(['name', 'slug', 'status'])
  })

  it('writes no change record and no audit for an update with identical values', () => {
    const body = validCourse({ name: 'Steady', slug: 'steady', credits: 5, modules: [MODULE] })
    const id = createCourse(body)
    const moduleId = t.call('courses.get', { id }).modules[0].module_id
    const snapshot = rows(t.engine, 'SELECT * FROM courses WHERE id = ?', id)
    const before = { changes: count(t.engine, 'change_records'), audit: count(t.engine, 'audit_activities') }
    t.clock.advance(60_000)
    t.call('courses.update', { id, ...body, credits: '5', modules: [{ ...MODULE, module_id: moduleId }] })
    // Without modules or categories in the body, they are left as they are.
    t.call('courses.update', { id, ...validCourse({ name: 'Steady', slug: 'steady', credits: 5 }) })
    expect(count(t.engine, 'change_records')).toBe(before.changes)
    expect(count(t.engine, 'audit_activities')).toBe(before.audit)
    expect(rows(t.engine, 'SELECT * FROM courses WHERE id = ?', id)).toEqual(snapshot)
  })

  it("refuses another course's slug on update", () => {
    createCourse({ slug: 'taken' })
    const id = createCourse({ slug: 'mine' })
    const e = t.fails('courses.update', { id, ...validCourse({ slug: 'taken' }) })
    expect(e).toMatchObject({ status: 422, fields: { slug: ['The slug has already been taken.'] } })
    expect(t.call('courses.get', { id }).slug).toBe('mine')
  })

  it('refuses grade modules that are not modules of the course, and categories that do not exist', () => {
    const id = createCourse()
    expect(t.fails('courses.update', { id, ...validCourse({ gradeModules: [999] }) }).fields).toHaveProperty('gradeModules')
    expect(t.fails('courses.update', { id, ...validCourse({ categories: [999] }) }).fields).toHaveProperty('categories')
  })
})

describe('courses.delete', () => {
  it('deletes courses without enrollments and refuses those with, in the documented words', () => {
    const free = createCourse({ slug: 'free' })
    const busy = createCourse({ slug: 'busy' })
    t.call('courses.enroll', { id: busy, studentIds: [createUser()] })
    const before = count(t.engine, 'change_records')
    const result = t.call('courses.delete', { delete_ids: [free, busy] })
    expect(result).toEqual({
      message: '1 course(s) deleted. 1 course(s) not deleted as it has enrollments. Please remove the students from the course and try again.',
      deleted: [free],
      notDeleted: [busy],
    })
    expect(t.fails('courses.get', { id: free }).status).toBe(404)
    t.call('courses.get', { id: busy })
    const records = changeRecords(t.engine).slice(before)
    expect(records.map((r) => [r.operation, r.entity, r.local_id, r.input])).toEqual([
      ['courses.delete', 'course', free, { delete_ids: [free] }],
    ])
    expect(rows(t.engine, "SELECT subject_id FROM audit_activities WHERE effect_on = 'Course' AND action = 'Deleted'")).toEqual([
      { subject_id: free },
    ])
  })

  it('answers 422 naming unknown ids', () => {
    expect(t.fails('courses.delete', { delete_ids: [31337] }).fields).toEqual({
      delete_ids: ['The selected delete ids are invalid: 31337.'],
    })
  })
})

describe('enrollment', () => {
  it('enrolls, writes an ENROLLED activity and one change record per enrollment', () => {
    const course = createCourse({ name: 'Knots' })
    const a = createUser({ firstName: 'Ann', lastName: 'Lee' })
    const b = createUser({ firstName: 'Bo', lastName: 'Ray' })
    const before = count(t.engine, 'change_records')
    t.clock.set('2024-08-01T09:00:00.000Z')
    expect(t.call('courses.enroll', { id: course, studentIds: [a, b, a] })).toEqual({
      message: '2 student(s) enrolled successfully',
      enrolled: 2,
      alreadyEnrolled: [],
    })
    const enrollments = rows<{ id: number; user_id: number; status: string; registered_at: string }>(
      t.engine,
      'SELECT id, user_id, status, registered_at FROM enrollments WHERE course_id = ? ORDER BY id',
      course,
    )
    expect(enrollments.map((e) => [e.user_id, e.status, e.registered_at])).toEqual([
      [a, 'Not Started', '2024-08-01T09:00:00.000Z'],
      [b, 'Not Started', '2024-08-01T09:00:00.000Z'],
    ])
    const records = changeRecords(t.engine).slice(before)
    expect(records.map((r) => [r.operation, r.entity, r.local_id, r.input, r.state])).toEqual([
      ['courses.enroll', 'enrollment', enrollments[0].id, { id: course, studentIds: [a] }, 'pending'],
      ['courses.enroll', 'enrollment', enrollments[1].id, { id: course, studentIds: [b] }, 'pending'],
    ])
    const activities = t.call('courses.activities', { course_id: course })
    expect(activities.recordsTotal).toBe(2)
    expect(activities.records.map((r: { verb: string; message: string; student: string }) => [r.verb, r.student, r.message]).sort()).toEqual([
      ['ENROLLED', 'Ann Lee', 'Ann Lee is enrolled to Knots'],
      ['ENROLLED', 'Bo Ray', 'Bo Ray is enrolled to Knots'],
    ])
  })

  it('reports users already enrolled instead of enrolling them twice, and writes nothing for them', () => {
    const course = createCourse()
    const a = createUser()
    const b = createUser()
    t.call('courses.enroll', { id: course, studentIds: [a] })
    const before = { changes: count(t.engine, 'change_records'), activities: count(t.engine, 'course_activities') }
    expect(t.call('courses.enroll', { id: course, studentIds: [a, b] })).toEqual({
      message: '1 student(s) enrolled successfully. 1 student(s) already enrolled',
      enrolled: 1,
      alreadyEnrolled: [a],
    })
    expect(count(t.engine, 'enrollments', 'course_id = ? AND user_id = ?', course, a)).toBe(1)
    expect(count(t.engine, 'change_records')).toBe(before.changes + 1)
    expect(count(t.engine, 'course_activities')).toBe(before.activities + 1)

    const again = t.call('courses.enroll', { id: course, studentIds: [a, b] })
    expect(again).toMatchObject({ enrolled: 0, alreadyEnrolled: [a, b] })
    expect(count(t.engine, 'change_records')).toBe(before.changes + 1)
    expect(count(t.engine, 'course_activities')).toBe(before.activities + 1)
  })

  it('answers 422 for unknown students and enrolls none of the list', () => {
    const course = createCourse()
    const a = createUser()
    expect(t.fails('courses.enroll', { id: course, studentIds: [a, 5555] }).fields).toEqual({
      studentIds: ['The selected student ids are invalid: 5555.'],
    })
    expect(count(t.engine, 'enrollments')).toBe(0)
    expect(t.fails('courses.enroll', { id: course, studentIds: [] }).fields).toEqual({
      studentIds: ['The student ids field is required.'],
    })
  })

  it('removes enrollments with a REMOVED activity and a change record, and refuses ids of another course', () => {
    const course = createCourse({ name: 'Ropes', slug: 'ropes' })
    const other = createCourse({ slug: 'other' })
    const a = createUser({ firstName: 'Cy', lastName: 'Fox' })
    t.call('courses.enroll', { id: course, studentIds: [a] })
    t.call('courses.enroll', { id: other, studentIds: [a] })
    const [mine] = rows<{ id: number }>(t.engine, 'SELECT id FROM enrollments WHERE course_id = ?', course)
    const [theirs] = rows<{ id: number }>(t.engine, 'SELECT id FROM enrollments WHERE course_id = ?', other)

    expect(t.fails('courses.remove', { id: course, enrollmentIds: [mine.id, theirs.id] }).fields).toEqual({
      enrollmentIds: [`These enrollment ids are not enrollments of course ${course}: ${theirs.id}.`],
    })
    expect(count(t.engine, 'enrollments')).toBe(2)

    // As after a sync: an enrollment whose enroll was never sent would just be taken out of the queue (test/engine/pending.test.ts).
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'done', attempts = 1").run()
    const before = count(t.engine, 'change_records')
    expect(t.call('courses.remove', { id: course, enrollmentIds: [mine.id] })).toEqual({ message: '1 student(s) removed successfully' })
    expect(count(t.engine, 'enrollments', 'id = ?', mine.id)).toBe(0)
    expect(changeRecords(t.engine).slice(before).map((r) => [r.operation, r.entity, r.local_id, r.input])).toEqual([
      ['courses.remove', 'enrollment', mine.id, { id: course, enrollmentIds: [mine.id] }],
    ])
    const verbs = t.call('courses.activities', { course_id: course, order_by: { colName: 'id', direction: 'asc' } })
    expect(verbs.records.map((r: { verb: string; message: string }) => [r.verb, r.message])).toEqual([
      ['ENROLLED', 'Cy Fox is enrolled to Ropes'],
      ['REMOVED', 'Cy Fox is removed from Ropes'],
    ])
    // Filter by verb.
    const removed = t.call('courses.activities', { course_id: course, search_param: JSON.stringify({ activityName: 'REMOVED' }) })
    expect(removed).toMatchObject({ recordsTotal: 2, recordsFiltered: 1 })
  })

  it('lists enrolled students with totals per status and the enrolled-courses of a user', () => {
    const course = createCourse({ name: 'Listing', slug: 'listing' })
    const a = createUser({ firstName: 'Dee', lastName: 'Nash' })
    t.call('courses.enroll', { id: course, studentIds: [a] })
    const students = t.call('courses.enrolledStudents', { course_id: course })
    expect(students).toMatchObject({
      courseName: 'Listing',
      recordsTotal: 1,
      recordsFiltered: 1,
      totalNotStarted: 1,
      totalInProgress: 0,
      totalCompleted: 0,
      records: [{ user_id: a, first_name: 'Dee', last_name: 'Nash', status: 'Not Started', expire_on: 'Never' }],
    })
    const courses = t.call('users.enrolledCourses', { user_id: a })
    expect(courses).toMatchObject({ recordsTotal: 1, records: [{ courseId: course, courseName: 'Listing', status: 'Not Started' }] })
    expect(t.call('courses.enrolledUsersLookup', { id: course })).toEqual([
      { id: a, full_name: 'Dee Nash', email: expect.stringContaining('@example.org') },
    ])
  })
})

describe('audit log', () => {
  it('lists Created, Updated and Deleted for users and courses, filterable by action', () => {
    const user = createUser()
    t.call('users.update', { id: user, firstName: 'Changed', email: validUser().email })
    t.call('users.delete', { delete_ids: [user] })
    const course = createCourse()
    t.call('courses.update', { id: course, ...validCourse({ name: 'Changed' }) })
    t.call('courses.delete', { delete_ids: [course] })

    const all = t.call('audit.list', { page_size: 50, order_by: { colName: 'id', direction: 'asc' } })
    expect(all.recordsTotal).toBe(6)
    expect(all.records.map((r: { effect_on: string; action: string }) => `${r.effect_on} ${r.action}`)).toEqual([
      'User Created',
      'User Updated',
      'User Deleted',
      'Course Created',
      'Course Updated',
      'Course Deleted',
    ])
    const deleted = t.call('audit.list', { search_param: JSON.stringify({ activityName: 'deleted' }) })
    expect(deleted).toMatchObject({ recordsTotal: 6, recordsFiltered: 2 })
    expect(deleted.records.every((r: { action: string }) => r.action === 'Deleted')).toBe(true)
  })
})
