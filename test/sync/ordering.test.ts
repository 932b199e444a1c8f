// Order across rows, found by the randomized run (scenario 12): an enrollment removal that
// fails with a 500 backs off while the drain goes on to unrelated records, but a delete of
// that user or course, or a new enrollment into that course, is not unrelated. The hosted
// LMS answers users/delete with 200 and "not deleted" while the user still has an
// enrollment; that answer must not count as done.
import Database from 'better-sqlite3'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestClock } from '../engine/helpers'
import { request } from '../http/server'
import {
  configure,
  createOnServer,
  expectQueueEmpty,
  newCourse,
  newUser,
  openLaptop,
  serverEnrollments,
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

const REMOVE = /^\/api\/course\/remove\/\d+$/

/** A user enrolled in a course, all synced. */
async function enrolled() {
  const lap = await openLaptop()
  laptops.push(lap)
  configure(lap, hosted)
  hosted.proxy.clearRules()
  const token = uniqueToken('order')
  const email = `${token}@example.org`
  const userId = lap.call('users.create', newUser(email)).id
  const courseId = lap.call('courses.create', newCourse(`Order ${token}`, `order-${token}`)).id
  lap.call('courses.enroll', { id: courseId, studentIds: [userId] })
  await lap.syncNow()
  expectQueueEmpty(lap)
  const enrollmentId = (lap.engine.sql.raw.prepare('SELECT id FROM enrollments WHERE user_id = ?').get(userId) as { id: number }).id
  return { lap, email, userId, courseId, enrollmentId, serverCourse: lap.serverId('course', courseId)! }
}

describe('records that depend on an enrollment removal', () => {
  it('a user delete waits while the removal of its enrollment backs off', async () => {
    const { lap, email, courseId, userId, enrollmentId } = await enrolled()
    lap.call('courses.remove', { id: courseId, enrollmentIds: [enrollmentId] })
    lap.call('users.delete', { delete_ids: [userId] })
    hosted.proxy.addRule({ method: 'POST', path: REMOVE, nth: 1, fault: { kind: 'status', status: 500 } })
    const deletes = hosted.proxy.upstreamCount('POST', /^\/api\/user\/delete$/)

    await lap.syncNow()
    expect(hosted.proxy.upstreamCount('POST', /^\/api\/user\/delete$/)).toBe(deletes)
    expect(lap.queue().map((r) => [r.operation, r.state])).toEqual([
      ['courses.remove', 'pending'],
      ['users.delete', 'pending'],
    ])

    await syncUntilSettled(lap)
    expect(await serverUsersByEmail(hosted, email)).toEqual([])
    expectQueueEmpty(lap)
  })

  it('an enrollment into the same course waits too: removed and enrolled again ends enrolled once, mapped', async () => {
    const { lap, userId, courseId, enrollmentId, serverCourse } = await enrolled()
    const firstServerEnrollment = lap.serverId('enrollment', enrollmentId)
    lap.call('courses.remove', { id: courseId, enrollmentIds: [enrollmentId] })
    lap.call('courses.enroll', { id: courseId, studentIds: [userId] })
    hosted.proxy.addRule({ method: 'POST', path: REMOVE, nth: 1, fault: { kind: 'status', status: 500 } })

    await lap.syncNow()
    expect(lap.queue().map((r) => [r.operation, r.state])).toEqual([
      ['courses.remove', 'pending'],
      ['courses.enroll', 'pending'],
    ])
    await syncUntilSettled(lap)

    const onServer = await serverEnrollments(hosted, serverCourse)
    expect(onServer.map((e) => e.user_id)).toEqual([lap.serverId('user', userId)])
    expect(onServer[0].id).not.toBe(firstServerEnrollment)
    const again = (lap.engine.sql.raw.prepare('SELECT id FROM enrollments WHERE user_id = ?').get(userId) as { id: number }).id
    expect(lap.serverId('enrollment', again)).toBe(onServer[0].id)
    expectQueueEmpty(lap)
  })

  it('a user the hosted LMS keeps ("not deleted", it has enrollments there) is parked, not marked done', async () => {
    const { lap, email, userId, courseId, enrollmentId } = await enrolled()
    // Someone enrolls the user into another course on the hosted LMS meanwhile.
    const other = await request(hosted.server, 'POST', '/api/course', {
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: newCourse(`Other ${email}`, `other-${userId}-${Date.now()}`),
    })
    const serverUser = lap.serverId('user', userId)
    await request(hosted.server, 'POST', `/api/course/enroll/${other.json.id}`, { headers: { Authorization: `Bearer ${TOKEN}` }, body: { studentIds: [serverUser] } })

    lap.call('courses.remove', { id: courseId, enrollmentIds: [enrollmentId] })
    lap.call('users.delete', { delete_ids: [userId] })
    ;(lap.clock as TestClock).advance(1000)
    const summary = await lap.syncNow()
    expect(summary).toMatchObject({ pushed: 1, parked: 1 })
    expect(lap.parked()).toMatchObject([{ operation: 'users.delete', state: 'parked', reason: expect.stringMatching(/did not delete it: .*not deleted/) }])
    expect(await serverUsersByEmail(hosted, email)).toHaveLength(1)
  })

  it('a coupon the hosted LMS keeps (orders used it there) is parked, not marked done', async () => {
    const lap = await openLaptop()
    configure(lap, hosted)
    const code = `KEEP${Date.now()}`
    const coupon = lap.call('coupons.create', { code, value: 10, type: 'percent_amount' })
    await syncUntilSettled(lap)
    const serverCoupon = lap.serverId('coupon', coupon.id)
    expect(serverCoupon).toBeGreaterThan(0)
    // Someone buys with it on the hosted LMS meanwhile (there is no documented order route, so
    // the stand-in's own database is written, as its shop would).
    const buyer = await createOnServer(hosted, { firstName: 'Buyer', email: `buyer.${code.toLowerCase()}@example.org` })
    const db = new Database(path.join(hosted.server.dataDir, 'lms.sqlite'))
    db.pragma('busy_timeout = 5000')
    db.prepare('INSERT INTO orders (user_id, coupon_id, total, created_at) VALUES (?, ?, 9.5, ?)').run(buyer, serverCoupon, new Date().toISOString())
    db.close()

    lap.call('coupons.delete', { delete_ids: [coupon.id] })
    ;(lap.clock as TestClock).advance(1000)
    await lap.syncNow()
    expect(lap.parked()).toMatchObject([{ operation: 'coupons.delete', state: 'parked', reason: expect.stringMatching(/did not delete it: .*not deleted/) }])
    lap.dispose()
  })
})
