// Every operation the push can send, held to the reference as data: a change record of
// each, made by the real engine (queued-samples.ts), is turned into the request the push
// sends (its rule's documented fields, documented-request.ts), and checked against
// ../shared/api/endpoints.json: method and route, each parameter's name and location,
// every required parameter present, and every id field translated (or declared as not
// this laptop's). Generated from the declarations: an operation added later is checked too.
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Operation } from '../../src/shared/contract/operation'
import { operations, operationsByName, type QueuedName } from '../../src/shared/operations/index'
import { documentedRequest } from '../../src/main/sync/documented-request'
import { SYNC_RULES } from '../../src/main/sync/rules/index'
import type { SyncRule } from '../../src/main/sync/rules/rule'
import { repoRoot } from '../http/server'
import { queuedSamples, type QueuedSample } from './queued-samples'

interface Param {
  name: string
  required: boolean
  type?: string
}
interface Endpoint {
  method: string
  path: string
  params: { url: Param[]; query: Param[]; body: Param[] }
}
const endpoints = (JSON.parse(fs.readFileSync(path.resolve(repoRoot, '../shared/api/endpoints.json'), 'utf8')) as { endpoints: Endpoint[] }).endpoints

const queued = (operations as readonly Operation[]).filter((op) => op.kind === 'write' && op.sync).map((op) => op.name as QueuedName)
/** Keys that hold ids by their name, or by the reference's naming of id lists. */
const ID_KEY = /^(id|.*Id|.*_id|.*Ids|.*_ids|.*IDs?|certificateTemplates|gradeModules|modules|categories|selectedCourses|delete_ids)$/

let samples: QueuedSample[] = []
let uncovered: string[] = []
beforeAll(async () => {
  ;({ samples, uncovered } = await queuedSamples())
}, 60_000)

describe('the push sends every operation as the reference documents it', () => {
  it('has a change record of every queued operation to check', () => {
    expect(uncovered).toEqual([])
  })

  for (const name of queued) {
    it(name, () => {
      const op = operationsByName.get(name) as Operation
      const rule = SYNC_RULES[name] as SyncRule<QueuedName>
      const endpoint = endpoints.find((e) => e.method === op.method && e.path === op.route)
      expect(endpoint, `${op.method} ${op.route} is not a documented route`).toBeDefined()
      if (rule.localOnly) {
        expect(rule.localOnly).toMatch(/not available from the hosted LMS/i)
        return
      }
      const sample = samples.find((s) => s.operation === name)!
      expect(sample, `no change record of ${name}`).toBeDefined()
      const input = { ...sample.input }
      for (const field of rule.notSent?.fields ?? []) delete input[field]
      // What the rule reads from the hosted LMS before sending stands in as a text here.
      for (const field of rule.complete?.fills ?? []) input[field] = 'from the hosted LMS'
      const request = documentedRequest(op, input)
      expect(request.undocumented, `${name} queues fields the reference does not document for ${op.method} ${op.route}`).toEqual([])
      expect(request.method).toBe(endpoint!.method)
      const url = new URL(request.path, 'http://hosted')
      const placeholders = [...(op.route ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1])
      expect(url.pathname).toBe('/' + (op.route ?? '').replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(sample.input[key]))))
      const queryNames = new Set([...url.searchParams.keys()].map((k) => k.replace(/\[.*$/, '')))
      const bodyNames = new Set(Object.keys(request.body ? (JSON.parse(request.body) as object) : {}))
      const documented = (where: 'query' | 'body') => new Set(endpoint!.params[where].map((p) => p.name))
      const urlOnly = endpoint!.params.url.map((p) => p.name)
      for (const q of queryNames) expect(documented('query').has(q) || (placeholders.length === 0 && urlOnly.includes(q)), `${name}: ${q} in the query string`).toBe(true)
      for (const b of bodyNames) expect(documented('body').has(b) || (placeholders.length === 0 && urlOnly.includes(b)), `${name}: ${b} in the body`).toBe(true)
      for (const where of ['query', 'body'] as const) {
        for (const p of endpoint!.params[where]) {
          if (!(p.required || p.type === 'required')) continue
          const sent = where === 'query' ? queryNames.has(p.name) : bodyNames.has(p.name)
          expect(sent, `${name}: the reference requires ${p.name} in the ${where}`).toBe(true)
        }
      }
      // Every id field is translated (a reference in the declaration) or declared as not this laptop's.
      const refs = new Set(Object.keys((op as { sync: { refs: Record<string, string> } }).sync.refs).map((k) => k.split('[].')[0]))
      const untranslated = Object.keys(input).filter((k) => ID_KEY.test(k) && !refs.has(k) && !(rule.plainIds ?? []).includes(k) && !(rule.complete?.fills ?? []).includes(k))
      expect(untranslated, `${name}: id fields neither translated nor declared plain`).toEqual([])
    })
  }

  it('every create names the documented look-up that confirms it; only updates go side by side', () => {
    for (const [name, rule] of Object.entries(SYNC_RULES) as [string, SyncRule<QueuedName>][]) {
      if (rule.kind === 'create' && !rule.localOnly) expect(rule.confirm?.via, name).toMatch(/^GET /)
      if (rule.parallel) expect(rule.kind, name).toBe('update')
    }
  })
})
