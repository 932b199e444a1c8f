// The documented lookups and reports answer every row, past the caps they once stopped at
// without a word (users and courses 10,000, classes 500/1,000/5,000, coupons 50): the
// reference says "retrieves all", and a dropdown or export that silently lacks rows is
// wrong. Real SQLite file; the rows are bulk-inserted (test/engine/bulk.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestEngine, type OpenedTestEngine } from './helpers'
import { bulkClasses, bulkCourses, bulkEnroll, bulkLocations, bulkRegister, bulkUsers } from './bulk'

const USERS = 10_050
const COURSES = 10_020
let t: OpenedTestEngine
let userIds: number[]
let courseIds: number[]

beforeAll(async () => {
  t = await openTestEngine()
  userIds = bulkUsers(t.engine, USERS, 'many')
  courseIds = bulkCourses(t.engine, COURSES, 'Course')
}, 120_000)
afterAll(() => t.dispose())

describe('users and courses lookups past 10,000 rows', () => {
  it('users.lookup and users.byType answer every user', () => {
    const all = t.call('users.lookup')
    expect(all).toHaveLength(USERS)
    expect(new Set(all.map((u) => u.id))).toEqual(new Set(userIds))
    const general = t.call('users.byType', { userType: 'general' }).records
    expect(general).toHaveLength(USERS)
    expect(general.some((u) => u.name === `Learner many 10049(many.10049@example.org)`)).toBe(true)
  })

  it('courses.lookup, with and without a search term, and courses.dropdownList answer every course', () => {
    const all = t.call('courses.lookup')
    expect(all).toHaveLength(COURSES)
    expect(all.at(-1)).toEqual({ value: courseIds.at(-1), label: 'Course 10019' })
    expect(t.call('courses.lookup', { search_term: 'ourse' })).toHaveLength(COURSES)
    expect(t.call('courses.lookup', { search_term: 'Course 1' })).toHaveLength(20)
    expect(t.call('courses.dropdownList')).toHaveLength(COURSES)
  })

  it('courses.enrolledUsersLookup answers every learner of a course of 10,050', () => {
    const course = courseIds[0]
    bulkEnroll(t.engine, course, userIds)
    const learners = t.call('courses.enrolledUsersLookup', { id: course })
    expect(learners).toHaveLength(USERS)
    expect(learners.map((l) => l.email)).toContain('many.10049@example.org')
    expect(t.call('courses.enrolledUsersLookup', { id: course, search_term: 'many.1004' })).toHaveLength(11)
  })
})

describe('class lookups and reports past their caps', () => {
  it('classes.schedules and the course report headers answer all 1,200 classes of a course', () => {
    const course = courseIds[1]
    const classes = bulkClasses(t.engine, course, 1_200, (i) => new Date(Date.UTC(2030, 0, 1) + i * 86_400_000))
    const schedules = t.call('classes.schedules', { courseId: course }).classes
    expect(schedules.map((c) => c.id)).toEqual(classes)
    const headers = t.call('courseReports.customHeaders', { course_id: course })
    expect(headers.map((h) => h.classId)).toEqual(classes)
  })

  it('courses.locationsLookup names a location whose first class comes after the 5,000th', () => {
    const course = courseIds[2]
    const [early, late] = bulkLocations(t.engine, ['Early Hall', 'Late Annex'])
    // 5,100 classes at the early hall, then one at the late annex.
    const classes = bulkClasses(t.engine, course, 5_101, (i) => new Date(Date.UTC(2031, 0, 1) + i * 3_600_000 * 4), (i) => (i < 5_100 ? early : late))
    const found = Object.entries(t.call('courses.locationsLookup', { course_id: course }))
    expect(found).toEqual([
      ['0', { id: early, name: 'Early Hall', courseId: String(course), classId: classes[0] }],
      ['5100', { id: late, name: 'Late Annex', courseId: String(course), classId: classes[5_100] }],
    ])
  })

  it('classes.overviewReport charts every class of a month and sums every registration', () => {
    const course = courseIds[3]
    // 600 classes in March 2040, each with one learner: Attended for the even ones.
    const classes = bulkClasses(t.engine, course, 600, (i) => new Date(2040, 2, 2 + (i % 27), 9, i % 60))
    classes.forEach((id, i) => bulkRegister(t.engine, id, [userIds[i]], () => (i % 2 ? 'Registered' : 'Attended')))
    const report = t.call('classes.overviewReport', { selectedMonth: '3-2040' })
    expect(report.labels).toHaveLength(600)
    expect(report.totalAttended).toHaveLength(600)
    expect(report.sumAttended).toBe(300)
    expect(report.sumRegistered).toBe(300)
  })
})

describe('coupons lookup past 50', () => {
  it('coupons.lookup answers every coupon, and every one matching the search term', () => {
    for (let i = 0; i < 75; i++) t.call('coupons.create', { code: `BULK${String(i).padStart(3, '0')}`, type: 'fixed_amount', value: 5 })
    expect(t.call('coupons.lookup')).toHaveLength(75)
    expect(t.call('coupons.lookup', { search_term: 'bulk0' })).toHaveLength(75)
    expect(t.call('coupons.lookup', { search_term: 'BULK07' }).map((c) => c.code)).toEqual(['BULK070', 'BULK071', 'BULK072', 'BULK073', 'BULK074'])
  })
})
