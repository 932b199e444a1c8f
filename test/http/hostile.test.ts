// Hostile list parameters and ids over HTTP: every one gets a 422 in the Laravel shape
// (never a 500), the server keeps answering and the users table is still there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request, startServer, type RunningServer } from './server'

let server: RunningServer
let usersBefore: number
beforeAll(async () => {
  server = await startServer({ demo: true })
  usersBefore = (await request(server, 'GET', '/api/users/tabularlist')).json.recordsTotal
})
afterAll(async () => {
  await server?.stop()
})

const q = (params: Record<string, string>) => new URLSearchParams(params).toString()

/** The list routes with the query each one needs besides the hostile parameter. */
const lists: [string, Record<string, string>][] = [
  ['/api/users/tabularlist', {}],
  ['/api/courses/tabularlist', {}],
  ['/api/audit-activities', {}],
  ['/api/course-activities', { course_id: '1' }],
  ['/api/course/enrolled-students', { course_id: '1' }],
  ['/api/users/enrolled-courses', { user_id: '4' }],
]

const hostileOrderBy = [
  '{"colName":"id; DROP TABLE users","direction":"asc"}',
  '{"colName":"id","direction":"asc; --"}',
  '{"colName":"id","direction":"asc, (SELECT 1)"}',
  '{"colName":"(CASE WHEN 1 THEN id END)","direction":"asc"}',
  '{"colName":"password_hash","direction":"asc"}',
  '{"colName":"sqlite_master.sql","direction":"desc"}',
  '{"colName":"nope","direction":"asc"}',
  '{"colName":["id"],"direction":"asc"}',
  '{"colName":null}',
  '{',
  '[]',
  '"x"',
  '1',
  'null',
  '{"colName":"id"} OR 1=1',
  'id; DROP TABLE users',
  'x'.repeat(2000),
]

const hostileSearch = [
  '{',
  '[]',
  '"x"',
  '42',
  'null',
  '{"nameOrEmail":"x"}}}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"unknownFilter":"x"}',
  '{"id; DROP TABLE users":1}',
  '{"status":{"$ne":null}}',
  '{"status":42}',
  '{"nameOrEmail":["a"]}',
  '{"courseName":{"like":"%"}}',
  '{"user_id":"1 OR 1=1"}',
  '{"dates":"yesterday"}',
  '{"activityName":"DROP"}',
  '{"dates":["not a date"]}',
  `{"nameOrEmail":"${'y'.repeat(300)}"}`,
]

const hostilePageSizes = ['0', '-1', 'abc', '100000', '1e3', '1.5', '', '0x10', '10; DROP TABLE users']

async function expect422(url: string, field: string): Promise<void> {
  const answer = await request(server, 'GET', url)
  expect(answer.status, `${url} -> ${answer.text.slice(0, 300)}`).toBe(422)
  // The documented `{ message, errors }` with the reason codes alongside.
  expect(answer.json).toEqual({
    message: expect.any(String),
    errors: { [field]: expect.arrayContaining([expect.any(String)]) },
    reason: { key: expect.stringMatching(/^reason\./), ...(answer.json.reason?.values ? { values: expect.any(Object) } : {}) },
    error_reasons: { [field]: expect.arrayContaining([expect.objectContaining({ key: expect.stringMatching(/^reason\./) })]) },
  })
}

describe('hostile list parameters get 422, never 500', () => {
  for (const [route, base] of lists) {
    it(`${route}: order_by`, async () => {
      for (const order_by of hostileOrderBy) await expect422(`${route}?${q({ ...base, order_by })}`, 'order_by')
    })

    it(`${route}: search_param`, async () => {
      for (const search_param of hostileSearch) {
        const answer = await request(server, 'GET', `${route}?${q({ ...base, search_param })}`)
        // A filter key one list knows (say "status") is legal on that list; everything
        // else here must be refused. Never a 500.
        expect(answer.status, `${route} ${search_param} -> ${answer.text.slice(0, 300)}`).toBeLessThan(500)
        if (answer.status !== 200) {
          expect(answer.status).toBe(422)
          expect(Object.keys(answer.json.errors)).toEqual(['search_param'])
        }
      }
      // The malformed and unknown ones are refused on every list.
      for (const search_param of ['{', '[]', '"x"', '42', 'null', '{"unknownFilter":"x"}', '{"id; DROP TABLE users":1}', '{"__proto__":{"polluted":true}}']) {
        await expect422(`${route}?${q({ ...base, search_param })}`, 'search_param')
      }
    })

    it(`${route}: page_size and page_number`, async () => {
      for (const page_size of hostilePageSizes) await expect422(`${route}?${q({ ...base, page_size })}`, 'page_size')
      for (const page_number of ['0', '-5', 'last', '99999999999']) await expect422(`${route}?${q({ ...base, page_number })}`, 'page_number')
    })
  }

  it('refuses repeated parameters (arrays where text is expected)', async () => {
    await expect422('/api/users/tabularlist?order_by=id&order_by=email', 'order_by')
    await expect422('/api/users/tabularlist?page_size[]=5', 'page_size')
  })

  it('does not let a prototype key leak into other objects', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('hostile ids get 422 or 404, never 500', () => {
  const ids = ['-1', '0', '1e30', 'abc', '1 OR 1=1', '1; DROP TABLE users', '99999999999999999999', '1.5', '%00', "1'--", '%E0%A4%A']
  it('in path segments', async () => {
    for (const id of ids) {
      for (const route of ['/api/user/', '/api/course/', '/api/course/name/', '/api/enrolled/course/']) {
        const answer = await request(server, 'GET', route + (id.includes('%') ? id : encodeURIComponent(id)))
        expect(answer.status, `${route}${id} -> ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400)
        expect(answer.status).toBeLessThan(500)
        expect(answer.json).toMatchObject({ message: expect.any(String) })
      }
    }
    // A well-formed id that does not exist is a 404.
    expect((await request(server, 'GET', '/api/user/987654')).status).toBe(404)
    expect((await request(server, 'GET', '/api/course/987654')).json).toEqual({
      message: 'Course 987654 not found.',
      reason: { key: 'reason.course_not_found', values: { id: '987654' } },
    })
  })

  it('in query parameters and JSON bodies', async () => {
    for (const id of ['-1', '0', '1e30', 'abc', '1 OR 1=1']) {
      await expect422(`/api/course-activities?${q({ course_id: id })}`, 'course_id')
      await expect422(`/api/users/enrolled-courses?${q({ user_id: id })}`, 'user_id')
    }
    for (const bad of [-1, 0, 1e30, 'abc', '1 OR 1=1', null, true, { id: 1 }, [1]]) {
      const answer = await request(server, 'POST', '/api/user/delete', { body: { delete_ids: [bad] } })
      expect(answer.status, JSON.stringify(bad)).toBe(422)
      expect(Object.keys(answer.json.errors)[0]).toMatch(/^delete_ids/)
    }
    for (const body of [{ delete_ids: '1 OR 1=1' }, { delete_ids: 1 }, { delete_ids: {} }, {}]) {
      expect((await request(server, 'POST', '/api/course/delete', { body })).status, JSON.stringify(body)).toBe(422)
    }
    const enroll = await request(server, 'POST', '/api/course/enroll/1', { body: { studentIds: ['1 OR 1=1'] } })
    expect(enroll.status).toBe(422)
  })
})

describe('after all that', () => {
  it('the server still answers and the users table is intact', async () => {
    const answer = await request(server, 'GET', '/api/users/tabularlist?page_size=5')
    expect(answer.status).toBe(200)
    expect(answer.json.recordsTotal).toBe(usersBefore)
    expect(answer.json.records).toHaveLength(5)
    expect((await request(server, 'GET', '/api/user/1')).json).toMatchObject({ firstName: 'Aom', lastName: 'Staff' })
    expect(server.stderr()).not.toMatch(/failed/)
  })
})
