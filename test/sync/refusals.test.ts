// Issue 4, scenarios 5 and 6: what the hosted LMS refuses. A 422 parks the record where the
// user sees it and blocks its dependents with a reason, never dropping them; other records
// keep flowing; 429 is honoured for the whole queue until Retry-After; 401 pauses without
// spending the record's attempt. The refusals come from the real stand-in (an email it
// already holds, a wrong token) except the 429, which the proxy answers (the stand-in has
// no rate limit).
import { describe, expect, it } from 'vitest'
import {
  configure,
  createOnServer,
  expectQueueEmpty,
  newCourse,
  newUser,
  serverCourses,
  serverEnrollments,
  serverUser,
  serverUsersByEmail,
  uniqueToken,
  type Laptop,
  useStandIn,
} from './world'
import type { TestClock } from '../engine/helpers'

const world = useStandIn()

const CREATE_USER = /^\/api\/user\/create$/

/** A laptop with a user whose email the stand-in already holds, a course, and the user's enrollment. */
async function refusedParent() {
  const lap = await world.laptop()
  const token = uniqueToken('taken')
  const taken = `${token}@example.org`
  const existing = await createOnServer(world.hosted, { firstName: 'Someone', lastName: 'Else', email: taken })
  const userId = lap.call('users.create', newUser(taken, 'Laptop')).id
  const courseId = lap.call('courses.create', newCourse(`Parked ${token}`, `parked-${token}`)).id
  lap.call('courses.enroll', { id: courseId, studentIds: [userId] })

  const summary = await lap.syncNow()
  expect(summary).toMatchObject({ pushed: 1, parked: 1 })
  const parked = lap.parked()
  expect(parked).toMatchObject([
    // As the hosted LMS said it: the status, its message, the field it named, and the request refused.
    { operation: 'users.create', state: 'parked', localId: userId, reason: '422: The email has already been taken. (email: The email has already been taken.) Sent as POST api/user/create.' },
    { operation: 'courses.enroll', state: 'blocked', reason: expect.stringMatching(new RegExp(`^Waits for user ${userId}, which the hosted LMS refused: 422`)) },
  ])
  expect(lap.status()).toMatchObject({ pending: 1, parked: 1, blocked: 1 })
  // The enrollment is kept, with its input, for when the user is fixed.
  expect(lap.queue().map((r) => [r.operation, r.state])).toEqual([
    ['users.create', 'parked'],
    ['courses.enroll', 'pending'],
  ])
  // Another run sends neither again: the user must act.
  const creates = world.hosted.proxy.upstreamCount('POST', CREATE_USER)
  await lap.syncNow()
  expect(world.hosted.proxy.upstreamCount('POST', CREATE_USER)).toBe(creates)
  expect(lap.parked()).toHaveLength(2)
  return { lap, token, taken, existing, userId, courseId, createRecordId: parked[0].id }
}

async function expectEnrolled(lap: Laptop, token: string, courseId: number, userId: number, email: string) {
  const [course] = await serverCourses(world.hosted, token)
  expect(lap.serverId('course', courseId)).toBe(course.id)
  const users = await serverUsersByEmail(world.hosted, email)
  expect(users).toHaveLength(1)
  expect(lap.serverId('user', userId)).toBe(users[0].id)
  const enrollments = await serverEnrollments(world.hosted, course.id)
  expect(enrollments.map((e) => e.user_id)).toEqual([users[0].id])
  const local = lap.engine.sql.raw.prepare('SELECT id FROM enrollments WHERE user_id = ? AND course_id = ?').get(userId, courseId) as { id: number }
  expect(lap.serverId('enrollment', local.id)).toBe(enrollments[0].id)
}

describe('scenario 5: a parent user create is refused with 422', () => {
  it('blocks the enrollment with a reason; after the user is fixed here and retried, both drain', async () => {
    const { lap, token, taken, existing, userId, courseId, createRecordId } = await refusedParent()
    const fixed = `${token}.fixed@example.net`
    lap.call('users.update', { id: userId, firstName: 'Laptop', lastName: 'Top', email: fixed })
    lap.call('sync.retry', { id: createRecordId, input: { email: fixed } })
    await lap.syncNow()

    await expectEnrolled(lap, token, courseId, userId, fixed)
    // The other person's account on the hosted LMS is untouched.
    expect(await serverUser(world.hosted, existing)).toMatchObject({ firstName: 'Someone', lastName: 'Else', email: taken })
    expectQueueEmpty(lap)
  })

  it('also drains when only the parked record is corrected (sync.retry with input)', async () => {
    const { lap, token, userId, courseId, createRecordId } = await refusedParent()
    // Not containing the refused address: the enrollment must be found by the corrected one.
    const fixed = `${token}.retried@example.net`
    lap.call('sync.retry', { id: createRecordId, input: { email: fixed } })
    await lap.syncNow()

    await expectEnrolled(lap, token, courseId, userId, fixed)
    expectQueueEmpty(lap)
  })

  it('discarding the refused parent leaves its enrollment blocked and visible, not dropped', async () => {
    const { lap, userId, createRecordId } = await refusedParent()
    lap.call('sync.discard', { id: createRecordId })
    await lap.syncNow()
    expect(lap.parked()).toMatchObject([{ operation: 'courses.enroll', state: 'blocked', reason: expect.stringContaining(`user ${userId}`) }])
  })
})

describe('scenario 6: refusals, rate limits and a refused token', () => {
  it('one parked 4xx does not stop unrelated records', async () => {
    const lap = await world.laptop()
    const token = uniqueToken('unrelated')
    const taken = `${token}.taken@example.org`
    await createOnServer(world.hosted, { firstName: 'Someone', email: taken })
    lap.call('users.create', newUser(taken))
    const b = lap.call('users.create', newUser(`${token}.b@example.org`)).id
    lap.call('users.create', newUser(`${token}.c@example.org`))
    const course = lap.call('courses.create', newCourse(`Unrelated ${token}`, `unrelated-${token}`)).id
    lap.call('courses.enroll', { id: course, studentIds: [b] })

    const summary = await lap.syncNow()
    expect(summary).toMatchObject({ pushed: 4, parked: 1, stoppedBecause: null })
    expect(lap.status()).toMatchObject({ pending: 0, sending: 0, parked: 1, blocked: 0 })
    expect(await serverUsersByEmail(world.hosted, `${token}.b@example.org`)).toHaveLength(1)
    expect(await serverUsersByEmail(world.hosted, `${token}.c@example.org`)).toHaveLength(1)
    expect(await serverEnrollments(world.hosted, lap.serverId('course', course)!)).toHaveLength(1)
  })

  it('429 with Retry-After: the record waits exactly that long and nothing is sent before it', async () => {
    const lap = await world.laptop()
    const clock = lap.clock as TestClock
    const token = uniqueToken('rate')
    lap.call('users.create', newUser(`${token}.p@example.org`))
    lap.call('users.create', newUser(`${token}.q@example.org`))
    world.hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'status', status: 429, retryAfter: '120', message: 'Too Many Attempts.' } })

    const start = clock().getTime()
    const summary = await lap.syncNow()
    expect(summary.stoppedBecause).toMatch(/wait/)
    const [p, q] = lap.queue()
    expect(p).toMatchObject({ operation: 'users.create', last_error: '429: Too Many Attempts.' })
    expect(new Date(p.next_attempt_at!).getTime()).toBe(start + 120_000)
    expect(q).toMatchObject({ state: 'pending', attempts: 0 })
    expect(lap.status()).toMatchObject({ state: 'backing_off', nextAttemptAt: p.next_attempt_at })

    // Before Retry-After has passed, no run sends anything: not the record, not the others.
    const seen = world.hosted.proxy.log.length
    await lap.syncNow()
    clock.advance(119_000)
    await lap.syncNow()
    expect(world.hosted.proxy.log.slice(seen)).toEqual([])

    clock.advance(1_000)
    await lap.syncNow()
    expect(await serverUsersByEmail(world.hosted, `${token}.p@example.org`)).toHaveLength(1)
    expect(await serverUsersByEmail(world.hosted, `${token}.q@example.org`)).toHaveLength(1)
    expectQueueEmpty(lap)
  })

  it('401 pauses the queue without spending the attempt; a good token resumes it', async () => {
    const lap = await world.laptop()
    const email = `${uniqueToken('auth')}@example.org`
    lap.call('users.create', newUser(email))
    configure(lap, world.hosted, 'not-the-token')

    const summary = await lap.syncNow()
    expect(summary.stoppedBecause).toMatch(/refused the API token/)
    expect(lap.status()).toMatchObject({ state: 'paused_auth', pending: 1, lastError: expect.stringMatching(/new token/) })
    expect(lap.queue()).toMatchObject([{ operation: 'users.create', state: 'pending', attempts: 0 }])
    // The stand-in itself refused the token: the check that starts a run with a new token
    // went through and got its 401, and the create was not sent with it.
    expect(world.hosted.proxy.log.at(-1)).toMatchObject({ method: 'GET', path: expect.stringMatching(/^\/api\/users\/tabularlist\?/), upstreamStatus: 401 })

    configure(lap, world.hosted)
    expect(lap.status().state).toBe('idle')
    await lap.syncNow()
    expect(await serverUsersByEmail(world.hosted, email)).toHaveLength(1)
    expectQueueEmpty(lap)
    expect(lap.engine.sql.raw.prepare("SELECT attempts FROM change_records WHERE operation = 'users.create'").get()).toEqual({ attempts: 1 })
  })

  it('401 on a retried create keeps it `sending` with its attempts, so it is still reconciled first', async () => {
    const lap = await world.laptop()
    const email = `${uniqueToken('auth-lost')}@example.org`
    lap.call('users.create', newUser(email))
    world.hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'lose-response' } })
    await lap.syncNow()
    expect(lap.queue()).toMatchObject([{ state: 'sending', attempts: 1 }])

    configure(lap, world.hosted, 'not-the-token')
    ;(lap.clock as TestClock).advance(60 * 60_000)
    await lap.syncNow()
    expect(lap.status().state).toBe('paused_auth')
    expect(lap.queue()).toMatchObject([{ state: 'sending', attempts: 1 }])

    configure(lap, world.hosted)
    await lap.syncNow()
    expect(await serverUsersByEmail(world.hosted, email)).toHaveLength(1)
    expectQueueEmpty(lap)
  })
})
