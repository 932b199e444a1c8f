// The declaration of values kept on this computer only (src/shared/contract/local-only.ts)
// held to what sync really does: the real sync rule table, each queued operation's input
// schema, the reference's parameter table and documented answers (../shared/api/endpoints.json),
// the pull's decoders and the fields it compares. A rule that drops a field the declaration
// lacks, a declared field the sync sends or reads, or one the reference does offer, fails here.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { LOCAL_ONLY_FIELDS } from '../../src/shared/contract/local-only'
import type { Operation } from '../../src/shared/contract/operation'
import { DOCUMENTED_ROUTES } from '../../src/shared/api/documented-routes'
import { parseApiDate } from '../../src/shared/format/api-dates'
import { operations, type QueuedName } from '../../src/shared/operations/index'
import { ANSWERS, type AnswerDecoder } from '../../src/main/sync/decode/answers'
import { comparedFields, PULLED_ROWS } from '../../src/main/sync/pull-fields'
import { SYNC_RULES } from '../../src/main/sync/rules/index'
import type { SyncRule } from '../../src/main/sync/rules/rule'
import { repoRoot } from '../http/server'

/** The keys an input schema's parsed value can carry; null when a transform makes them up (checked by documented-requests.test.ts on samples). */
function inputKeys(schema: z.ZodType): string[] | null {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def
  if (def.type === 'object') return Object.keys(def.shape)
  if (def.type === 'pipe') return def.out._zod.def.type === 'transform' ? null : (inputKeys(def.out) ?? inputKeys(def.in))
  if (def.innerType) return inputKeys(def.innerType)
  return null
}

const queued = (operations as readonly Operation[]).filter((op) => op.kind === 'write' && op.sync) as (Operation & { name: QueuedName })[]
const ruleOf = (name: QueuedName) => SYNC_RULES[name] as SyncRule<QueuedName>

/** Input keys the operation's documented route has no parameter for (path placeholders are parameters). */
function undocumentedKeys(op: Operation): string[] | null {
  const keys = inputKeys(op.input)
  if (!keys) return null
  const documented = new Set((DOCUMENTED_ROUTES[`${op.method} ${op.route}`]?.params ?? []).map((p) => p.name))
  const placeholders = [...(op.route ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1])
  return keys.filter((k) => !documented.has(k) && !placeholders.includes(k))
}

/** Every key of every documented answer example, at any depth, with the values it is shown with. */
function answerValues(): Map<string, unknown[]> {
  const endpoints = (JSON.parse(fs.readFileSync(path.resolve(repoRoot, '../shared/api/endpoints.json'), 'utf8')) as { endpoints: { example?: { response?: unknown } | null }[] }).endpoints
  const values = new Map<string, unknown[]>()
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object')
      for (const [k, inner] of Object.entries(v)) {
        values.set(k, [...(values.get(k) ?? []), inner])
        walk(inner)
      }
  }
  for (const e of endpoints) walk(e.example?.response)
  return values
}

/** Keys the pull's decoders read, in any documented answer. */
function decodedKeys(): Set<string> {
  const keys = new Set<string>()
  for (const decoder of Object.values(ANSWERS) as AnswerDecoder[]) {
    for (const shape of [decoder.answer, decoder.record, ...Object.values(decoder.elements ?? {})]) for (const k of Object.keys(shape?.shape ?? {})) keys.add(k)
  }
  return keys
}

describe('values kept on this computer only are declared once, and sync agrees', () => {
  it("each rule's notSent is exactly the declared fields its operation leaves out", () => {
    for (const op of queued) {
      const declared = LOCAL_ONLY_FIELDS.filter((f) => f.notSentBy.includes(op.name)).map((f) => f.field)
      expect([...(ruleOf(op.name).notSent?.fields ?? [])].sort(), `${op.name}: notSent`).toEqual([...declared].sort())
      for (const f of LOCAL_ONLY_FIELDS.filter((d) => d.notSentBy.includes(op.name))) expect(ruleOf(op.name).notSent?.why, op.name).toContain(f.why)
    }
  })

  it('every queued input field the documented route has no parameter for is declared (nothing is dropped silently)', () => {
    const unknown: string[] = []
    for (const op of queued) {
      if (ruleOf(op.name).localOnly) continue
      const undocumented = undocumentedKeys(op)
      if (undocumented === null) {
        unknown.push(op.name)
        continue
      }
      expect([...undocumented].sort(), `${op.name} ${op.method} ${op.route}: fields never sent`).toEqual([...(ruleOf(op.name).notSent?.fields ?? [])].sort())
    }
    // Inputs reshaped by a transform: their requests are checked on real change records (documented-requests.test.ts).
    expect(unknown.sort()).toEqual(['badges.delete', 'classes.create'])
  })

  it('a declared field is one its operations take, and their documented routes have no parameter for it', () => {
    expect(LOCAL_ONLY_FIELDS.length).toBeGreaterThan(0)
    for (const f of LOCAL_ONLY_FIELDS) {
      // What only the pull lacks is set by no queued operation.
      if (f.direction === 'pull') {
        expect(f.notSentBy, f.field).toEqual([])
        for (const op of queued) expect(inputKeys(op.input) ?? [], `${op.name} takes ${f.field}`).not.toContain(f.field)
      } else expect(f.notSentBy.length, f.field).toBeGreaterThan(0)
      for (const name of f.notSentBy) {
        const op = queued.find((o) => o.name === name)!
        expect(inputKeys(op.input), `${name} takes ${f.field}`).toContain(f.field)
        expect(undocumentedKeys(op), `${op.method} ${op.route} documents ${f.field}`).toContain(f.field)
      }
      expect(f.why, f.field).toMatch(/not available from the hosted LMS/)
    }
  })

  it('the pull reads no field declared unreadable, a field it reads but cannot send keeps local edits, and the reference answers none the pull is declared to lack', () => {
    const decoded = decodedKeys()
    const documented = answerValues()
    const pulled = PULLED_ROWS.flatMap((p) => comparedFields(p))
    const compared = new Set(pulled.flatMap((x) => [x.api, x.column]))
    for (const f of LOCAL_ONLY_FIELDS) {
      const read = decoded.has(f.field) || decoded.has(f.column) || compared.has(f.field) || compared.has(f.column)
      if (f.direction === 'push') {
        // The reference answers it but takes no edit of it: the pull may read it, and then
        // merges it as never sent, so an edit made here is kept (test/sync/pull-details.test.ts).
        if (!read) continue
        expect(documented.has(f.field), `the reference answers ${f.field}`).toBe(true)
        const field = pulled.find((x) => x.column === f.column)
        expect(field?.notSent, `the pull merges ${f.column} as never sent`).toBe(true)
        continue
      }
      expect(decoded.has(f.field) || decoded.has(f.column), `a decoder reads ${f.field}`).toBe(false)
      expect(compared.has(f.field) || compared.has(f.column), `the pull compares ${f.column}`).toBe(false)
      if (f.direction === 'both') expect(documented.has(f.field) || documented.has(f.column), `the reference answers ${f.field}`).toBe(false)
      if (f.direction === 'pull') {
        // Answered, but never as a time: every documented value is a rough text no date parser reads.
        const shown = documented.get(f.field) ?? []
        expect(shown.length, `the reference answers ${f.field}`).toBeGreaterThan(0)
        for (const value of shown) expect(parseApiDate(typeof value === 'string' ? value : null), `${f.field}: ${String(value)}`).toBeNull()
      }
    }
  })
})
