// The strict stand-in of the hosted LMS (`serve --hosted`), checked against the reference
// as data (../shared/api/endpoints.json): it answers with the documented keys only, writes
// ids and dates as the reference shows them, reads each parameter only where the reference
// puts it (JSON bodies on GET too), requires what the reference requires (Laravel's 422),
// ignores undocumented filters and has no Idempotency-Key. Sync tests run against it.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, request, startServer, type RunningServer } from '../http/server'

const endpoints = (JSON.parse(fs.readFileSync(path.resolve(repoRoot, '../shared/api/endpoints.json'), 'utf8')) as {
  endpoints: { method: string; path: string; example?: { response?: unknown } }[]
}).endpoints
const documented = (method: string, route: string) => endpoints.find((e) => e.method === method && e.path === route)!.example!.response as any

/** Every key path of a value ($.records[].id), objects and list elements alike. */
function keyPaths(value: unknown, where = '$', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keyPaths(item, `${where}[]`, out)
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      out.add(`${where}.${key}`)
      keyPaths(inner, `${where}.${key}`, out)
    }
  }
  return out
}

const TOKEN = 'strict-token'
const auth = { Authorization: `Bearer ${TOKEN}` }

describe('serve --hosted: the strict stand-in', () => {
  let hosted: RunningServer
  let lenient: RunningServer
  beforeAll(async () => {
    ;[hosted, lenient] = await Promise.all([startServer({ demo: true, token: TOKEN, hosted: true }), startServer({ demo: true, token: TOKEN })])
  })
  afterAll(async () => {
    await Promise.all([hosted?.stop(), lenient?.stop()])
  })
  const get = (server: RunningServer, url: string, body?: unknown) => request(server, 'GET', url, { headers: auth, body })

  it('answers with the documented keys only, in nested objects and list elements too', async () => {
    const cases: [string, string, string][] = [
      ['GET', 'api/users/tabularlist', '/api/users/tabularlist?page_size=5&page_number=1'],
      ['GET', 'api/course/{id}', '/api/course/1'],
      ['GET', 'api/course/submissions', '/api/course/submissions?course_id=1&page_size=5&page_number=1'],
      ['GET', 'api/module/assignment/submissions', '/api/module/assignment/submissions?statusRowId=7'],
      ['GET', 'api/class/get-class-schedules', '/api/class/get-class-schedules?courseId=34'],
      ['GET', 'api/users/enrolled-courses', '/api/users/enrolled-courses?user_id=4&page_size=10&page_number=1'],
    ]
    for (const [method, route, url] of cases) {
      const [strict, loose] = await Promise.all([get(hosted, url), get(lenient, url)])
      expect(strict.status, strict.text).toBe(200)
      const allowed = keyPaths(documented(method, route))
      const extra = [...keyPaths(strict.json)].filter((k) => !allowed.has(k))
      expect(extra, `${url} answered keys the reference does not document`).toEqual([])
      // The lenient server answers more than the reference documents: the strict one cuts it.
      expect(keyPaths(loose.json).size, url).toBeGreaterThanOrEqual(keyPaths(strict.json).size)
    }
    const detail = (await get(hosted, '/api/module/assignment/submissions?statusRowId=7')).json
    expect(detail).not.toHaveProperty('student')
    expect(detail).not.toHaveProperty('evaluations')
    expect(detail.submissions[0]).toHaveProperty('points_awarded')
  })

  it('writes ids and dates as the reference shows them', async () => {
    // class/edit documents "courseId": "34": an id as a string.
    const cls = (await get(hosted, '/api/class/edit?classId=1')).json
    expect(typeof cls.classDetails.courseId).toBe('string')
    expect(cls.classDetails.courseId).toMatch(/^\d+$/)
    const users = (await get(hosted, '/api/users/tabularlist?page_size=3&page_number=1')).json
    expect(users.records[0].created_at).toMatch(/^[A-Z][a-z]{2} \d{2}, \d{4} \d{2}:\d{2} [AP]M$/)
    const enrolled = (await get(hosted, '/api/users/enrolled-courses?user_id=4&page_size=10&page_number=1')).json
    expect(enrolled.records.length).toBeGreaterThan(0)
    expect(enrolled.records[0].registered_on).toMatch(/^[A-Z][a-z]{2} \d{2}, \d{4}$/)
  })

  it('requires what the reference requires, answering in Laravel\'s 422 shape', async () => {
    const noGroup = await get(hosted, '/api/course/enrolled-students?course_id=1&page_size=5&page_number=1')
    expect(noGroup.status).toBe(422)
    expect(noGroup.json).toEqual({ message: 'The given data was invalid.', errors: { group_id: ['The group id field is required.'] } })
    const user = await request(hosted, 'PUT', '/api/user/4', { headers: auth, body: { firstName: 'John', lastName: 'Doe', email: 'john.doe@demo.aomlms.com', disabled: false } })
    expect(user.status).toBe(422)
    expect(Object.keys(user.json.errors).sort()).toEqual(['avatar', 'lastLoggedIn'])
    // The lenient server takes the same request.
    const lenientUser = await request(lenient, 'PUT', '/api/user/4', { headers: auth, body: { firstName: 'John', lastName: 'Doe', email: 'john.doe@demo.aomlms.com', disabled: false } })
    expect(lenientUser.status).toBe(200)
  })

  it('reads a parameter only where the reference puts it', async () => {
    // class/enroll/{id} documents studentIds in the query string.
    const created = await request(hosted, 'POST', '/api/user/create', {
      headers: auth,
      body: { firstName: 'Walk', lastName: 'In', email: 'walk.in.strict@example.org', password: 'walk-in-password', password_confirmation: 'walk-in-password' },
    })
    expect(created.status, created.text).toBe(200)
    const inBody = await request(hosted, 'POST', '/api/class/enroll/1', { headers: auth, body: { studentIds: [created.json.id] } })
    expect(inBody.status).toBe(422)
    const inQuery = await request(hosted, 'POST', `/api/class/enroll/1?studentIds[]=${created.json.id}`, { headers: auth })
    expect(inQuery.status, inQuery.text).toBe(200)
    expect(inQuery.json).toEqual({ message: expect.any(String), enrolledUsersCount: 1, notEnrolledUsers: [] })
  })

  it('reads JSON bodies on GET routes that document body parameters, in both modes', async () => {
    for (const server of [hosted, lenient]) {
      const answer = await get(server, '/api/users/can-delete-field', { fieldToDelete: JSON.stringify({ id: 1, type: 'text' }) })
      expect(answer.status, answer.text).toBe(200)
      expect(answer.json).toHaveProperty('canDeleteField')
      const subscriptions = await get(server, '/api/user-subscriptions', { user_id: 4, page_size: 10, page_number: 1 })
      expect(subscriptions.status, subscriptions.text).toBe(200)
    }
    // Sent in the query string, the strict one does not see them (the reference puts them in the body).
    expect((await get(hosted, '/api/user-subscriptions?user_id=4&page_size=10&page_number=1')).status).toBe(422)
  })

  it('ignores filters the reference does not document for the route', async () => {
    // users/tabularlist documents courseCategoryIds and courseName; nameOrEmail is not one of them.
    const all = (await get(hosted, '/api/users/tabularlist?page_size=1&page_number=1')).json
    const filtered = (await get(hosted, `/api/users/tabularlist?page_size=1&page_number=1&search_param=${encodeURIComponent('{"nameOrEmail":"john.doe"}')}`)).json
    expect(filtered.recordsFiltered).toBe(all.recordsFiltered)
    const lenientFiltered = (await get(lenient, `/api/users/tabularlist?page_size=1&page_number=1&search_param=${encodeURIComponent('{"nameOrEmail":"john.doe"}')}`)).json
    expect(lenientFiltered.recordsFiltered).toBeLessThan(all.recordsFiltered)
  })

  it('honours no Idempotency-Key: the same create sent twice is made twice', async () => {
    const send = () =>
      request(hosted, 'POST', '/api/category/create', { headers: { ...auth, 'Idempotency-Key': 'same-key-1' }, body: { category_name: 'Twice sent', categoryType: 'module' } })
    expect((await send()).status).toBe(200)
    const second = await send()
    // The lenient server would answer the first response again; the hosted LMS sees a second create.
    expect(second.status).toBe(422)
    expect(second.json.errors.category_name[0]).toMatch(/already|taken/i)
  })

  it('has no app operations', async () => {
    expect((await request(hosted, 'POST', '/app/users.tabularList', { headers: auth, body: {} })).status).toBe(404)
  })
})

describe('serve --hosted --hosted-variants: what real servers vary within the reference', () => {
  let hosted: RunningServer
  beforeAll(async () => {
    hosted = await startServer({ demo: true, token: TOKEN, hosted: ['string-ids', 'nulls'] })
  })
  afterAll(async () => {
    await hosted?.stop()
  })

  it('writes ids as numeric strings and empty texts as null', async () => {
    const users = (await request(hosted, 'GET', '/api/users/tabularlist?page_size=3&page_number=1', { headers: auth })).json
    expect(typeof users.records[0].id).toBe('string')
    const course = (await request(hosted, 'GET', '/api/course/1', { headers: auth })).json
    expect(course.modules[0].module_id).toMatch(/^\d+$/)
    expect(course.certificateTemplates.every((id: unknown) => typeof id === 'number')).toBe(true)
    const enrolled = (await request(hosted, 'GET', '/api/users/enrolled-courses?user_id=4&page_size=10&page_number=1', { headers: auth })).json
    expect(enrolled.records[0].courseId).toMatch(/^\d+$/)
    const detail = (await request(hosted, 'GET', '/api/module/assignment/submissions?statusRowId=7', { headers: auth })).json
    expect(detail.submissions[0].evaluated_by).toBeNull()
  })
})
