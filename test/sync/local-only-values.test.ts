// Values kept on this computer only (src/shared/contract/local-only.ts) through real syncs
// against the strict stand-in (`serve --hosted`) behind the fault proxy: no request the
// push makes carries a declared field for its operation, the stand-in never gets the
// values, and a pull that takes the hosted LMS's changes into the course keeps them here.
// The course keeps the unlimited duration rule: the stand-in's engine refuses a days or date
// rule without the days or date (422), which the reference gives no parameter to send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_ONLY_FIELDS } from '../../src/shared/contract/local-only'
import { request } from '../http/server'
import { configure, expectQueueEmpty, hostedRow, openLaptop, startHosted, syncUntilSettled, TOKEN, uniqueToken, type Hosted, type Laptop } from './world'

let hosted: Hosted
let lap: Laptop
beforeAll(async () => {
  hosted = await startHosted()
  lap = await openLaptop({ pull: true, timeoutMs: 5_000 })
  configure(lap, hosted)
})
afterAll(async () => {
  lap?.dispose()
  await hosted?.stop()
})

const declaredFor = (operation: 'courses.create' | 'courses.update') => LOCAL_ONLY_FIELDS.filter((f) => f.notSentBy.includes(operation)).map((f) => f.field)

/** The JSON bodies (and query keys) of the requests that reached the proxy for a method and path. */
function sentKeys(method: string, path: RegExp): string[][] {
  return hosted.proxy.log
    .filter((e) => e.method === method && path.test(e.path.split('?')[0]))
    .map((e) => [...(e.body ? Object.keys(JSON.parse(e.body) as object) : []), ...new URL(e.path, 'http://x').searchParams.keys()])
}

interface HostedCourse {
  course_type: string
  duration_rule: string
  duration_days: number | null
  duration_specific_date: string | null
  instructions: string | null
  name: string
}
const hostedCourse = (id: number) => hostedRow<HostedCourse>(hosted, 'SELECT * FROM courses WHERE id = ?', id)!

describe('values kept on this computer only', () => {
  it('are never sent, and a pull that takes the hosted changes keeps them here', async () => {
    const t = uniqueToken('lo')
    const local = lap.call('courses.create', {
      name: `Local only ${t}`,
      slug: `local-only-${t}`,
      status: 'draft',
      gradingRule: 'no_grading',
      durationRule: 'unlimited',
      durationDays: 45,
      courseType: 'instructor_led',
      instructions: 'Bring a notebook.',
    }).id as number
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    const server = lap.serverId('course', local)!
    expect(server).toBeGreaterThan(0)

    // The create sends the instructions (POST course documents them), never the type or the days.
    const creates = sentKeys('POST', /^\/api\/course$/)
    expect(creates.length).toBeGreaterThan(0)
    for (const keys of creates) {
      expect(keys).toContain('instructions')
      for (const field of declaredFor('courses.create')) expect(keys).not.toContain(field)
    }
    expect(hostedCourse(server)).toMatchObject({ course_type: 'self_paced', duration_days: null, instructions: 'Bring a notebook.' })
    // The next run's pull records what the hosted LMS holds (each run pulls before it pushes).
    await lap.syncNow()
    expectQueueEmpty(lap)

    // A later edit: only the documented fields go.
    lap.call('courses.update', {
      id: local,
      name: `Local only ${t} (edited)`,
      slug: `local-only-${t}`,
      status: 'draft',
      gradingRule: 'no_grading',
      durationRule: 'unlimited',
      durationDays: 60,
      courseType: 'instructor_led',
      instructions: 'Bring a notebook and a pencil.',
    })
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    const updates = sentKeys('PUT', new RegExp(`^/api/course/${server}$`))
    expect(updates.length).toBeGreaterThan(0)
    for (const keys of updates) {
      expect(keys).toContain('name')
      for (const field of declaredFor('courses.update')) expect(keys).not.toContain(field)
    }
    // (What the stand-in then holds as instructions is its own affair: its PUT clears an optional field left out.)
    expect(hostedCourse(server)).toMatchObject({ name: `Local only ${t} (edited)`, course_type: 'self_paced', duration_days: null })

    // Someone renames the course on the hosted LMS; the pull takes that in and keeps this computer's values.
    const renamed = await request(hosted.server, 'PUT', `/api/course/${server}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: { name: `Renamed there ${t}`, slug: `local-only-${t}`, status: 'publish', gradingRule: 'no_grading', durationRule: 'unlimited' },
    })
    expect(renamed.status, renamed.text).toBe(200)
    await syncUntilSettled(lap)
    expect(lap.call('courses.get', { id: local })).toMatchObject({
      name: `Renamed there ${t}`,
      status: 'publish',
      courseType: 'instructor_led',
      durationRule: 'unlimited',
      durationDays: 60,
      instructions: 'Bring a notebook and a pencil.',
    })
    expectQueueEmpty(lap)
  }, 60_000)
})
