// Issue 4, scenarios 7 and 11: a failed record is retried by the scheduler when its backoff
// expires (no sync.now, no local write to trigger a run), and two drains started at once
// send every record exactly once. These tests use the machine's clock: the wake-up is a real
// timer. The backoff is short enough for a test as it is (first retry after 1-2 s), and the
// random source is seeded so the wait is the same on every run.
import { coalesce } from '../../src/main/sync/push'
import { describe, expect, it } from 'vitest'
import { ok } from '../engine/helpers'
import {
  configure,
  expectQueueEmpty,
  newCourse,
  newUser,
  openLaptop,
  seeded,
  serverCourses,
  serverEnrollments,
  serverUsers,
  uniqueToken,
  type Laptop,
  useStandIn,
} from './world'

const world = useStandIn()

const CREATE_USER = /^\/api\/user\/create$/
const machineClock = () => new Date()

/**
 * Local writes made in an earlier session: the laptop is then reopened, so no "run soon
 * after a write" timer is pending and only the scheduler can start a run.
 */
async function queuedEarlier(write: (lap: Laptop) => void, options: { autoSync: boolean }): Promise<Laptop> {
  const earlier = await openLaptop({ clock: machineClock })
  configure(earlier, world.hosted)
  write(earlier)
  earlier.close()
  const lap = await openLaptop({ dir: earlier.dir, clock: machineClock, random: seeded(7), autoSync: options.autoSync })
  world.laptops.push(lap)
  return lap
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 25))
  }
  return check()
}

describe('scenario 7: one failure with no later local writes is retried when the backoff expires', () => {
  it('after a 500, the backoff wake-up runs the drain by itself', async () => {
    world.hosted.proxy.clearRules()
    const email = `${uniqueToken('wake')}@example.org`
    const lap = await queuedEarlier((l) => l.call('users.create', newUser(email)), { autoSync: true })
    world.hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'status', status: 500, message: 'Server Error' } })
    const from = world.hosted.proxy.log.length

    const summary = await lap.syncNow()
    expect(summary).toMatchObject({ pushed: 0, stoppedBecause: null })
    const [record] = lap.queue()
    expect(record).toMatchObject({ state: 'sending', attempts: 1, last_error: '500: Server Error' })
    const due = new Date(record.next_attempt_at!).getTime()
    expect(due - Date.now()).toBeGreaterThan(500)
    expect(lap.status().state).toBe('backing_off')

    // Nothing else happens here: no sync.now, no local write.
    expect(await waitFor(() => lap.status().pending + lap.status().sending === 0, 8_000)).toBe(true)
    const creates = world.hosted.proxy.log.slice(from).filter((e) => e.method === 'POST' && CREATE_USER.test(e.path))
    expect(creates.map((e) => e.answered)).toEqual([500, 200])
    expect(creates[1].at).toBeGreaterThanOrEqual(due - 5)
    expect((await serverUsers(world.hosted, email)).length).toBe(1)
    expectQueueEmpty(lap)
  })

  it('after a restart, starting the scheduler (as the host does) picks up a record still backing off', async () => {
    world.hosted.proxy.clearRules()
    const email = `${uniqueToken('restart-wake')}@example.org`
    const failing = await queuedEarlier((l) => l.call('users.create', newUser(email)), { autoSync: false })
    world.hosted.proxy.addRule({ method: 'POST', path: CREATE_USER, nth: 1, fault: { kind: 'status', status: 503, retryAfter: '1' } })
    await failing.syncNow()
    expect(failing.queue()).toMatchObject([{ state: 'sending', attempts: 1 }])
    failing.close()
    world.laptops.splice(world.laptops.indexOf(failing), 1)

    const lap = await openLaptop({ dir: failing.dir, clock: machineClock, random: seeded(7), autoSync: true })
    world.laptops.push(lap)
    lap.engine.sync.start()
    expect(await waitFor(() => lap.status().pending + lap.status().sending === 0, 8_000)).toBe(true)
    expect((await serverUsers(world.hosted, email)).length).toBe(1)
    expectQueueEmpty(lap)
  })
})

describe('scenario 11: two drains started at once', () => {
  it('send every record exactly once', async () => {
    world.hosted.proxy.clearRules()
    const token = uniqueToken('twice')
    const lap = await queuedEarlier(
      (l) => {
        const course = l.call('courses.create', newCourse(`Twice ${token}`, `twice-${token}`)).id
        for (let i = 0; i < 5; i++) {
          const user = l.call('users.create', newUser(`${token}.${i}@example.org`)).id
          l.call('courses.enroll', { id: course, studentIds: [user] })
          l.call('users.update', { id: user, firstName: `Edited${i}`, lastName: 'Twice', email: `${token}.${i}@example.org` })
        }
      },
      { autoSync: true },
    )
    // The user edits fold into their unsent creates: 1 course, 5 users, 5 enrollments.
    coalesce(lap.engine.sql)
    const queued = (lap.engine.sql.raw.prepare("SELECT count(*) AS n FROM change_records WHERE state = 'pending'").get() as { n: number }).n
    expect(queued).toBe(11)
    // Every request takes a while, so the drains overlap for their whole length.
    world.hosted.proxy.setChooser(() => ({ kind: 'delay', ms: 15 }))
    const from = world.hosted.proxy.log.length
    try {
      const first = lap.async.result('sync.now', {})
      lap.engine.sync.trigger() // the scheduler wakes up meanwhile
      const second = lap.async.result('sync.now', {})
      const [a, b] = await Promise.all([first, second])
      expect(ok(a)).toEqual(ok(b))
      expect(ok(a)).toMatchObject({ pushed: queued, parked: 0, stoppedBecause: null })
    } finally {
      world.hosted.proxy.setChooser(null)
    }
    const writes = world.hosted.proxy.log.slice(from).filter((e) => e.method !== 'GET')
    expect(writes).toHaveLength(queued)
    expect(new Set(writes.map((e) => e.idempotencyKey)).size).toBe(queued)
    expect(writes.every((e) => e.forwarded === 1 && e.answered === 200)).toBe(true)
    const users = await serverUsers(world.hosted, token)
    expect(users.map((u) => u.first_name).sort()).toEqual(['Edited0', 'Edited1', 'Edited2', 'Edited3', 'Edited4'])
    const [course] = await serverCourses(world.hosted, token)
    expect(await serverEnrollments(world.hosted, course.id)).toHaveLength(5)
    expectQueueEmpty(lap)
  })
})
