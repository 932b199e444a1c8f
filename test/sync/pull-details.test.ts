// Values only a record's detail answer gives, pulled by an empty laptop from the strict
// stand-in (`serve --hosted`) behind the fault proxy and shown through the engine's own
// operations; a local edit not yet sent survives a pull, and becomes a conflict the user
// decides when the hosted LMS changed the same field.
// Values no documented request can set on the stand-in (a course's access days, for one)
// are written into its SQLite file, as the hosted LMS's own screens would set them.
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConflictView } from '../../src/shared/operations/sync'
import { ok } from '../engine/helpers'
import { request } from '../http/server'
import { configure, createOnServer, expectQueueEmpty, hostedRow, newUser, openLaptop, startHosted, syncUntilSettled, TOKEN, uniqueToken, type Hosted, type Laptop } from './world'

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

const auth = { Authorization: `Bearer ${TOKEN}` }

/** Sets columns of one stand-in row directly (what its documented routes cannot set). */
function setHosted(table: 'courses' | 'classes' | 'users', id: number, values: Record<string, unknown>): void {
  const db = new Database(path.join(hosted.server.dataDir, 'lms.sqlite'), { fileMustExist: true })
  try {
    const columns = Object.keys(values)
    db.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...columns.map((c) => values[c]), id)
  } finally {
    db.close()
  }
}

async function hostedCourse(body: Record<string, unknown>): Promise<number> {
  const answer = await request(hosted.server, 'POST', '/api/course', { headers: auth, body })
  expect(answer.status, answer.text).toBe(200)
  const id = (answer.json as { id?: number }).id ?? Number((await request(hosted.server, 'GET', `/api/courses/tabularlist?page_size=500&page_number=1`, { headers: auth })).json.records.find((r: { slug: string }) => r.slug === body.slug)?.id)
  expect(id).toBeGreaterThan(0)
  return id
}

const localIdOf = (entity: string, serverId: number) =>
  (lap.engine.sql.raw.prepare('SELECT local_id FROM id_map WHERE entity = ? AND server_id = ?').get(entity, serverId) as { local_id: number } | undefined)?.local_id

const conflicts = () => ok<ConflictView[]>(lap.engine.invoke('sync.conflicts', {}))

describe('a course pulled with what GET course/{id} gives', () => {
  let serverId = 0
  let localId = 0
  const t = uniqueToken('cd')

  it('an empty laptop shows the hosted grading rule, pass mark, credits, duration and instructions', async () => {
    serverId = await hostedCourse({
      name: `Details ${t}`,
      slug: `details-${t}`,
      status: 'publish',
      gradingRule: 'avg_all_modules',
      minPassingPercentage: 75,
      credits: 12,
      durationRule: 'unlimited',
      instructions: 'Read chapter one first.',
    })
    setHosted('courses', serverId, { duration_rule: 'x_days_after_enrollment', duration_days: 30 })
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    localId = localIdOf('course', serverId)!
    expect(localId).toBeGreaterThan(0)
    expect(lap.call('courses.get', { id: localId })).toMatchObject({
      name: `Details ${t}`,
      gradingRule: 'avg_all_modules',
      minPassingPercentage: 75,
      credits: 12,
      durationRule: 'x_days_after_enrollment',
      durationDays: 30,
      durationSpecificDate: null,
      instructions: 'Read chapter one first.',
    })
    expect(conflicts()).toEqual([])
    // Back to unlimited there (the stand-in refuses an update of a days rule: PUT course/{id} has no days parameter): taken here.
    setHosted('courses', serverId, { duration_rule: 'unlimited', duration_days: null })
    await syncUntilSettled(lap)
    expect(lap.call('courses.get', { id: localId })).toMatchObject({ durationRule: 'unlimited', durationDays: null })
    expect(conflicts()).toEqual([])
  }, 60_000)

  it('a local edit not yet sent survives a pull; a field changed on both sides becomes a conflict', async () => {
    const course = lap.call('courses.get', { id: localId })
    // The course as the edit form sends it back: courses.get's answer types its rules as plain text.
    ok(lap.raw('courses.update', { ...course, id: localId, credits: 20, minPassingPercentage: 80, instructions: 'Read chapter two first.' }))
    // Meanwhile on the hosted LMS: the pass mark changed too (to another value), the grading rule alone there.
    setHosted('courses', serverId, { min_passing_percentage: 60, grading_rule: 'no_grading' })
    expect(lap.queue().map((r) => r.operation)).toEqual(['courses.update'])
    // Each run pulls before it pushes: the pull meets the edit unsent.
    await lap.syncNow()
    const after = lap.call('courses.get', { id: localId })
    expect(after).toMatchObject({ credits: 20, minPassingPercentage: 80, instructions: 'Read chapter two first.', gradingRule: 'no_grading' })
    const open = conflicts().filter((c) => c.entity === 'course' && c.localId === localId)
    expect(open.map((c) => [c.field, c.mine, c.theirs])).toEqual([['minPassingPercentage', 80, 60]])
    expect(open[0].label).toContain('Pass mark')
    // Theirs: the hosted pass mark is taken here, and the queued update carries it.
    lap.call('sync.resolve', { id: open[0].id, choice: 'theirs' })
    expect(lap.call('courses.get', { id: localId })).toMatchObject({ minPassingPercentage: 60, credits: 20 })
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    expect(lap.call('courses.get', { id: localId })).toMatchObject({ minPassingPercentage: 60, credits: 20, instructions: 'Read chapter two first.' })
    await lap.syncNow()
    // The update carried no instructions (PUT course/{id} has no such parameter) and the
    // stand-in cleared them: the laptop keeps its own and asks rather than take the blank.
    const cleared = conflicts()
    expect(cleared.map((c) => [c.field, c.mine, c.theirs])).toEqual([['instructions', 'Read chapter two first.', null]])
    lap.call('sync.resolve', { id: cleared[0].id, choice: 'mine' })
    await syncUntilSettled(lap)
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    expect(lap.call('courses.get', { id: localId })).toMatchObject({ instructions: 'Read chapter two first.' })
    expect(conflicts()).toEqual([])
  }, 60_000)

  it('a date rule arrives with its date, and later pulls leave it as it is', async () => {
    setHosted('courses', serverId, { duration_rule: 'on_specific_date', duration_specific_date: '2027-03-31', duration_days: null })
    await syncUntilSettled(lap)
    await syncUntilSettled(lap)
    const pulled = lap.call('courses.get', { id: localId })
    expect(pulled).toMatchObject({ durationRule: 'on_specific_date', durationDays: null })
    expect(new Date(String(pulled.durationSpecificDate)).toISOString().slice(0, 10)).toBe('2027-03-31')
    expectQueueEmpty(lap)
    expect(conflicts()).toEqual([])
  }, 60_000)
})


describe('a class pulled with what GET class/edit gives', () => {
  let serverClass = 0
  let localClass = 0
  const t = uniqueToken('wb')

  const classDetails = () => (lap.call('classes.edit', { classId: localClass }) as { classDetails: Record<string, unknown> }).classDetails

  it('an empty laptop shows the hosted webinar provider and Zoom details', async () => {
    const course = await hostedCourse({ name: `Webinar ${t}`, slug: `webinar-${t}`, status: 'publish', gradingRule: 'no_grading', durationRule: 'unlimited' })
    // Locations and instructors have no documented create: set up on the hosted LMS's side.
    const db = new Database(path.join(hosted.server.dataDir, 'lms.sqlite'), { fileMustExist: true })
    try {
      db.prepare("INSERT INTO locations (id, name, address, created_at) VALUES (41, 'Online', NULL, '2024-01-01T00:00:00.000Z')").run()
      db.prepare("INSERT INTO instructors (id, user_id, name, email, created_at) VALUES (42, NULL, 'Ida Berg', NULL, '2024-01-01T00:00:00.000Z')").run()
    } finally {
      db.close()
    }
    const created = await request(hosted.server, 'POST', '/api/class/create', {
      headers: auth,
      body: { courseId: course, instructor: 42, location: 41, type: 'onetime', starttime: '2027-01-10 09:00:00', endTime: '2027-01-10 12:00:00', webinarProvider: 'zoom', zoom_meeting_id: '812 3456 7890', zoom_host_pwd: 'h0st-pw', allowDownload: false, disabled: false },
    })
    expect(created.status, created.text).toBe(200)
    serverClass = hostedRow<{ id: number }>(hosted, 'SELECT id FROM classes WHERE course_id = ?', course)!.id
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    localClass = localIdOf('class', serverClass)!
    expect(localClass).toBeGreaterThan(0)
    expect(classDetails()).toMatchObject({
      webinarProvider: 'zoom',
      zoom_meeting_id: '812 3456 7890',
      zoom_host_pwd: 'h0st-pw',
    })
    expect(conflicts()).toEqual([])
  }, 60_000)

  it('a local edit not yet sent survives a pull; a field changed on both sides becomes a conflict', async () => {
    lap.call('classes.update', { id: localClass, zoom_meeting_id: '900 0000 0001', zoom_host_pwd: 'mine-pw' })
    expect(lap.queue().map((r) => r.operation)).toEqual(['classes.update'])
    // On the hosted LMS: a new meeting id, the password as it was, the class an hour later (its schedule entry changes).
    setHosted('classes', serverClass, { zoom_meeting_id: '555 0000 0002', start_at: '2027-01-10T10:00:00.000Z' })
    await lap.syncNow()
    expect(classDetails()).toMatchObject({ webinarProvider: 'zoom', zoom_meeting_id: '900 0000 0001', zoom_host_pwd: 'mine-pw' })
    const open = conflicts().filter((c) => c.entity === 'class')
    expect(open.map((c) => [c.field, c.mine, c.theirs])).toEqual([['zoom_meeting_id', '900 0000 0001', '555 0000 0002']])
    expect(open[0].label).toContain('Zoom meeting id')
    // Mine: this laptop's meeting id goes to the hosted LMS.
    lap.call('sync.resolve', { id: open[0].id, choice: 'mine' })
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    expect(hostedRow(hosted, 'SELECT zoom_meeting_id, zoom_host_pwd FROM classes WHERE id = ?', serverClass)).toEqual({ zoom_meeting_id: '900 0000 0001', zoom_host_pwd: 'mine-pw' })
    expect(conflicts()).toEqual([])
  }, 60_000)
})

/** A user created on the hosted LMS, with these columns set there, pulled by the laptop. */
async function pulledUser(prefix: string, firstName: string, values: Record<string, unknown>): Promise<{ t: string; email: string; serverUser: number; localUser: number }> {
  const t = uniqueToken(prefix)
  const email = `${t}@example.org`
  const serverUser = await createOnServer(hosted, { firstName, lastName: 'Pulled', email })
  setHosted('users', serverUser, values)
  await syncUntilSettled(lap)
  const localUser = localIdOf('user', serverUser)!
  expect(localUser).toBeGreaterThan(0)
  return { t, email, serverUser, localUser }
}

describe('a user pulled with what the users list gives', () => {
  it("an empty laptop shows the hosted user's created date, not the time of the pull", async () => {
    const { t, email, localUser } = await pulledUser('cr', 'Created', { created_at: '2020-08-06T07:20:00.000Z' })
    const listed = lap.call('users.tabularList', { page_size: 10, page_number: 1, search_param: JSON.stringify({ nameOrEmail: email }) }) as { records: { email: string; created_at: string }[] }
    expect(listed.records.map((r) => [r.email, r.created_at])).toEqual([[email, 'Aug 06, 2020 07:20 AM']])
    // The hosted date stands on later pulls, and for a user created here once the hosted LMS lists it.
    const mine = lap.call('users.create', newUser(`${t}-here@example.org`, 'Made')) as { id: number }
    await syncUntilSettled(lap)
    await lap.syncNow()
    const serverMine = lap.serverId('user', mine.id)!
    setHosted('users', serverMine, { created_at: '2021-02-03T04:05:00.000Z' })
    await lap.syncNow()
    const rows = lap.engine.sql.raw.prepare('SELECT id, created_at FROM users WHERE id IN (?, ?) ORDER BY id').all(localUser, mine.id)
    expect(rows).toEqual([
      { id: localUser, created_at: '2020-08-06T07:20:00.000Z' },
      { id: mine.id, created_at: '2021-02-03T04:05:00.000Z' },
    ])
    expect(conflicts()).toEqual([])
  }, 60_000)
})

describe("a user's last login, from GET users/report", () => {
  it('an empty laptop shows the date users/report gives; a later login there is taken', async () => {
    const { email, serverUser, localUser } = await pulledUser('ll', 'Logged', { last_login_at: '2020-10-09T08:30:00.000Z' })
    const reported = () =>
      (lap.call('users.report', { page_size: 500, page_number: 1 }) as { records: { email: string; last_login: string }[] }).records.find((r) => r.email === email)?.last_login
    expect(reported()).toBe('Oct 09, 2020')
    setHosted('users', serverUser, { last_login_at: '2021-03-15T10:00:00.000Z' })
    const before = hosted.proxy.log.length
    await lap.syncNow()
    expect(reported()).toBe('Mar 15, 2021')
    // One users/report page a run here (fewer users than a page).
    expect(hosted.proxy.log.slice(before).filter((e) => e.method === 'GET' && e.path.startsWith('/api/users/report')).length).toBe(1)
  }, 60_000)
})

describe('whether a user is disabled, from GET user/{id}', () => {
  it('an empty laptop shows the hosted flag; an unsent change here survives a pull; a change there is taken', async () => {
    const { email, serverUser, localUser } = await pulledUser('ds', 'Dis', { disabled: 1 })
    const disabled = () => (lap.call('users.get', { id: localUser }) as { disabled: boolean }).disabled
    expect(disabled()).toBe(true)

    // Enabled here, not yet sent: the next pull (hosted unchanged) keeps it, then it is sent.
    lap.call('users.update', { id: localUser, firstName: 'Dis', lastName: 'Pulled', email, disabled: false })
    expect(lap.queue().map((r) => r.operation)).toEqual(['users.update'])
    await syncUntilSettled(lap)
    expectQueueEmpty(lap)
    expect(disabled()).toBe(false)
    expect(hostedRow(hosted, 'SELECT disabled FROM users WHERE id = ?', serverUser)).toEqual({ disabled: 0 })

    // Disabled there again: taken here.
    setHosted('users', serverUser, { disabled: 1 })
    await lap.syncNow()
    expect(disabled()).toBe(true)
    expect(conflicts()).toEqual([])
  }, 60_000)
})
