// The decoders of every documented answer sync reads (src/main/sync/decode/answers.ts),
// held to the reference as data: each decoder's route is documented, it reads only keys
// the documented example has, and it decodes that example. And the tolerance real servers
// need: ids as numeric strings, null or "" in optional fields, extra keys, the
// reference's date shapes; a record that still does not decode is left out and named.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { ANSWERS, type AnswerDecoder } from '../../src/main/sync/decode/answers'
import { decode, decodeList, optionalDate, optionalServerId, serverId } from '../../src/main/sync/decode/kit'
import { repoRoot } from '../http/server'

const endpoints = (JSON.parse(fs.readFileSync(path.resolve(repoRoot, '../shared/api/endpoints.json'), 'utf8')) as {
  endpoints: { method: string; path: string; example?: { response?: unknown } }[]
}).endpoints
const documented = (route: string) => endpoints.find((e) => `${e.method} ${e.path}` === route)

/** The reference's emails are mangled ("[email protected]"): a plausible one in their place. */
function plausible(value: unknown, n = { i: 0 }): unknown {
  if (typeof value === 'string') return /\[email[\s\u00a0]+protected\]/.test(value) ? `person${++n.i}@example.org` : value
  if (Array.isArray(value)) return value.map((v) => plausible(v, n))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plausible(v, n)]))
  return value
}

/** Keys any element of a documented list has. */
const elementKeys = (list: unknown): Set<string> =>
  new Set((Array.isArray(list) ? list : []).flatMap((item) => (item && typeof item === 'object' ? Object.keys(item) : [])))
const keysOf = (schema: z.ZodObject) => Object.keys(schema.shape)

describe('decoders of documented answers', () => {
  for (const [name, decoder] of Object.entries(ANSWERS) as [string, AnswerDecoder][]) {
    it(`${name}: ${decoder.route} reads only documented keys and decodes the documented example`, () => {
      const endpoint = documented(decoder.route)
      expect(endpoint, `${decoder.route} is not a documented route`).toBeDefined()
      const example = plausible(endpoint!.example?.response) as Record<string, unknown> | unknown[]
      expect(example, `${decoder.route} has no documented example answer`).toBeTruthy()
      if (decoder.answer) {
        const top = example as Record<string, unknown>
        expect(keysOf(decoder.answer).filter((k) => !(k in top))).toEqual([])
        const decoded = decode(decoder.answer, top)
        expect(decoded.ok, JSON.stringify(decoded)).toBe(true)
        for (const [key, schema] of Object.entries(decoder.elements ?? {})) {
          const nested = key.includes('.') ? undefined : top[key]
          expect(keysOf(schema).filter((k) => !elementKeys(nested).has(k)), `${decoder.route} ${key}[]`).toEqual([])
          const list = decodeList(schema, nested as unknown[])
          expect(list.skipped, `${decoder.route} ${key}[]`).toEqual([])
        }
      }
      if (decoder.record) {
        const items = decoder.list ? (example as unknown[]) : ((example as Record<string, unknown>).records as unknown[])
        expect(keysOf(decoder.record).filter((k) => !elementKeys(items).has(k)), `${decoder.route} records[]`).toEqual([])
        const list = decodeList(decoder.record, items)
        expect(list.skipped).toEqual([])
        expect(list.records.length).toBe(items.length)
      }
    })
  }
})

describe('tolerance', () => {
  it('reads ids and numbers given as numeric strings, null or "" in optional fields, and ignores extra keys', () => {
    const users = decodeList(ANSWERS.users.record, [
      { id: '42', first_name: 'Ana', last_name: null, email: 'Ana@Example.org', user_type: '', created_at: 'Aug 06, 2020 07:20 AM', extra: { deep: true } },
      { id: 7, first_name: 'Bo', email: 'bo@example.org', created_at: '' },
    ])
    expect(users.skipped).toEqual([])
    expect(users.records).toEqual([
      { id: 42, first_name: 'Ana', last_name: '', email: 'Ana@Example.org', user_type: '', created_at: '2020-08-06T07:20:00.000Z' },
      { id: 7, first_name: 'Bo', last_name: '', email: 'bo@example.org', user_type: '', created_at: null },
    ])
    // A course's detail: numbers as numeric strings, an unknown rule and "" read as null (the column is then left as it is).
    const course = decode(ANSWERS.course.answer, { name: 'C', slug: 'c', credits: '12', minPassingPercentage: '75.5', gradingRule: 'made_up', durationRule: '', durationDays: '30', durationSpecificDate: '31-Mar-2027' })
    expect(course).toMatchObject({ ok: true, value: { credits: 12, minPassingPercentage: 75.5, gradingRule: null, durationRule: null, durationDays: 30, instructions: null } })
    expect(course.ok && course.value.durationSpecificDate?.slice(0, 10)).toBe('2027-03-31')
    const report = decodeList(ANSWERS.usersReport.record, [{ email: 'Aom@Example.org', last_login: 'Oct 09, 2020' }, { email: 'x@example.org', last_login: 'Never' }])
    expect(report.records.map((r) => [r.email, r.last_login?.slice(0, 10) ?? null])).toEqual([['aom@example.org', '2020-10-09'], ['x@example.org', null]])
    const row = decode(ANSWERS.submissionRow.answer, { courseId: '34', status: 'Submitted', totalPoints: '50', submissions: [] })
    expect(row).toEqual({ ok: true, value: { courseId: 34, status: 'Submitted', totalPoints: 50, submissions: [] } })
    expect(optionalServerId.parse('-1')).toBeNull()
    expect(optionalServerId.parse('')).toBeNull()
    expect(serverId.safeParse('12a').success).toBe(false)
  })

  it('reads every date shape the reference writes as ISO-8601, and "", "Never" or null as none', () => {
    for (const text of ['Aug 06, 2020 07:20 AM', '09-Aug-2020', '03 Aug 2020 09:08 AM', '2020-08-10 12:43:12', '2024-01-01T09:00:00.000000Z', 'Aug 10, 2020']) {
      expect(optionalDate.parse(text), text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    }
    expect(optionalDate.parse('2024-01-01T09:00:00.000000Z')).toBe('2024-01-01T09:00:00.000Z')
    for (const none of ['', 'Never', null, undefined]) expect(optionalDate.parse(none)).toBeNull()
  })

  it('leaves out a record that does not decode, naming it and why', () => {
    const list = decodeList(ANSWERS.users.record, [
      { id: 1, first_name: 'Ok', email: 'ok@example.org' },
      { id: 2, first_name: 'No email' },
      { id: 'x', email: 'bad-id@example.org' },
    ])
    expect(list.records.map((r) => r.id)).toEqual([1])
    expect(list.skipped).toEqual([
      { record: 'id 2', problem: expect.stringMatching(/^email: /) },
      { record: 'id x', problem: expect.stringMatching(/^id: /) },
    ])
  })
})
