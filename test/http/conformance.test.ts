// Conformance: every documented example request in endpoints.json whose method and path
// the registry implements is replayed against `serve --demo`; the answer must be 2xx and
// have the documented response shape (keys and value types, recursively; extra keys are
// allowed; a documented null accepts any value; array elements are checked against the
// first documented element).
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operations } from '../../src/shared/operations/index'
import { repoRoot, request, startServer, type RunningServer } from './server'

interface Endpoint {
  group: string
  title: string
  method: string
  path: string
  example?: { url: string; query?: Record<string, string> | null; body?: unknown; status: number; response: unknown } | null
}

// CI has shared/ beside the clone.
const endpointsFile = path.resolve(repoRoot, '../shared/api/endpoints.json')
const endpoints = (JSON.parse(fs.readFileSync(endpointsFile, 'utf8')) as { endpoints: Endpoint[] }).endpoints

// The implemented set comes from the declarations, never from a list kept here.
const routeKey = (method: string, route: string) => `${method.toUpperCase()} ${route.replace(/^\/+/, '')}`
const implemented = new Map(operations.filter((op) => op.route !== null).map((op) => [routeKey(op.method, op.route as string), op.name]))

const documented = endpoints.filter((e) => implemented.has(routeKey(e.method, e.path)) && e.example)
// Reads first, on the untouched demo world; then writes in document order; deletes last,
// so that no example removes a record a later example names.
const isDelete = (e: Endpoint) => /\/delete$/.test(e.path)
const phase = (e: Endpoint) => (e.method === 'GET' ? 0 : isDelete(e) ? 2 : 1)
const replayOrder = documented.map((e, i) => ({ e, i })).sort((a, b) => phase(a.e) - phase(b.e) || a.i - b.i).map(({ e }) => e)

/** Where the actual value departs from the documented shape; empty when it conforms. */
export function shapeMismatches(documentedValue: unknown, actual: unknown, where = '$', unchecked: string[] = []): string[] {
  if (documentedValue === null) return []
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
  if (kind(documentedValue) !== kind(actual)) {
    return [`${where}: documented ${kind(documentedValue)}, got ${kind(actual)} (${JSON.stringify(actual)?.slice(0, 80)})`]
  }
  if (Array.isArray(documentedValue)) {
    const items = actual as unknown[]
    // An empty list on our side says nothing about the element shape: note it.
    if (documentedValue.length > 0 && items.length === 0) unchecked.push(where)
    if (documentedValue.length === 0 || items.length === 0) return []
    // The reference's lists sometimes show two forms of one element (a module never opened
    // answers total_time_spent as "" where an opened one has an object): an element must
    // match one of the documented elements.
    return items.flatMap((item, i) => {
      const candidates = documentedValue.map((d) => shapeMismatches(d, item, `${where}[${i}]`, []))
      const best = candidates.reduce((a, b) => (b.length < a.length ? b : a))
      if (best.length === 0) shapeMismatches(documentedValue[candidates.indexOf(best)], item, `${where}[${i}]`, unchecked)
      return best
    })
  }
  if (typeof documentedValue === 'object') {
    const object = actual as Record<string, unknown>
    return Object.entries(documentedValue as Record<string, unknown>).flatMap(([key, value]) =>
      key in object ? shapeMismatches(value, object[key], `${where}.${key}`, unchecked) : [`${where}.${key}: missing`],
    )
  }
  return []
}

/**
 * Defects in the reference's own examples, corrected here and printed with the results.
 * Each correction keeps what the reference's prose says; nothing else is changed.
 */
const DOC_CORRECTIONS: Record<string, { why: string; fix: (url: URL) => void }> = {
  'PUT api/modules/assignment/{id}': {
    why: 'the example URL keeps the literal "{id}"; its body describes "Essay on LMS", module 10',
    fix: (url) => void (url.pathname = url.pathname.replace(/(%7B|\{)id(%7D|\})/, '10')),
  },
  'PUT api/modules/discussion/{id}': {
    why: 'the example URL keeps the literal "{id}"; the GET example of the same module uses 13',
    fix: (url) => void (url.pathname = url.pathname.replace(/(%7B|\{)id(%7D|\})/, '13')),
  },
  'PUT api/course-progress/update/{id}': {
    why: 'the example URL keeps the literal "{id}"; the course-progress/edit example uses course 6',
    fix: (url) => void (url.pathname = url.pathname.replace(/(%7B|\{)id(%7D|\})/, '6')),
  },
  'GET api/modules/discussion': {
    why: 'page_number "aliquid" is not the page number the prose describes; 1 is sent',
    fix: (url) => url.searchParams.set('page_number', '1'),
  },
}

let counter = 0
/** The reference's emails are mangled ("[email protected]", sometimes with a no-break space). */
function withPlausibleEmails(value: unknown): unknown {
  if (typeof value === 'string') {
    return /\[email[\s\u00a0]+protected\]/.test(value) ? `replayed.${Date.now()}.${++counter}@example.org` : value
  }
  if (Array.isArray(value)) return value.map(withPlausibleEmails)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPlausibleEmails(v)]))
  return value
}

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ demo: true })
})
afterAll(async () => {
  await server?.stop()
})

describe('the shape check itself', () => {
  it('accepts extra keys and documented nulls, and rejects missing keys and wrong types', () => {
    expect(shapeMismatches({ a: 1, b: null, c: [{ d: 'x' }] }, { a: 2, b: 'anything', c: [{ d: 'y', e: 1 }], extra: true })).toEqual([])
    expect(shapeMismatches({ a: 1 }, {})).toEqual(['$.a: missing'])
    expect(shapeMismatches({ a: 1 }, { a: '1' })).toHaveLength(1)
    expect(shapeMismatches([{ d: 'x' }], [{ d: 'y' }, { d: 3 }])).toEqual(['$[1].d: documented string, got number (3)'])
    expect(shapeMismatches({ a: { b: true } }, { a: null })).toHaveLength(1)
    expect(shapeMismatches([], [1, 'two'])).toEqual([])
    // Either documented form of an element is accepted; a third form is not.
    expect(shapeMismatches([{ t: { s: 1 } }, { t: '' }], [{ t: '' }, { t: { s: 2 } }])).toEqual([])
    expect(shapeMismatches([{ t: { s: 1 } }, { t: '' }], [{ t: 5 }])).toHaveLength(1)
  })
})

describe('documented examples replayed against serve --demo', () => {
  const results: { key: string; matched: boolean; unchecked: string[] }[] = []

  it('declares only documented routes', () => {
    const documentedKeys = new Set(endpoints.map((e) => routeKey(e.method, e.path)))
    const undocumented = [...implemented.keys()].filter((key) => !documentedKeys.has(key))
    expect(undocumented).toEqual([])
    expect(documented.length).toBeGreaterThanOrEqual(implemented.size)
  })

  for (const endpoint of replayOrder) {
    const key = routeKey(endpoint.method, endpoint.path)
    it(`${key} (${implemented.get(key)})`, async () => {
      const example = endpoint.example!
      const url = new URL(example.url)
      DOC_CORRECTIONS[key]?.fix(url)
      const body = example.body === null || example.body === undefined ? undefined : withPlausibleEmails(example.body)
      const answer = await request(server, endpoint.method, url.pathname + url.search, { body })
      const unchecked: string[] = []
      const mismatches = answer.status >= 200 && answer.status < 300 ? shapeMismatches(example.response ?? null, answer.json, '$', unchecked) : []
      results.push({ key, matched: answer.status >= 200 && answer.status < 300 && mismatches.length === 0, unchecked })
      expect(answer.status, `${key} answered ${answer.text.slice(0, 400)}`).toBeGreaterThanOrEqual(200)
      expect(answer.status).toBeLessThan(300)
      expect(answer.headers['content-type']).toMatch(/^application\/json/)
      expect(mismatches, `${key} answered ${answer.text.slice(0, 400)}`).toEqual([])
    })
  }

  it('replayed and matched every implemented documented example', () => {
    const matched = results.filter((r) => r.matched).length
    const partly = results.filter((r) => r.unchecked.length > 0)
    console.log(
      `conformance: ${results.length} documented examples replayed, ${matched} matched the documented shape` +
        (partly.length ? `; ${partly.length} answered an empty list where the example has items (${partly.map((r) => r.key).join(', ')})` : ''),
    )
    for (const [route, { why }] of Object.entries(DOC_CORRECTIONS)) console.log(`conformance: corrected ${route}: ${why}`)
    expect(results.length).toBe(replayOrder.length)
    expect(matched).toBe(results.length)
  })
})

// The examples above whose filters match nothing in the demo world (search_term "quia",
// userType "10") leave the element shape unchecked; ask again with values the demo world
// has, and hold the elements to the documented first element.
describe('lookup elements have the documented shape', () => {
  const documentedResponse = (method: string, route: string) =>
    endpoints.find((e) => routeKey(e.method, e.path) === routeKey(method, route))!.example!.response
  const cases = [
    ['GET', 'api/users/getUsersByType', '/api/users/getUsersByType?userType=general'],
    ['POST', 'api/course/lookup', '/api/course/lookup?search_term=course'],
    ['GET', 'api/enrolled/course/{id}', '/api/enrolled/course/1?group_id=1&search_term=o'],
  ] as const
  for (const [method, route, url] of cases) {
    it(`${method} ${url}`, async () => {
      const answer = await request(server, method, url)
      expect(answer.status).toBe(200)
      const unchecked: string[] = []
      expect(shapeMismatches(documentedResponse(method, route), answer.json, '$', unchecked)).toEqual([])
      expect(unchecked).toEqual([])
    })
  }
})
