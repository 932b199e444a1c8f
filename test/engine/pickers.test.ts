// users.pick and courses.pick, the server side of every picker over more rows than a
// dropdown holds: the first matches in name order, the real count of all matches (past
// the 10,000 the lookups once stopped at), chosen values by id, the enroll dialog's "not
// in this course yet" and the walk-in dialog's "already in the class". Real SQLite file;
// bulk-inserted rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestEngine, validCourse, type OpenedTestEngine } from './helpers'
import { bulkClasses, bulkCourses, bulkEnroll, bulkRegister, bulkUsers } from './bulk'

const USERS = 12_000
let t: OpenedTestEngine
let userIds: number[]
type Users = { total: number; options: { id: number; firstName: string; lastName: string; email: string; inClass?: boolean }[] }
type Courses = { total: number; options: { id: number; name: string }[] }

beforeAll(async () => {
  t = await openTestEngine()
  userIds = bulkUsers(t.engine, USERS, 'crowd')
  bulkUsers(t.engine, 3, 'rare', { first: 'Zofia' })
  bulkCourses(t.engine, 10_500, 'Induction')
}, 120_000)
afterAll(() => t.dispose())

describe('users.pick', () => {
  it('answers the first matches in name order and how many match in all', () => {
    const all = t.call('users.pick')
    expect(all.total).toBe(USERS + 3)
    expect(all.options).toHaveLength(20)
    expect(all.options[0]).toEqual({ id: userIds[0], firstName: 'Learner', lastName: 'crowd 00000', email: 'crowd.0@example.org' })
    const crowd = t.call('users.pick', { search: 'crowd.1', limit: 5 })
    // crowd.1, crowd.10-19, crowd.100-199, crowd.1000-1999, crowd.10000-11999
    expect(crowd.total).toBe(1 + 10 + 100 + 1_000 + 2_000)
    expect(crowd.options.map((u) => u.email)).toEqual(['crowd.1@example.org', 'crowd.10@example.org', 'crowd.11@example.org', 'crowd.12@example.org', 'crowd.13@example.org'])
    expect(t.call('users.pick', { search: 'Zofia' })).toMatchObject({ total: 3, options: [{ firstName: 'Zofia' }, { firstName: 'Zofia' }, { firstName: 'Zofia' }] })
    expect(t.call('users.pick', { search: 'nobody by this name' })).toEqual({ total: 0, options: [] })
  })

  it('answers chosen users by id, past the 10,000th', () => {
    const chosen = [userIds[11_999], userIds[10_500], userIds[3]]
    const found = t.call('users.pick', { ids: chosen, limit: chosen.length })
    expect(found.total).toBe(3)
    expect(found.options.map((u) => u.id).sort((a, b) => a - b)).toEqual([...chosen].sort((a, b) => a - b))
    expect(t.call('users.pick', { ids: [] })).toEqual({ total: 0, options: [] })
  })

  it('leaves out the learners of a course (enrolling) and counts the rest', () => {
    const course = t.call('courses.create', validCourse({ name: 'Picker course', slug: 'picker-course' })).id
    bulkEnroll(t.engine, course, userIds.slice(0, 11_000))
    const rest = t.call('users.pick', { notInCourse: course, search: 'crowd', limit: 50 })
    expect(rest.total).toBe(1_000)
    expect(rest.options.every((u) => userIds.indexOf(u.id) >= 11_000)).toBe(true)
  })

  it('says which users are in a class (walk-ins), however big the class', () => {
    const courseId = t.call('courses.pick', { limit: 1 }).options[0].id
    const [classId] = bulkClasses(t.engine, courseId, 1, () => new Date(Date.UTC(2030, 5, 1, 9)))
    bulkRegister(t.engine, classId, userIds.slice(0, 6_000))
    const found = t.call('users.pick', { classId, search: 'crowd.599', limit: 20 })
    // crowd.599, crowd.5990-5999: registered; none of them is past the 6,000th.
    expect(found.total).toBe(11)
    expect(found.options.every((u) => u.inClass === true)).toBe(true)
    const outside = t.call('users.pick', { classId, search: 'crowd.6001' })
    expect(outside.options).toEqual([expect.objectContaining({ email: 'crowd.6001@example.org', inClass: false })])
    expect(t.call('users.pick', { search: 'crowd.6001' }).options[0]).not.toHaveProperty('inClass')
  })

  it('refuses a limit out of range and too many ids with a 422', () => {
    expect(t.fails('users.pick', { limit: 0 }).status).toBe(422)
    expect(t.fails('users.pick', { limit: 5001 }).status).toBe(422)
    expect(t.fails('users.pick', { ids: Array.from({ length: 5001 }, (_, i) => i + 1) }).status).toBe(422)
  })
})

describe('courses.pick', () => {
  it('counts every matching course past 10,000 and answers the first in name order', () => {
    const all = t.call('courses.pick', { search: 'Induction' })
    expect(all.total).toBe(10_500)
    expect(all.options.map((c) => c.name).slice(0, 3)).toEqual(['Induction 00000', 'Induction 00001', 'Induction 00002'])
    const last = t.call('courses.pick', { search: 'Induction 1049' })
    expect(last).toMatchObject({ total: 10, options: expect.arrayContaining([expect.objectContaining({ name: 'Induction 10499' })]) })
  })

  it('answers chosen courses by id and only courses with classes when asked', () => {
    const some = t.call('courses.pick', { search: 'Induction 1049', limit: 2 }).options
    expect(t.call('courses.pick', { ids: some.map((c) => c.id) })).toEqual({ total: 2, options: some })
    const withClasses = t.call('courses.pick', { withClasses: true, limit: 100 })
    expect(withClasses.total).toBe(1)
    expect(withClasses.options).toHaveLength(1)
  })
})
