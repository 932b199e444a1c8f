// Classes and attendance pushed from a laptop to the strict stand-in hosted LMS (`serve --demo --hosted`, a
// real engine over HTTP) through the fault proxy: a class and a registration whose answers
// are lost are found again, not created twice; the last mark made on the laptop is the one
// the hosted LMS keeps (attendance: last writer wins per class and learner).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { request } from '../http/server'
import { configure, expectQueueEmpty, newCourse, newUser, openLaptop, startHosted, syncUntilSettled, TOKEN, uniqueToken, type Hosted, type Laptop } from './world'

let hosted: Hosted
let laptop: Laptop
beforeEach(async () => {
  // The demo world has the locations and instructors (2, 6, 8) the laptop refers to.
  hosted = await startHosted({ demo: true })
  laptop = await openLaptop({ timeoutMs: 1500 })
  configure(laptop, hosted)
  // Fixture: the same reference rows on the laptop (they arrive from the hosted LMS; there is no documented create for them).
  const raw = laptop.engine.sql.raw
  raw.prepare("INSERT INTO locations (id, name, address, created_at) VALUES (2, 'Cherry Hill', NULL, '2024-01-01T00:00:00.000Z')").run()
  raw.prepare("INSERT INTO instructors (id, user_id, name, email, created_at) VALUES (2, NULL, 'Nora Lindqvist', NULL, '2024-01-01T00:00:00.000Z')").run()
  // Mapped to the hosted LMS's ids, as a pull of the course's class schedules leaves them.
  raw.prepare("INSERT INTO id_map (entity, local_id, server_id) VALUES ('location', 2, 2), ('instructor', 2, 2)").run()
})
afterEach(async () => {
  laptop?.dispose()
  await hosted?.stop()
})

const get = async (path: string) => {
  const answer = await request(hosted.server, 'GET', path, { headers: { Authorization: `Bearer ${TOKEN}` } })
  expect(answer.status, answer.text).toBe(200)
  return answer.json
}

/** A learner's registrations in a class on the stand-in (users/enrolled-classes: the reference documents no element of a class's own roster). */
const registrations = async (serverUser: number, serverClass: number) =>
  ((await get(`/api/users/enrolled-classes?user_id=${serverUser}&page_size=50&page_number=1`)).records as { id: number; classId: number; status: string }[]).filter(
    (r) => r.classId === serverClass,
  )

describe('classes pushed to the hosted LMS', () => {
  it('creates the class and registration once despite lost answers, and the hosted LMS ends with the last mark', async () => {
    const token = uniqueToken('cls')
    const user = laptop.call('users.create', newUser(`${token}@example.org`)).id
    const course = laptop.call('courses.create', newCourse(`Classroom ${token}`, `classroom-${token}`)).id
    const cls = laptop.call('classes.create', {
      courseId: course,
      instructor: 2,
      location: 2,
      type: 'onetime',
      starttime: '2024-06-03 09:00:00',
      endTime: '2024-06-03 12:00:00',
      allowDownload: false,
      disabled: false,
    }).id
    laptop.call('classes.enroll', { id: cls, studentIds: [user] })
    const reg = (laptop.engine.sql.raw.prepare('SELECT id FROM class_enrollments WHERE class_id = ?').get(cls) as { id: number }).id
    laptop.call('classes.updateStatus', { id: reg, status: 'Attended', classId: cls })
    laptop.call('classes.updateStatus', { id: reg, status: 'No Show', classId: cls })
    laptop.call('attendance.note', { enrollmentId: reg, note: 'Phoned: stuck in traffic' })

    const creates = () => hosted.proxy.upstreamCount('POST', /^\/api\/class\/create$/)
    const enrolls = () => hosted.proxy.upstreamCount('POST', /^\/api\/class\/enroll\/\d+/)
    hosted.proxy.addRule({ method: 'POST', path: /^\/api\/class\/create$/, nth: 1, fault: { kind: 'lose-response' } })
    hosted.proxy.addRule({ method: 'POST', path: /^\/api\/class\/enroll\/\d+/, nth: 1, fault: { kind: 'lose-response' } })
    await syncUntilSettled(laptop)
    expectQueueEmpty(laptop)

    const serverCourse = laptop.serverId('course', course)!
    const serverClass = laptop.serverId('class', cls)!
    expect(serverClass).toBeGreaterThan(0)
    const schedules = await get(`/api/class/get-class-schedules?courseId=${serverCourse}`)
    expect(schedules.classes.map((c: { id: number }) => c.id)).toEqual([serverClass])
    expect(creates()).toBe(1)
    expect(enrolls()).toBe(1)

    const registered = await registrations(laptop.serverId('user', user)!, serverClass)
    expect(registered).toHaveLength(1)
    expect(registered[0]).toMatchObject({ status: 'No Show' })
    expect(laptop.serverId('class_enrollment', reg)).toBe(registered[0].id)
    const students = await get(`/api/class/enrolled-students?class_id=${serverClass}&page_size=50&page_number=1`)
    expect(students).toMatchObject({ totalNoShow: 1, totalAttended: 0 })
    // Notes stay on the laptop: the hosted API has no field for them, and no request carried one.
    expect(hosted.proxy.log.filter((e) => /note/i.test(e.path) || /"note"/.test(e.body))).toEqual([])
  })

  it('sends a mark made after sign-off was reopened, and a removal', async () => {
    const token = uniqueToken('cls2')
    const user = laptop.call('users.create', newUser(`${token}@example.org`)).id
    const course = laptop.call('courses.create', newCourse(`Room ${token}`, `room-${token}`)).id
    const cls = laptop.call('classes.create', { courseId: course, instructor: 2, type: 'onetime', starttime: '2024-06-04 09:00', endTime: '2024-06-04 10:00' }).id
    laptop.call('classes.enroll', { id: cls, studentIds: [user] })
    await syncUntilSettled(laptop)
    const reg = (laptop.engine.sql.raw.prepare('SELECT id FROM class_enrollments WHERE class_id = ?').get(cls) as { id: number }).id
    laptop.call('attendance.signOff', { classId: cls })
    laptop.call('attendance.reopen', { classId: cls, reason: 'late arrival' })
    laptop.call('classes.updateStatus', { id: reg, status: 'Attended' })
    await syncUntilSettled(laptop)
    const serverClass = laptop.serverId('class', cls)!
    const serverUser = laptop.serverId('user', user)!
    expect((await registrations(serverUser, serverClass)).map((r) => r.status)).toEqual(['Attended'])
    laptop.call('classes.remove', { id: cls, enrollmentIds: [reg] })
    await syncUntilSettled(laptop)
    expectQueueEmpty(laptop)
    expect(await registrations(serverUser, serverClass)).toEqual([])
  })

  it('pushes a recurring class as one class with its rule, and its registrations', async () => {
    const token = uniqueToken('cls3')
    const user = laptop.call('users.create', newUser(`${token}@example.org`)).id
    const course = laptop.call('courses.create', newCourse(`Series ${token}`, `series-${token}`)).id
    const cls = laptop.call('classes.create', {
      courseId: course,
      instructor: 2,
      location: 2,
      type: 'recurring',
      recurrence: { classDays: 'Tue,Thu', startDate: '2024-07-02', startTime: '14:00', endTime: '15:30', interval: 1, frequency: 'weekly', end: '2024-07-11' },
    })
    expect(cls.sessions).toBe(4)
    laptop.call('classes.enroll', { id: cls.id, studentIds: [user] })
    hosted.proxy.addRule({ method: 'POST', path: /^\/api\/class\/create$/, nth: 1, fault: { kind: 'lose-response' } })
    await syncUntilSettled(laptop)
    expectQueueEmpty(laptop)
    const serverClass = laptop.serverId('class', cls.id)!
    const edit = await get(`/api/class/edit?classId=${serverClass}`)
    expect(edit.classDetails).toMatchObject({ courseId: String(laptop.serverId('course', course)), startTime: '2024-07-02 14:00:00', endTime: '2024-07-11 15:30:00' })
    expect(await registrations(laptop.serverId('user', user)!, serverClass)).toHaveLength(1)
  })
})
