// Classes and attendance through the registry, on the demo world in a real temporary
// SQLite file. The clock is mocked (fakeClock) so "today's class" is a known day.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpInput, OpName } from '../../src/shared/operations/index'
import { changeRecords, count, err, ok, openTestEngine, rows, validUser, type OpenedTestEngine } from './helpers'

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())

const TODAY = 1

/** Registration ids of class 1 by user id. */
function registrations(classId = TODAY): Map<number, number> {
  return new Map(rows<{ id: number; user_id: number }>(t.engine, 'SELECT id, user_id FROM class_enrollments WHERE class_id = ?', classId).map((r) => [r.user_id, r.id]))
}

const totals = (classId = TODAY) =>
  t.call('classes.enrolledStudents', { class_id: classId, page_size: 5, page_number: 1 })

describe('attendance statuses', () => {
  it('accepts exactly Registered, Attended, No Show and Cancelled; anything else is a 422 that changes nothing', () => {
    const before = changeRecords(t.engine).length
    for (const status of ['Present', 'attended', 'NoShow', '', 'Late']) {
      for (const name of ['classes.updateStatus', 'users.updateClassStatus'] as const) {
        const e = err(t.raw(name, { id: 3, status, classId: TODAY }))
        expect(e.status).toBe(422)
        expect(e.fields?.status?.[0]).toMatch(/Registered, Attended, No Show, Cancelled/)
      }
    }
    expect(rows(t.engine, 'SELECT status FROM class_enrollments WHERE id = 3')[0].status).toBe('Registered')
    expect(changeRecords(t.engine).length).toBe(before)
    for (const status of ['Attended', 'No Show', 'Cancelled', 'Registered'] as const) {
      expect(t.call('classes.updateStatus', { id: 3, status, classId: TODAY }).message).toBe('Status Updated Successfully')
      expect(rows(t.engine, 'SELECT status FROM class_enrollments WHERE id = 3')[0].status).toBe(status)
    }
  })

  it('queues one change record per real status change (class_enrollment), none for a repeat', () => {
    const before = changeRecords(t.engine).length
    t.call('classes.updateStatus', { id: 3, status: 'Attended', classId: '1' })
    t.call('classes.updateStatus', { id: 3, status: 'Attended' })
    t.call('users.updateClassStatus', { id: '3', status: 'No Show', classId: '1' })
    const added = changeRecords(t.engine).slice(before)
    expect(added.map((c) => [c.operation, c.entity, c.local_id, c.input])).toEqual([
      ['classes.updateStatus', 'class_enrollment', 3, { id: 3, status: 'Attended', classId: 1 }],
      ['users.updateClassStatus', 'class_enrollment', 3, { id: 3, status: 'No Show', classId: 1 }],
    ])
  })

  it('refuses a registration of another class and an unknown registration', () => {
    expect(t.fails('classes.updateStatus', { id: 2, status: 'Attended', classId: TODAY }).status).toBe(422)
    expect(t.fails('classes.updateStatus', { id: 99_999, status: 'Attended' }).status).toBe(404)
  })
})

describe('counts and reports follow the marks', () => {
  it('totals per status, the class report, the month overview, the learner report and the roster agree', () => {
    expect(totals()).toMatchObject({ totalRegistered: 40, totalAttended: 0, totalNoShow: 0, totalCancelled: 0, recordsTotal: 40 })
    const reg = registrations()
    const marks: [number, OpInput<'classes.updateStatus'>['status']][] = [
      [3, 'Attended'],
      [8, 'Attended'],
      [9, 'Attended'],
      [10, 'No Show'],
      [11, 'Cancelled'],
      [12, 'No Show'],
    ]
    for (const [userId, status] of marks) t.call('classes.updateStatus', { id: reg.get(userId)!, status, classId: TODAY })
    expect(totals()).toMatchObject({ totalRegistered: 34, totalAttended: 3, totalNoShow: 2, totalCancelled: 1 })

    const detailed = t.call('classes.detailedReport', { class_id: TODAY, page_size: 50, page_number: 1, search_param: JSON.stringify({ status: ['No Show'] }) })
    expect(detailed).toMatchObject({ totalRegistered: 34, totalAttended: 3, totalNoShow: 2, totalCancelled: 1, recordsFiltered: 2, recordsTotal: 40 })
    expect(detailed.records.map((r: { user_id: number }) => r.user_id).sort()).toEqual([10, 12])

    const now = t.clock()
    const overview = t.call('classes.overviewReport', { selectedMonth: `${now.getMonth() + 1}-${now.getFullYear()}` })
    const at = overview.labels.findIndex((l: string) => l.startsWith('course 1 ('))
    expect(at).toBeGreaterThanOrEqual(0)
    expect([overview.totalRegistered[at], overview.totalAttended[at], overview.totalNoShow[at], overview.totalCancelled[at]]).toEqual([34, 3, 2, 1])
    expect(overview.sumAttended).toBe(overview.totalAttended.reduce((a: number, b: number) => a + b, 0))

    const learner = t.call('users.classReports', { user_id: 3, page_size: 50, page_number: 1 })
    expect(learner.totalAttended).toBe(1)
    expect(learner.records.some((r: { courseName: string; status: string }) => r.courseName === 'course 1' && r.status === 'Attended')).toBe(true)

    const roster = t.call('attendance.roster', { classId: TODAY })
    expect(roster.totals).toEqual({ totalRegistered: 34, totalAttended: 3, totalNoShow: 2, totalCancelled: 1 })
    expect(roster.class).toMatchObject({ when: 'today', learners: 40, marked: 6 })

    // Cancelled learners do not count in the class size.
    const list = t.call('classes.courseClasses', { course_id: 1, page_size: 50, page_number: 1 })
    expect(list.records.find((r: { id: number }) => r.id === TODAY)!.classSize).toBe(39)
  })

  it('marks every unmarked learner Attended, one change record each, and leaves marked ones alone', () => {
    const reg = registrations()
    t.call('classes.updateStatus', { id: reg.get(8)!, status: 'No Show' })
    const before = changeRecords(t.engine).length
    expect(t.call('attendance.markUnmarked', { classId: TODAY }).marked).toBe(39)
    expect(totals()).toMatchObject({ totalRegistered: 0, totalAttended: 39, totalNoShow: 1 })
    const added = changeRecords(t.engine).slice(before)
    expect(added).toHaveLength(39)
    expect(new Set(added.map((c) => c.operation))).toEqual(new Set(['classes.updateStatus']))
    expect(t.call('attendance.markUnmarked', { classId: TODAY }).marked).toBe(0)
  })
})

describe('enrolling', () => {
  it('reports users already enrolled (and unknown users) instead of duplicating them', () => {
    const walkIn = t.call('users.create', validUser({ firstName: 'Walk', lastName: 'In' })).id
    const before = changeRecords(t.engine).length
    const answer = t.call('classes.enroll', { id: TODAY, studentIds: [3, walkIn, 9_999, walkIn] })
    expect(answer.enrolledUsersCount).toBe(1)
    expect(answer.message).toBe('1 student(s) enrolled successfully')
    expect(answer.notEnrolledUsers).toEqual([
      { userId: 3, reason: 'Already enrolled in this class.' },
      { userId: 9_999, reason: 'There is no user 9999.' },
    ])
    expect(count(t.engine, 'class_enrollments', 'class_id = ? AND user_id = ?', TODAY, 3)).toBe(1)
    expect(count(t.engine, 'class_enrollments', 'class_id = ?', TODAY)).toBe(41)
    const added = changeRecords(t.engine).slice(before)
    expect(added.map((c) => [c.operation, c.entity, c.input])).toEqual([['classes.enroll', 'class_enrollment', { id: TODAY, studentIds: [walkIn] }]])
    // Again: nothing new.
    expect(t.call('classes.enroll', { id: TODAY, studentIds: [walkIn] }).enrolledUsersCount).toBe(0)
    expect(count(t.engine, 'class_enrollments', 'class_id = ?', TODAY)).toBe(41)
  })

  it('adds a walk-in as Attended by default, or with the status chosen, in one transaction queued as the documented operations', () => {
    const walkIn = t.call('users.create', validUser({ firstName: 'Walk', lastName: 'In' })).id
    const late = t.call('users.create', validUser({ firstName: 'Late', lastName: 'Comer' })).id
    const before = changeRecords(t.engine).length
    const added = t.call('attendance.addWalkIn', { classId: TODAY, userId: walkIn })
    expect(added.status).toBe('Attended')
    expect(rows(t.engine, 'SELECT user_id, status FROM class_enrollments WHERE id = ?', added.enrollmentId)).toEqual([{ user_id: walkIn, status: 'Attended' }])
    expect(changeRecords(t.engine).slice(before).map((c) => [c.operation, c.input])).toEqual([
      ['classes.enroll', { id: TODAY, studentIds: [walkIn] }],
      ['classes.updateStatus', { id: added.enrollmentId, status: 'Attended', classId: TODAY }],
    ])
    // Registered when asked: only the enrollment is queued.
    const registered = t.call('attendance.addWalkIn', { classId: TODAY, userId: late, status: 'Registered' })
    expect(rows(t.engine, 'SELECT status FROM class_enrollments WHERE id = ?', registered.enrollmentId)).toEqual([{ status: 'Registered' }])
    expect(changeRecords(t.engine).slice(before)).toHaveLength(3)
    expect(totals()).toMatchObject({ totalRegistered: 41, totalAttended: 1 })

    // Already in the class, unknown user, bad status: refused, nothing written.
    const after = changeRecords(t.engine).length
    expect(t.fails('attendance.addWalkIn', { classId: TODAY, userId: walkIn }).fields).toEqual({ userId: ['Already enrolled in this class.'] })
    expect(t.fails('attendance.addWalkIn', { classId: TODAY, userId: 9_999 }).fields).toEqual({ userId: ['There is no user 9999.'] })
    expect(err(t.raw('attendance.addWalkIn', { classId: TODAY, userId: walkIn, status: 'Present' })).status).toBe(422)
    expect(changeRecords(t.engine)).toHaveLength(after)
    expect(count(t.engine, 'class_enrollments', 'class_id = ?', TODAY)).toBe(42)
  })

  it('removes registrations of the class only', () => {
    const reg = registrations()
    expect(t.fails('classes.remove', { id: TODAY, enrollmentIds: [2] }).status).toBe(422)
    expect(t.call('classes.remove', { id: TODAY, enrollmentIds: [reg.get(8)!, reg.get(9)!] }).message).toBe('2 student(s) removed successfully')
    expect(count(t.engine, 'class_enrollments', 'class_id = ?', TODAY)).toBe(38)
  })
})

describe('sign-off lock', () => {
  it('refuses marks, notes, walk-ins and removals with a clear message until reopened, and records who and when', () => {
    t.clock.set('2024-05-01T16:30:00.000Z')
    const signed = t.call('attendance.signOff', { classId: TODAY })
    expect(signed).toEqual({ at: '2024-05-01T16:30:00.000Z', by: 'Aom Staff' })
    const refused = [
      t.result('classes.updateStatus', { id: 3, status: 'Attended' }),
      t.result('users.updateClassStatus', { id: 3, status: 'Attended' }),
      t.result('attendance.markUnmarked', { classId: TODAY }),
      t.result('attendance.note', { enrollmentId: 3, note: 'Late' }),
      t.result('classes.enroll', { id: TODAY, studentIds: [47] }),
      t.result('attendance.addWalkIn', { classId: TODAY, userId: 47 }),
      t.result('classes.remove', { id: TODAY, enrollmentIds: [3] }),
      t.result('attendance.signOff', { classId: TODAY }),
    ].map(err)
    for (const e of refused) {
      expect(e.status).toBe(409)
      expect(e.message).toMatch(/^Class 1 was signed off by Aom Staff on .+; reopen the session to change its attendance\.$/)
    }
    expect(totals().totalAttended).toBe(0)
    expect(count(t.engine, 'class_enrollments', 'class_id = ?', TODAY)).toBe(40)

    t.clock.set('2024-05-01T17:00:00.000Z')
    expect(t.call('attendance.reopen', { classId: TODAY, reason: 'Forgot a late arrival' })).toEqual({ at: '2024-05-01T17:00:00.000Z', by: 'Aom Staff' })
    const roster = t.call('attendance.roster', { classId: TODAY })
    expect(roster.signedOff).toBeNull()
    expect(roster.events).toEqual([
      { action: 'reopened', by: 'Aom Staff', at: '2024-05-01T17:00:00.000Z', reason: 'Forgot a late arrival' },
      { action: 'signed_off', by: 'Aom Staff', at: '2024-05-01T16:30:00.000Z', reason: null },
    ])
    t.call('classes.updateStatus', { id: 3, status: 'Attended' })
    expect(t.fails('attendance.reopen', { classId: TODAY }).status).toBe(409)
  })

  it('keeps a note per learner', () => {
    expect(t.call('attendance.note', { enrollmentId: 3, note: '  Left early (14:30)  ' }).note).toBe('Left early (14:30)')
    expect(t.call('attendance.roster', { classId: TODAY }).learners.find((l: { enrollmentId: number }) => l.enrollmentId === 3)!.note).toBe('Left early (14:30)')
    expect(t.call('attendance.note', { enrollmentId: 3, note: '' }).note).toBeNull()
    expect(t.fails('attendance.note', { enrollmentId: 3, note: 'x'.repeat(501) }).status).toBe(422)
  })
})

describe('creating classes', () => {
  it('creates a one-time class and refuses one that ends before it starts', () => {
    const created = t.call('classes.create', { courseId: 3, instructor: 6, location: 3, type: 'onetime', starttime: '2024-06-03 09:00:00', endTime: '2024-06-03 12:30:00', allowDownload: false, disabled: false })
    const edit = t.call('classes.edit', { classId: created.id })
    expect(edit.classDetails).toMatchObject({ courseId: '3', startTime: '2024-06-03 09:00:00', endTime: '2024-06-03 12:30:00', location: 3, instructor: 6 })
    const e = t.fails('classes.create', { courseId: 3, instructor: 6, type: 'onetime', starttime: '2024-06-03 09:00:00', endTime: '2024-06-02 09:00:00', allowDownload: false, disabled: false })
    expect(e.status).toBe(422)
    expect(e.fields?.endTime).toEqual(['The end time must be after the start time.'])
    expect(t.fails('classes.create', { courseId: 3, instructor: 99, type: 'onetime', starttime: '2024-06-03 09:00', endTime: '2024-06-03 10:00' }).fields?.instructor).toBeDefined()
    expect(t.fails('classes.create', { courseId: 3, instructor: 6, location: 77, type: 'onetime', starttime: '2024-06-03 09:00', endTime: '2024-06-03 10:00' }).fields?.location).toBeDefined()
  })

  it('creates a weekly recurring class as one class spanning its sessions, with one change record', () => {
    const before = changeRecords(t.engine).length
    const created = t.call('classes.create', {
      courseId: 3,
      instructor: 2,
      location: 4,
      type: 'recurring',
      recurrence: { classDays: ['Monday', 'wed'], startDate: '2024-06-03', startTime: '09:00', endTime: '11:00', interval: 1, frequency: 'weekly', end: '2024-06-14' },
    })
    // Mon 3, Wed 5, Mon 10, Wed 12 June.
    expect(created.sessions).toBe(4)
    const row = rows<{ start_at: string; end_at: string; class_type: string }>(t.engine, 'SELECT start_at, end_at, class_type FROM classes WHERE id = ?', created.id)[0]
    expect(row.class_type).toBe('recurring')
    expect([new Date(row.start_at).getDate(), new Date(row.start_at).getHours(), new Date(row.end_at).getDate(), new Date(row.end_at).getHours()]).toEqual([3, 9, 12, 11])
    const added = changeRecords(t.engine).slice(before)
    expect(added.map((c) => [c.operation, c.entity, c.local_id])).toEqual([['classes.create', 'class', created.id]])
    // The rule goes to the hosted LMS as given, with day names.
    expect(added[0].input.recurrence).toMatchObject({ classDays: ['monday', 'wednesday'], startDate: '2024-06-03', frequency: 'weekly', interval: 1, end: '2024-06-14' })
    const monthly = t.call('classes.create', { courseId: 3, instructor: 2, type: 'recurring', recurrence: JSON.stringify({ startDate: '2024-01-31', startTime: '18:00', endTime: '20:00', frequency: 'monthly', interval: 1, end: '2024-06-30' }) })
    // The 31st only in January, March and May.
    expect(monthly.sessions).toBe(3)
    expect(t.fails('classes.create', { courseId: 3, instructor: 2, type: 'recurring' }).status).toBe(422)
    expect(t.fails('classes.create', { courseId: 3, instructor: 2, type: 'recurring', recurrence: { startDate: '2024-06-03', startTime: '09:00', endTime: '11:00', frequency: 'daily', end: '2026-06-03' } }).message).toMatch(/at most 366 sessions/)
  })
})

describe('webinars offline', () => {
  it('details answer without a link, and launch refuses with a clear 4xx instead of a made-up link', () => {
    const details = t.call('classes.webinarDetails', { registrationId: 11 })
    expect(details.webinarDetails).toMatchObject({ is_success: false, url: '' })
    expect(details.meetingUrl).toBeNull()
    const e = t.fails('classes.webinarLaunch', { registrationId: 11 })
    expect(e.status).toBe(409)
    expect(e.message).toMatch(/needs the network/)
    expect(t.fails('classes.webinarLaunch', { registrationId: 3 }).status).toBe(422)
  })
})

describe('paper fallback', () => {
  it('prints a sign-in sheet PDF whose text holds every learner, and exports the marked roster as CSV', async () => {
    t.call('classes.updateStatus', { id: 3, status: 'Attended' })
    t.call('attendance.note', { enrollmentId: 3, note: '=HYPERLINK("x")' })
    const result = await t.async.result('attendance.signInSheet', { classId: TODAY })
    const sheet = ok<{ fileName: string; pdfBase64: string }>(result)
    expect(sheet.fileName).toMatch(/^sign-in-sheet-course-1-.*-class-1\.pdf$/)
    const file = path.join(t.dir, 'sheet.pdf')
    fs.writeFileSync(file, Buffer.from(sheet.pdfBase64, 'base64'))
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8')
    const learners = t.call('attendance.roster', { classId: TODAY }).learners as { name: string }[]
    expect(learners).toHaveLength(40)
    for (const l of learners) expect(text).toContain(l.name)
    expect(text).toContain('Łukasz')
    expect(text).toMatch(/Page 2 of 2/)

    const { csv } = t.call('attendance.exportCsv', { classId: TODAY })
    const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n')
    expect(lines[0]).toBe('Class,Course,Date,Location,Name,Email,Status,Marked at,Note')
    expect(lines).toHaveLength(41)
    const demo = lines.find((l: string) => l.includes('student@demo.aomlms.com'))!
    expect(demo).toContain(',Attended,')
    // A note that looks like a formula is neutralised for spreadsheets.
    expect(demo).toContain(`"'=HYPERLINK(""x"")"`)
  })
})

describe('deleting', () => {
  it('deletes a class with its registrations, and every class of a course', () => {
    t.call('classes.delete', { classId: TODAY })
    expect(count(t.engine, 'class_enrollments', 'class_id = ?', TODAY)).toBe(0)
    expect(t.fails('attendance.roster', { classId: TODAY }).status).toBe(404)
    const answer = t.call('classes.deleteCourseClasses', { courseId: 3 })
    expect(answer.message).toBe('2 Class(s) is successfully deleted and 20 Enrollment(s) is successfully removed')
    expect(count(t.engine, 'classes', 'course_id = 3')).toBe(0)
  })
})

describe('class certificates', () => {
  it('issues the course certificate through the certificates module and reports who was skipped', () => {
    // Fixture: a template 1 for course 1 (certificate_templates [1]) when the demo world has none yet.
    t.engine.sql.raw
      .prepare("INSERT OR IGNORE INTO certificate_templates (id, name, width, height, created_at, updated_at) VALUES (1, 'Completion', 1123, 794, ?, ?)")
      .run('2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')
    // A learner enrolled in course 1 and in its class today; user 10 is in the class but not in the course.
    const learner = t.call('users.create', validUser({ firstName: 'Cert', lastName: 'Holder' })).id
    t.call('courses.enroll', { id: 1, studentIds: [learner] })
    t.call('classes.enroll', { id: TODAY, studentIds: [learner] })
    const reg = registrations()
    const answer = t.call('classes.assignCertificate', { id: TODAY, enrollmentIds: [reg.get(learner)!, reg.get(10)!] })
    expect(answer.isSucess).toBe(true)
    expect(answer.message).toMatch(/^Certificate assigned successfully to 1 student\(s\)\. Not issued: .*not enrolled in course 1/)
    expect(count(t.engine, 'user_certificates', 'user_id = ? AND course_id = 1', learner)).toBe(1)
    expect(rows(t.engine, 'SELECT certificate_issued_at FROM class_enrollments WHERE id = ?', reg.get(learner))[0].certificate_issued_at).not.toBeNull()
    const last = changeRecords(t.engine).at(-1)!
    expect([last.operation, last.entity, last.input]).toEqual(['classes.assignCertificate', 'class_enrollment', { id: TODAY, enrollmentIds: [reg.get(learner)] }])
  })
})

describe('bad input', () => {
  it.each<[OpName, unknown]>([
    ['classes.enrolledStudents', { class_id: 1, search_param: '{"nope":1}' }],
    ['classes.enrolledStudents', { class_id: 1, order_by: '{"colName":"password","direction":"asc"}' }],
    ['classes.enrolledStudents', { class_id: 1, search_param: '{"status":"Present"}' }],
    ['classes.tabularList', { search_param: '{"dates":["not a date"]}' }],
    ['classes.schedules', { courseId: 1, search_param: '{"location":"x"}' }],
    ['classes.create', { courseId: 3, instructor: 2, type: 'sometimes', starttime: '2024-06-03 09:00', endTime: '2024-06-03 10:00' }],
    ['classes.create', { courseId: 3, instructor: 2, type: 'onetime', starttime: '2024-02-30 09:00', endTime: '2024-03-01 10:00' }],
    ['classes.create', { courseId: 3, instructor: 2, type: 'recurring', recurrence: '{"frequency":"hourly"}' }],
    ['classes.update', { id: 1, studyMaterial: 'not json' }],
    ['classes.update', { id: 1, startTime: '2024-06-03 18:00', endTime: '2024-06-03 09:00' }],
    ['classes.overviewReport', { selectedMonth: '13-2024' }],
    ['classes.enroll', { id: 1, studentIds: [] }],
    ['classes.enroll', { id: 'one', studentIds: [3] }],
    ['users.enrolledClasses', { user_id: 3, search_param: '{"course_id":"abc"}' }],
    ['attendance.reopen', { classId: 1 }],
  ])('%s %j answers a 4xx with a message', (name, input) => {
    const e = err(t.raw(name, input))
    expect(e.status).toBeGreaterThanOrEqual(400)
    expect(e.status).toBeLessThan(500)
    expect(e.message.length).toBeGreaterThan(10)
  })

  it('answers 404 for classes, courses and registrations that do not exist', () => {
    expect(t.fails('classes.edit', { classId: 999 }).status).toBe(404)
    expect(t.fails('classes.courseClasses', { course_id: 999 }).status).toBe(404)
    expect(t.fails('classes.studyMaterial', { registrationId: 999 }).status).toBe(404)
    expect(t.fails('classes.create', { courseId: 999, instructor: 2, type: 'onetime', starttime: '2024-06-03 09:00', endTime: '2024-06-03 10:00' }).status).toBe(404)
  })
})
