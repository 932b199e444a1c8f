// Hostile input to the user and course administration routes over HTTP: every parameter of
// every documented example replaced by values of the wrong type, size or content, and every
// path id by non-ids. Each answer is a 4xx or a 2xx, never a 500, and the server keeps
// its data.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { courseAdminOperations } from '../../src/shared/operations/course-admin'
import { courseReportOperations } from '../../src/shared/operations/course-reports'
import { userAccountOperations } from '../../src/shared/operations/user-account'
import { userAddressOperations } from '../../src/shared/operations/user-addresses'
import { userFieldOperations } from '../../src/shared/operations/user-fields'
import { userReportOperations } from '../../src/shared/operations/user-reports'
import { announcementOperations } from '../../src/shared/operations/announcements'
import { badgeOperations } from '../../src/shared/operations/badges'
import { categoryOperations } from '../../src/shared/operations/categories'
import { couponOperations } from '../../src/shared/operations/coupons'
import { accredibleOperations } from '../../src/shared/operations/accredible'
import { twoFactorOperations } from '../../src/shared/operations/two-factor'
import { repoRoot, request, startServer, type RunningServer } from './server'

interface Endpoint {
  method: string
  path: string
  example?: { url: string; body?: Record<string, unknown> | null; query?: Record<string, string> | null }
}
const endpoints = (JSON.parse(fs.readFileSync(path.resolve(repoRoot, '../shared/api/endpoints.json'), 'utf8')) as { endpoints: Endpoint[] }).endpoints

const ours = [...userFieldOperations, ...userAddressOperations, ...userReportOperations, ...userAccountOperations, ...courseAdminOperations, ...courseReportOperations]
// The catalog groups and two-factor authentication too; not coupons/lookup, whose one
// parameter is free text (any value is a search, none is refused).
const catalog = [...announcementOperations, ...badgeOperations, ...categoryOperations, ...couponOperations, ...accredibleOperations, ...twoFactorOperations]
ours.push(...(catalog.filter((op) => op.name !== 'coupons.lookup') as unknown as typeof ours))

const HOSTILE_VALUES: unknown[] = [
  null,
  [],
  {},
  [[[[]]]],
  'x'.repeat(20_000),
  "1'; DROP TABLE users; --",
  '{"colName":"password_hash","direction":"asc"}',
  -1,
  1e300,
  true,
  Array.from({ length: 20_000 }, (_, i) => i),
]
const HOSTILE_IDS = ['0', '-1', 'abc', '1e3', '99999999999999999999', '%00', '1;2']

let server: RunningServer
let usersBefore: number
beforeAll(async () => {
  server = await startServer({ demo: true })
  usersBefore = (await request(server, 'GET', '/api/users/tabularlist')).json.recordsTotal
})
afterAll(async () => {
  await server?.stop()
})

describe('administration routes under hostile input', () => {
  for (const op of ours) {
    const endpoint = endpoints.find((e) => e.method === op.method && e.path === op.route)
    it(`${op.method} ${op.route} never answers 5xx`, async () => {
      expect(endpoint, `${op.route} is documented`).toBeDefined()
      const example = endpoint!.example!
      const examplePath = new URL(example.url).pathname
      const params: Record<string, unknown> = { ...(example.query ?? {}), ...(example.body ?? {}) }
      const send = async (pathname: string, input: Record<string, unknown>) => {
        let target = pathname
        let body: Record<string, unknown> | undefined
        if (op.method === 'GET') {
          const query = new URLSearchParams()
          for (const [k, v] of Object.entries(input)) query.set(k, typeof v === 'string' ? v : JSON.stringify(v))
          // Kept under Node's 16 KiB header limit so the values reach the router: past it Node
          // answers 431 and closes the socket while the client may still be writing (ECONNRESET).
          target += `?${query.toString().slice(0, 12_000)}`
        } else body = input
        const answer = await request(server, op.method, target, { body })
        expect(answer.status, `${op.method} ${target.slice(0, 200)} ${JSON.stringify(body)?.slice(0, 200)} answered ${answer.text.slice(0, 300)}`).toBeLessThan(500)
        // 431: Node itself refuses a request line over its header limit, before the router.
        if (answer.status >= 400 && answer.status !== 431) expect(typeof answer.json?.message, answer.text.slice(0, 200)).toBe('string')
        return answer.status
      }
      const statuses: number[] = []
      for (const key of Object.keys(params)) {
        for (const value of HOSTILE_VALUES) statuses.push(await send(examplePath, { ...params, [key]: value }))
      }
      if (op.route!.includes('{id}')) {
        for (const id of HOSTILE_IDS) statuses.push(await send(op.route!.replace('{id}', encodeURIComponent(id)).replace(/^api/, '/api'), params))
      }
      // Where there was something to spoil, at least one request was refused: the checks above ran on real refusals.
      if (statuses.length) expect(statuses.some((s) => s === 422 || s === 404 || s === 400)).toBe(true)
    })
  }

  it('still answers and still has its users', async () => {
    const answer = await request(server, 'GET', '/api/users/tabularlist')
    expect(answer.status).toBe(200)
    expect(answer.json.recordsTotal).toBe(usersBefore)
  })
})
