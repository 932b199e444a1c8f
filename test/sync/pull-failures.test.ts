// Failures stay local and truthful: a read the hosted LMS refuses fails that part of the
// pull alone, named with its route and message, while the other parts and the push still
// run; a page that keeps failing is skipped after a few runs with a notice; a record that
// does not decode is left out and named. Against the strict stand-in through the fault
// proxy; the one answer the proxy cannot produce (a malformed record) comes from a fetch
// wrapper imitating a server that answers outside the reference, said where used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_TRIES } from '../../src/main/sync/pull-phase'
import { openLaptop, startHosted, TOKEN, uniqueToken, type Hosted, type Laptop } from './world'

let hosted: Hosted
const laptops: Laptop[] = []
beforeAll(async () => {
  hosted = await startHosted({ demo: true, hosted: true })
})
afterAll(async () => {
  for (const l of laptops) l.dispose()
  await hosted?.stop()
})

async function laptop(fetchImpl?: typeof fetch): Promise<Laptop> {
  const opened = await openLaptop({ pull: true, timeoutMs: 5_000, fetchImpl })
  laptops.push(opened)
  opened.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
  hosted.proxy.clearRules()
  return opened
}

const count = (l: Laptop, table: string) => (l.engine.sql.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
const notices = (l: Laptop) => l.status().notices.map((n) => `${n.kind}: ${n.message}`)

describe('a read the hosted LMS refuses', () => {
  it('fails its part of the pull with route and message; the rest is pulled and local changes are pushed', async () => {
    const lap = await laptop()
    hosted.proxy.addRule({ method: 'GET', path: /^\/api\/course\/reports\/course-detailed/, fault: { kind: 'status', status: 403, message: 'Reports are not open to this token.' } })
    const token = uniqueToken('refused')
    lap.call('categories.create', { category_name: `Pushed anyway ${token}`, categoryType: 'module' })

    const summary = await lap.syncNow()
    expect(summary.stoppedBecause).toBeNull()
    expect(summary.pushed).toBe(1)
    expect(count(lap, 'enrollments')).toBe(0)
    // Phases after the failed one ran: classes and templates arrived.
    expect(count(lap, 'classes')).toBeGreaterThan(0)
    expect(count(lap, 'accredible_groups')).toBeGreaterThan(0)
    const status = lap.status()
    expect(status.state).not.toBe('offline')
    expect(status.lastError).toMatch(/enrollments \(GET api\/course\/reports\/course-detailed: 403: Reports are not open to this token\.\)/)
    expect(notices(lap)).toContainEqual(expect.stringMatching(/^pull_failed: The enrollments were not pulled: GET api\/course\/reports\/course-detailed failed \(403: Reports are not open/))
  })

  it('a page that keeps failing is skipped after a few runs, with a notice, so the rest of that part is pulled', async () => {
    const lap = await laptop()
    // Course 1's report always fails; the other courses' reports answer.
    hosted.proxy.addRule({ method: 'GET', path: /^\/api\/course\/reports\/course-detailed\?course_id=1&/, fault: { kind: 'status', status: 500, message: 'Report crashed' } })
    for (let run = 1; run < MAX_TRIES; run++) {
      await lap.syncNow()
      expect(lap.status().lastError, `run ${run}`).toMatch(/GET api\/course\/reports\/course-detailed: 500: Report crashed/)
    }
    const before = count(lap, 'enrollments')
    await lap.syncNow()
    expect(notices(lap)).toContainEqual(expect.stringMatching(/^pull_skipped: GET api\/course\/reports\/course-detailed \(enrollments: course 1, page 1\) failed 3 times in a row \(500: Report crashed\)/))
    expect(count(lap, 'enrollments')).toBeGreaterThan(before)
    expect(lap.status().lastError).toBeNull()
    // Still tried again each run: once it answers, course 1's learners arrive too.
    hosted.proxy.clearRules()
    await lap.syncNow()
    const course1 = lap.engine.sql.raw
      .prepare("SELECT count(*) AS n FROM enrollments e JOIN id_map m ON m.entity = 'course' AND m.local_id = e.course_id WHERE m.server_id = 1")
      .get() as { n: number }
    expect(course1.n).toBeGreaterThan(0)
  })
})

describe('a record that does not decode', () => {
  it('is left out with a notice naming route and record; the others are pulled', async () => {
    // Network-level stand-in for a server answering outside the reference: the fetch drops
    // the email of one user record in the users list.
    const corrupting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      if (!/\/api\/users\/tabularlist\?/.test(String(input))) return response
      const body = (await response.json()) as { records: Record<string, unknown>[] }
      const victim = body.records.find((r) => r.email === 'john.doe@demo.aomlms.com')
      if (victim) delete victim.email
      return new Response(JSON.stringify(body), { status: response.status, headers: { 'Content-Type': 'application/json' } })
    }
    const lap = await laptop(corrupting)
    const summary = await lap.syncNow()
    expect(summary.stoppedBecause).toBeNull()
    expect(lap.engine.sql.raw.prepare("SELECT id FROM users WHERE email = 'john.doe@demo.aomlms.com'").get()).toBeUndefined()
    expect(count(lap, 'users')).toBeGreaterThan(10)
    expect(notices(lap)).toContainEqual(expect.stringMatching(/^record_skipped: GET api\/users\/tabularlist: record id \d+ was left out: email: /))
  })
})
