// User and course administration pushed from the laptop to a stand-in hosted LMS (a real
// engine over HTTP behind the fault proxy): addresses, custom fields, membership, the
// new-account email, slug, clone, quick edit, auto-enroll and the enrollment actions.
// Creates whose answers are lost are found again, never posted twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { request } from '../http/server'
import { configure, expectQueueEmpty, newCourse, newUser, openLaptop, startHosted, syncUntilSettled, TOKEN, uniqueToken, type Hosted, type Laptop } from './world'

let hosted: Hosted
let laptop: Laptop
beforeEach(async () => {
  hosted = await startHosted()
  laptop = await openLaptop()
  configure(laptop, hosted)
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
const address = (fullName: string, isDefault: boolean) => ({ fullName, addressLine1: '1 Quay St', addressLine2: '', zipcode: 'D02', city: 'Dublin', state: '', country: 'IE', isDefault })

describe('administration pushed to the hosted LMS', () => {
  it('arrives with the same effects as on the laptop', async () => {
    const token = uniqueToken()
    const user = laptop.call('users.create', newUser(`admin.${token}@example.org`)).id
    const first = laptop.call('users.addAddress', { id: user, ...address('Home', true) }).id
    const second = laptop.call('users.addAddress', { id: user, ...address('Office', true) }).id
    laptop.call('users.updateAddress', { id: first, ...address('Home (new door)', false) })
    const course = laptop.call('courses.create', newCourse(`Admin course ${token}`, `admin-${token}`)).id
    const clone = laptop.call('courses.clone', { course_id: course, course_name: `Admin clone ${token}`, isDeepCopy: false }).id
    laptop.call('courses.updateSlug', { id: clone, slug: `admin-clone-${token}` })
    laptop.call('courses.enroll', { id: course, studentIds: [user] })
    const enrollment = (laptop.engine.sql.raw.prepare('SELECT id FROM enrollments WHERE course_id = ? AND user_id = ?').get(course, user) as { id: number }).id
    laptop.call('courses.revoke', { id: course, enrollmentIds: [enrollment] })
    laptop.call('courses.setExpiry', { id: course, enrollmentIds: [enrollment], expiryDate: '2031-01-31' })
    laptop.call('courses.quickEdit', { course_ids: [course], author_id: user })
    laptop.call('courses.autoEnrollUpdate', { id: [clone] })
    laptop.call('users.customUserFieldsUpdate', { fields: [{ type: 'dropdown', label: 'Shift', optionLabel: ['Early', 'Late'] }] })
    laptop.call('users.updateMembership', { id: user, membership: { id: 7, name: 'Team Plan', expired_at: null } })
    expect(laptop.call('email.resendNewAccountEmail', { user_id: user })[0].status).toBe('queued')

    await syncUntilSettled(laptop)
    expectQueueEmpty(laptop)

    const serverUser = laptop.serverId('user', user)!
    const serverAddresses = await get(`/api/user/userAddress/${serverUser}`)
    expect(serverAddresses.map((a: any) => [a.fullName, a.isDefault])).toEqual([
      ['Home (new door)', false],
      ['Office', true],
    ])
    expect(laptop.serverId('address', second)).toBe(serverAddresses[1].id)
    const serverClone = laptop.serverId('course', clone)!
    expect(serverClone).not.toBe(laptop.serverId('course', course))
    expect(await get(`/api/course/${serverClone}`)).toMatchObject({ name: `Admin clone ${token}`, slug: `admin-clone-${token}` })
    const students = await get(`/api/course/enrolled-students?course_id=${laptop.serverId('course', course)}&group_id=1&page_size=50&page_number=1`)
    expect(students.records).toMatchObject([{ user_id: serverUser, access_status: 'Revoked', expire_on: '31-Jan-2031' }])
    expect(await get('/api/courses/auto-enroll-courses')).toEqual([{ value: String(serverClone), label: `Admin clone ${token}` }])
    expect((await get('/api/users/customUserFields')).fields.map((f: any) => [f.label, f.optionLabel])).toEqual([['Shift', ['Early', 'Late']]])
    expect((await get('/api/membership/user-contents?page_size=50&page_number=1')).records.map((r: any) => r.id)).toContain(serverUser)
  })

  it("maps a deep clone's module copies to the hosted copies, so editing a copy reaches the hosted copy", async () => {
    const token = uniqueToken()
    const assignment = laptop.call('assignments.create', { name: `Essay ${token}`, content: 'Write it.', submission_type: 'text', totalPoints: 10, allowed_filetypes: [] }).id
    const course = laptop.call('courses.create', { ...newCourse(`Deep ${token}`, `deep-${token}`), modules: [{ module_id: assignment }] }).id
    await syncUntilSettled(laptop)
    const clone = laptop.call('courses.clone', { course_id: course, course_name: `Deep copy ${token}`, isDeepCopy: true }).id
    await syncUntilSettled(laptop)
    const copy = (laptop.engine.sql.raw.prepare('SELECT module_id FROM course_modules WHERE course_id = ?').get(clone) as { module_id: number }).module_id
    expect(copy).not.toBe(assignment)
    const serverCopy = laptop.serverId('module', copy)!
    const serverClone = await get(`/api/course/${laptop.serverId('course', clone)}`)
    expect(serverClone.modules.map((m: any) => m.module_id)).toEqual([serverCopy])
    expect(serverCopy).not.toBe(laptop.serverId('module', assignment))
    laptop.call('assignments.update', { id: copy, name: `Essay ${token} (copy)`, content: 'Write it twice.', submission_type: 'text', totalPoints: 10, allowed_filetypes: [] })
    await syncUntilSettled(laptop)
    expectQueueEmpty(laptop)
    expect((await get(`/api/modules/assignment/${serverCopy}`)).name).toBe(`Essay ${token} (copy)`)
    expect((await get(`/api/modules/assignment/${laptop.serverId('module', assignment)}`)).name).toBe(`Essay ${token}`)
  })

  it('finds an address and a clone whose answers were lost instead of creating them twice', async () => {
    const token = uniqueToken()
    const user = laptop.call('users.create', newUser(`lost.${token}@example.org`)).id
    const course = laptop.call('courses.create', newCourse(`Lost course ${token}`, `lost-${token}`)).id
    await syncUntilSettled(laptop)
    laptop.call('users.addAddress', { id: user, ...address('Depot', false) })
    const clone = laptop.call('courses.clone', { course_id: course, course_name: `Lost clone ${token}`, isDeepCopy: true }).id
    hosted.proxy.addRule({ method: 'POST', path: /\/addAddress$/, nth: 1, fault: { kind: 'lose-response' } })
    hosted.proxy.addRule({ method: 'POST', path: /\/api\/course\/clone$/, nth: 1, fault: { kind: 'lose-response' } })
    await syncUntilSettled(laptop)
    expectQueueEmpty(laptop)
    const lost = hosted.proxy.log.filter((e) => e.fault === 'lose-response').map((e) => e.path)
    expect(lost).toEqual([expect.stringMatching(/\/addAddress$/), '/api/course/clone'])
    expect(hosted.proxy.upstreamCount('POST', /\/addAddress$/)).toBe(1)
    expect(hosted.proxy.upstreamCount('POST', /\/api\/course\/clone$/)).toBe(1)
    expect(await get(`/api/user/userAddress/${laptop.serverId('user', user)}`)).toHaveLength(1)
    const clones = (await get(`/api/courses/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ courseName: `Lost clone ${token}` }))}`)).records
    expect(clones.map((c: any) => c.id)).toEqual([laptop.serverId('course', clone)])
  })
})
