// The laptop's engine pushes its queue to the strict stand-in hosted LMS (`serve --hosted`,
// a second real engine over HTTP on 127.0.0.1) through the fault proxy: creates get server
// ids, dependents follow their parents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestEngine, type OpenedTestEngine } from '../engine/helpers'
import { request } from '../http/server'
import { startHosted, TOKEN, type Hosted } from './world'

let hosted: Hosted
let laptop: OpenedTestEngine

beforeAll(async () => {
  hosted = await startHosted({ demo: true })
  laptop = await openTestEngine({ clock: undefined })
  laptop.engine.sync.stop()
})
afterAll(async () => {
  laptop?.dispose()
  await hosted?.stop()
})

const auth = { Authorization: `Bearer ${TOKEN}` }

describe('push to the hosted LMS', () => {
  it('creates a user and a course, enrolls the user, and maps the server ids', async () => {
    laptop.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
    const email = `laptop.${Date.now()}@example.org`
    const userId = laptop.call('users.create', { firstName: 'Lap', lastName: 'Top', email, password: 'longpassword', password_confirmation: 'longpassword' }).id
    const courseId = laptop.call('courses.create', { name: 'Offline course', slug: `offline-${Date.now()}`, gradingRule: 'no_grading', durationRule: 'unlimited', status: 'draft' }).id
    laptop.call('courses.enroll', { id: courseId, studentIds: [userId] })

    const summary = await laptop.async.call('sync.now', {})
    expect(summary).toMatchObject({ pushed: 3, parked: 0, stoppedBecause: null })
    const status = laptop.call('sync.status', {})
    expect(status).toMatchObject({ configured: true, pending: 0, sending: 0, parked: 0, tokenStorage: 'file' })
    expect(status.tokenWarning).toMatch(/file only your user account can read/)

    const mapped = (entity: string, localId: number) =>
      (laptop.engine.sql.raw.prepare('SELECT server_id FROM id_map WHERE entity = ? AND local_id = ?').get(entity, localId) as { server_id: number } | undefined)?.server_id
    const serverUser = mapped('user', userId)!
    const serverCourse = mapped('course', courseId)!
    expect(serverUser).toBeGreaterThan(0)
    expect(serverCourse).toBeGreaterThan(0)
    const enrollment = laptop.engine.sql.raw.prepare('SELECT id FROM enrollments WHERE user_id = ? AND course_id = ?').get(userId, courseId) as { id: number }
    expect(mapped('enrollment', enrollment.id)).toBeGreaterThan(0)
    const students = await request(hosted.server, 'GET', `/api/course/enrolled-students?course_id=${serverCourse}&group_id=1&page_size=10&page_number=1`, { headers: auth })
    expect(students.json.records.map((r: { user_id: number }) => r.user_id)).toEqual([serverUser])
  })
})
