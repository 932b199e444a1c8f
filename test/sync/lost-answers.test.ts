// Issue 4, scenarios 1-3: creates whose answer never arrives. The stand-in commits (or not),
// the fault proxy cuts the answer or holds it past the client's timeout; the laptop must
// reconcile by natural key before sending a create again.
//
// The stand-in is the strict one, which (like the real hosted LMS) honours no
// Idempotency-Key: these tests prove the look-up before a resend, nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from '../http/server'
import {
  configure,
  expectQueueEmpty,
  newCourse,
  newUser,
  openLaptop,
  serverCourses,
  serverEnrollments,
  serverUser,
  serverUsersByEmail,
  startHosted,
  syncUntilSettled,
  TOKEN,
  uniqueToken,
  type Hosted,
  type Laptop,
} from './world'

let hosted: Hosted
const laptops: Laptop[] = []

beforeAll(async () => {
  hosted = await startHosted()
})
afterAll(async () => {
  for (const laptop of laptops) laptop.dispose()
  await hosted?.stop()
})

async function laptop(pull = false): Promise<Laptop> {
  // A short client timeout so the proxy's held answers time out quickly.
  const opened = await openLaptop({ timeoutMs: 400, pull })
  laptops.push(opened)
  configure(opened, hosted)
  hosted.proxy.clearRules()
  return opened
}

const CREATE_USER = /^\/api\/user\/create$/
const CREATE_COURSE = /^\/api\/course$/
const ENROLL = /^\/api\/course\/enroll\/\d+$/

describe('scenario 1: the server commits a create and the answer is lost', () => {
  it.each([
    ['push only', false],
    ['push with the pull on, as the app runs', true],
  ])('%s: exactly one user, course and enrollment on the server, each mapped locally', async (_label, pull) => {
    const lap = await laptop(pull)
    const creates = (path: RegExp) => hosted.proxy.upstreamCount('POST', path)
    const before = [creates(CREATE_USER), creates(CREATE_COURSE), creates(ENROLL)]
    const token = uniqueToken('lost')
    const email = `${token}@example.org`
    const userId = lap.call('users.create', newUser(email)).id
    const courseId = lap.call('courses.create', newCourse(`Course ${token}`, `course-${token}`)).id
    lap.call('courses.enroll', { id: courseId, studentIds: [userId] })
    // Every create's first answer is lost after the stand-in committed it.
    hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'lose-response' } })
    hosted.proxy.addRule({ method: 'POST', path: CREATE_COURSE, nth: 1, fault: { kind: 'lose-response' } })
    hosted.proxy.addRule({ method: 'POST', path: ENROLL, nth: 1, fault: { kind: 'lose-response' } })

    const first = await lap.syncNow()
    expect(first.stoppedBecause).toMatch(/could not be reached/)
    const [userRecord] = lap.queue()
    expect(userRecord).toMatchObject({ operation: 'users.create', state: 'sending', attempts: 1 })
    expect(await serverUsersByEmail(hosted, email)).toHaveLength(1)

    // Each later run meets the next lost answer; the clock moves past every backoff.
    await syncUntilSettled(lap)

    const users = await serverUsersByEmail(hosted, email)
    expect(users).toHaveLength(1)
    expect(lap.serverId('user', userId)).toBe(users[0].id)
    const courses = (await serverCourses(hosted, token)).filter((c) => c.slug === `course-${token}`)
    expect(courses).toHaveLength(1)
    expect(lap.serverId('course', courseId)).toBe(courses[0].id)
    const enrollments = await serverEnrollments(hosted, courses[0].id)
    expect(enrollments.map((e) => e.user_id)).toEqual([users[0].id])
    const localEnrollment = lap.engine.sql.raw.prepare('SELECT id FROM enrollments WHERE course_id = ? AND user_id = ?').get(courseId, userId) as { id: number }
    expect(lap.serverId('enrollment', localEnrollment.id)).toBe(enrollments[0].id)
    // Each create reached the stand-in once: the retries found them instead of posting again.
    expect([creates(CREATE_USER), creates(CREATE_COURSE), creates(ENROLL)]).toEqual(before.map((n) => n + 1))
    expectQueueEmpty(lap)
  })
})

describe('scenario 1, the look-up fails too', () => {
  it.each([
    ['answers 500', { kind: 'status', status: 500 } as const],
    ['times out', { kind: 'timeout' } as const],
    ['loses its answer', { kind: 'lose-response' } as const],
  ])('a look-up that %s is no proof of absence: the create is not posted again', async (_label, fault) => {
    const lap = await laptop()
    const before = hosted.proxy.upstreamCount('POST', CREATE_USER)
    const email = `${uniqueToken('lookup')}@example.org`
    const userId = lap.call('users.create', newUser(email)).id
    hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'lose-response' } })
    // Twice: a read whose connection drops is sent again once within the run (a stale keep-alive
    // socket looks the same), so one lost answer may be made good before the run ends.
    hosted.proxy.addRule({ method: 'GET', path: /^\/api\/users\/lookup/, nth: 1, times: 2, fault })

    await lap.syncNow() // the answer to the create is lost
    await syncUntilSettled(lap, 1) // the look-up by email fails
    expect(lap.queue()).toMatchObject([{ operation: 'users.create', state: 'sending' }])
    await syncUntilSettled(lap)

    expect(hosted.proxy.upstreamCount('POST', CREATE_USER) - before).toBe(1)
    const users = await serverUsersByEmail(hosted, email)
    expect(users).toHaveLength(1)
    expect(lap.serverId('user', userId)).toBe(users[0].id)
    expectQueueEmpty(lap)
  })
})

describe('scenario 1, then someone edits the row on the hosted LMS before the laptop learns its id', () => {
  it.each([
    ['mine', 'Laptop'],
    ['theirs', 'Hosted'],
  ] as const)('the pull adopts it by email and shows a conflict; choosing %s leaves %s on both sides', async (choice, expected) => {
    const lap = await laptop(true)
    const email = `${uniqueToken('adopted')}@example.org`
    const userId = lap.call('users.create', newUser(email, 'Laptop')).id
    hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'lose-response' } })
    await lap.syncNow()
    const [created] = await serverUsersByEmail(hosted, email)
    const detail = await serverUser(hosted, created.id)
    const renamed = await request(hosted.server, 'PUT', `/api/user/${created.id}`, { body: { ...detail, firstName: 'Hosted' }, headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(renamed.status).toBe(200)

    // The pull runs before the push: it adopts the local row by email while the create is unanswered.
    const second = await lap.syncNow()
    expect(second.conflicts).toBe(1)
    const [conflict] = lap.call('sync.conflicts', {})
    expect(conflict).toMatchObject({ field: 'first_name', mine: 'Laptop', theirs: 'Hosted' })
    lap.call('sync.resolve', { id: conflict.id, choice })
    await syncUntilSettled(lap)

    expect((await serverUser(hosted, created.id)).firstName).toBe(expected)
    expect(lap.engine.sql.raw.prepare('SELECT first_name FROM users WHERE id = ?').get(userId)).toEqual({ first_name: expected })
    expect(await serverUsersByEmail(hosted, email)).toHaveLength(1)
    expectQueueEmpty(lap)
  })
})

describe('scenario 2: a create times out, then the user edits the record', () => {
  it.each([
    ['the stand-in committed the create', true],
    ['the create never reached the stand-in', false],
  ])('%s: no second create, the edit lands on the adopted id', async (_label, forward) => {
    const lap = await laptop()
    const countBefore = hosted.proxy.upstreamCount('POST', CREATE_USER)
    const email = `${uniqueToken('timeout-edit')}@example.org`
    const userId = lap.call('users.create', newUser(email, 'Before')).id
    hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'timeout', forward } })

    const first = await lap.syncNow()
    expect(first.stoppedBecause).toMatch(/could not be reached/)
    expect(lap.queue()).toMatchObject([{ operation: 'users.create', state: 'sending', attempts: 1, last_error: expect.stringMatching(/timed out/) }])

    lap.call('users.update', { id: userId, firstName: 'After', lastName: 'Edited', email })
    await syncUntilSettled(lap)

    const users = await serverUsersByEmail(hosted, email)
    expect(users).toHaveLength(1)
    expect(lap.serverId('user', userId)).toBe(users[0].id)
    expect(await serverUser(hosted, users[0].id)).toMatchObject({ firstName: 'After', lastName: 'Edited', email })
    // One create reached the stand-in in all: the committed one, or the resend after an empty look-up.
    expect(hosted.proxy.upstreamCount('POST', CREATE_USER) - countBefore).toBe(1)
    expect(hosted.proxy.upstreamCount('PUT', new RegExp(`^/api/user/${users[0].id}$`))).toBe(1)
    expectQueueEmpty(lap)
  })
})

describe('scenario 3 with the pull on: a create whose answer was lost, then removed here, is not brought back by the pull', () => {
  const localCount = (lap: Laptop, query: string, ...params: unknown[]) => (lap.engine.sql.raw.prepare(query).get(...params) as { n: number }).n

  it('a user: the pull leaves it alone, the push adopts and deletes it', async () => {
    const lap = await laptop(true)
    const email = `${uniqueToken('gone-user')}@example.org`
    const userId = lap.call('users.create', newUser(email)).id
    hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'lose-response' } })
    await lap.syncNow()
    expect(await serverUsersByEmail(hosted, email)).toHaveLength(1)
    lap.call('users.delete', { delete_ids: [userId] })

    await syncUntilSettled(lap)
    expect(await serverUsersByEmail(hosted, email)).toEqual([])
    expect(localCount(lap, 'SELECT count(*) AS n FROM users WHERE email_key = ?', email.toLowerCase())).toBe(0)
    expectQueueEmpty(lap)
  })

  it('an enrollment: the pull leaves it alone, the push adopts and removes it', async () => {
    const lap = await laptop(true)
    const token = uniqueToken('gone-enrollment')
    const userId = lap.call('users.create', newUser(`${token}@example.org`)).id
    const courseId = lap.call('courses.create', newCourse(`Course ${token}`, `course-${token}`)).id
    await syncUntilSettled(lap)
    lap.call('courses.enroll', { id: courseId, studentIds: [userId] })
    const enrollment = lap.engine.sql.raw.prepare('SELECT id FROM enrollments WHERE course_id = ? AND user_id = ?').get(courseId, userId) as { id: number }
    hosted.proxy.addRule({ method: 'POST', path: ENROLL, nth: 1, fault: { kind: 'lose-response' } })
    await lap.syncNow()
    const serverCourse = lap.serverId('course', courseId) as number
    expect(await serverEnrollments(hosted, serverCourse)).toHaveLength(1)
    lap.call('courses.remove', { id: courseId, enrollmentIds: [enrollment.id] })

    await syncUntilSettled(lap)
    expect(await serverEnrollments(hosted, serverCourse)).toEqual([])
    expect(localCount(lap, 'SELECT count(*) AS n FROM enrollments WHERE course_id = ?', courseId)).toBe(0)
    expectQueueEmpty(lap)
  })
})

describe('scenario 3: a create times out, then the user deletes the record', () => {
  it.each([
    ['the stand-in committed the create', true],
    ['the create never reached the stand-in', false],
  ])('%s: nothing is left on the server', async (_label, forward) => {
    const lap = await laptop()
    const token = uniqueToken('timeout-delete')
    const email = `${token}@example.org`
    const userId = lap.call('users.create', newUser(email)).id
    const courseId = lap.call('courses.create', newCourse(`Gone ${token}`, `gone-${token}`)).id
    hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'timeout', forward } })
    hosted.proxy.addRule({ method: 'POST', path: CREATE_COURSE, nth: 1, fault: { kind: 'timeout', forward } })

    await lap.syncNow() // the user create times out; the run stops
    expect(lap.queue().map((r) => [r.operation, r.state])).toEqual([
      ['users.create', 'sending'],
      ['courses.create', 'pending'],
    ])
    lap.call('users.delete', { delete_ids: [userId] })
    await syncUntilSettled(lap, 1) // the user create is settled; the course create times out and the run stops
    expect(lap.queue().map((r) => [r.operation, r.state])).toEqual([
      ['courses.create', 'sending'],
      ['users.delete', 'pending'],
    ])
    lap.call('courses.delete', { delete_ids: [courseId] })
    await syncUntilSettled(lap)

    expect(await serverUsersByEmail(hosted, email)).toEqual([])
    expect(await serverCourses(hosted, token)).toEqual([])
    expectQueueEmpty(lap)
  })
})
