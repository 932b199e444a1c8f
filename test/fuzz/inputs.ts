// Generated invalid inputs for one operation, deterministic for a seed: wrong types for each
// field of its zod schema, missing fields, huge and deeply nested values, unicode edge
// cases, SQL fragments in order_by / search_param and hostile ids. Each input starts from
// the operation's documented example (when endpoints.json has one), so a mutation of one
// field also reaches the handler behind validation, where a 500 would hide.
import fs from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'
import type { Operation } from '../../src/shared/contract/operation'
import { repoRoot } from '../http/server'

export interface FuzzInput {
  /** What was done to the base input, for failure messages. */
  label: string
  input: Record<string, unknown>
  /** Values JSON cannot carry (NaN, Infinity): only sent through engine.invoke. */
  engineOnly?: boolean
}

interface Endpoint {
  method: string
  path: string
  params?: { url?: { name: string }[]; query?: { name: string }[]; body?: { name: string }[] }
  example?: { url: string; query?: Record<string, unknown> | null; body?: unknown } | null
}

// CI has shared/ beside the clone.
const endpointsFile = path.resolve(repoRoot, '../shared/api/endpoints.json')
const endpoints = (JSON.parse(fs.readFileSync(endpointsFile, 'utf8')) as { endpoints: Endpoint[] }).endpoints
const routeKey = (method: string, route: string) => `${method.toUpperCase()} ${route.replace(/^\/+/, '')}`
const endpointByRoute = new Map(endpoints.map((e) => [routeKey(e.method, e.path), e]))

/** The documented example as one input object: path parameters, query and body together. */
export function documentedInput(op: Operation): Record<string, unknown> {
  if (op.route === null) return {}
  const endpoint = endpointByRoute.get(routeKey(op.method, op.route))
  const example = endpoint?.example
  if (!example) return {}
  const input: Record<string, unknown> = {}
  try {
    const url = new URL(example.url)
    const routeParts = op.route.split('/').filter(Boolean)
    const urlParts = url.pathname.split('/').filter(Boolean)
    const offset = urlParts.length - routeParts.length
    routeParts.forEach((part, i) => {
      const m = /^\{(\w+)\}$/.exec(part)
      if (m && urlParts[offset + i] !== undefined) input[m[1]] = decodeURIComponent(urlParts[offset + i])
    })
    for (const [k, v] of url.searchParams) input[k] = v
  } catch {
    /* an example URL that is not a URL: the query and body still count */
  }
  Object.assign(input, example.query ?? {})
  if (example.body && typeof example.body === 'object' && !Array.isArray(example.body)) Object.assign(input, example.body)
  return input
}

type Def = { type: string; [key: string]: any }
const defOf = (schema: z.ZodType): Def => (schema as any)._zod.def as Def

/** The object shape behind pipes, preprocessors and wrappers, or null when there is none. */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = defOf(schema)
  switch (def.type) {
    case 'object':
      return def.shape
    case 'pipe':
      // z.preprocess is a pipe from a transform into the real schema.
      return defOf(def.in).type === 'transform' ? objectShape(def.out) : objectShape(def.in)
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
      return objectShape(def.innerType)
    case 'union':
      return objectShape(def.options[0])
    default:
      return null
  }
}

/** The leaf kind of a field (string, number, array, ...), behind wrappers. */
export function leafType(schema: z.ZodType): string {
  const def = defOf(schema)
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return leafType(def.innerType)
    case 'pipe':
      return defOf(def.in).type === 'transform' ? leafType(def.out) : leafType(def.in)
    case 'union':
      return leafType(def.options[0])
    default:
      return def.type
  }
}

/** A JSON value nested `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value }
  return value
}

/** The JSON text of deeplyNested(depth), built without recursion (JSON.stringify overflows the stack on it). */
export function deeplyNestedText(depth: number): string {
  const open: string[] = []
  const close: string[] = []
  for (let i = depth - 1; i >= 0; i--) {
    open.push(i % 2 === 0 ? '[' : '{"a":')
    close.push(i % 2 === 0 ? ']' : '}')
  }
  return open.join('') + '"bottom"' + close.reverse().join('')
}

export const HUGE = 'x'.repeat(1024 * 1024)
export const DEEP_DEPTH = 10_000
export const DEEP = deeplyNested(DEEP_DEPTH)

const WRONG_TYPES: unknown[] = [null, true, false, 42, -1, 0, 1.5, 'text', '', [], {}, [{}], { a: [1] }, ['a', 2, null]]

const UNICODE: string[] = [
  '\ud800', // lone high surrogate
  'a\udc00b', // lone low surrogate
  'nul\u0000inside',
  '\u202eevil\u202c', // RTL override
  '\u200f\u200e', // RTL / LTR marks
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307', // a pile of combining marks
  '\ufeff\u200b\u2028\u2029',
  'Z̸̡̢̛͖̤̲̳̍̿̑a̵̡͉̘̱̬̓̑̓l̷̢̛̜̪͖̈́̈́̀g̴̡̘̫̈́̄o̵̧̮͗̈',
]

const SQL: string[] = [
  '{"colName":"id; DROP TABLE users","direction":"asc"}',
  "' OR 1=1 --",
  '1; DROP TABLE users',
  '{"colName":"id","direction":"asc; DELETE FROM users"}',
  '{"nameOrEmail":"\' OR 1=1 --"}',
  '{"id; DROP TABLE users":1}',
  "x' UNION SELECT password_hash FROM users --",
]

const IDS: unknown[] = [-1, 0, 1.5, -0.5, 2 ** 63, '9223372036854775808', 1e308, '1e308', 'NaN', 'Infinity', '-1', '0x10', '1 OR 1=1', 99_999_999]

/** Engine-only: values a structured-clone IPC call can carry and JSON cannot. */
const NON_JSON: unknown[] = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0]

const isIdKey = (key: string) => /(^id$|Id$|_id$|Ids$|_ids$)/.test(key)

function pick<T>(random: () => number, list: readonly T[], count: number): T[] {
  const pool = [...list]
  const out: T[] = []
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0])
  return out
}

export function fuzzInputs(op: Operation, random: () => number): FuzzInput[] {
  const base = documentedInput(op)
  const shape = objectShape(op.input) ?? {}
  const keys = [...new Set([...Object.keys(shape), ...Object.keys(base)])]
  const out: FuzzInput[] = []
  const add = (label: string, input: Record<string, unknown>, engineOnly = false) => out.push({ label, input, engineOnly })
  const withValue = (key: string, value: unknown) => ({ ...base, [key]: value })

  add('nothing at all', {})
  add('documented example', base)
  add('unknown field', { ...base, 'no such field': 1, __proto__x: { polluted: true } })
  add('huge unknown field', { ...base, padding: HUGE })

  for (const key of keys) {
    const kind = shape[key] ? leafType(shape[key]) : 'unknown'
    const { [key]: _dropped, ...without } = base
    add(`${key} missing`, without)
    for (const value of pick(random, WRONG_TYPES, 6)) add(`${key} = ${JSON.stringify(value)}`, withValue(key, value))
    for (const value of pick(random, UNICODE, 3)) add(`${key} = unicode ${JSON.stringify(value)}`, withValue(key, value))
    for (const value of pick(random, NON_JSON, 1)) add(`${key} = ${String(value)}`, withValue(key, value), true)
    if (isIdKey(key) || kind === 'number' || kind === 'int') {
      for (const value of IDS) add(`${key} id ${JSON.stringify(value)}`, withValue(key, value))
      if (kind === 'array' || /Ids$|_ids$/.test(key)) {
        add(`${key} ids mixed`, withValue(key, [1, -1, 2 ** 63, 'NaN', null, 1.5]))
        add(`${key} ids many`, withValue(key, Array.from({ length: 20_000 }, (_, i) => i + 1)))
      }
    }
    if (kind === 'string' || kind === 'unknown' || kind === 'union' || key === 'order_by' || key === 'search_param') {
      for (const value of pick(random, SQL, 2)) add(`${key} = sql ${JSON.stringify(value)}`, withValue(key, value))
    }
  }
  // One level down: the elements of a list (studentIds, userList, modules) and the fields
  // of a documented nested object, each given wrong types.
  for (const key of keys) {
    const value = base[key]
    const kind = shape[key] ? leafType(shape[key]) : 'unknown'
    if (kind === 'array' || Array.isArray(value)) {
      for (const element of pick(random, WRONG_TYPES, 4)) add(`${key} = [${JSON.stringify(element)}]`, withValue(key, [element]))
      add(`${key} = 10,000 nulls`, withValue(key, Array.from({ length: 10_000 }, () => null)))
    }
    const sample = Array.isArray(value) ? value[0] : value
    if (sample && typeof sample === 'object' && !Array.isArray(sample)) {
      for (const inner of Object.keys(sample)) {
        for (const wrong of pick(random, [...WRONG_TYPES, ...IDS.slice(0, 6), ...UNICODE.slice(0, 3)], 3)) {
          const changed = { ...sample, [inner]: wrong }
          add(`${key}.${inner} = ${JSON.stringify(wrong)}`, withValue(key, Array.isArray(value) ? [changed, ...value.slice(1)] : changed))
        }
      }
    }
  }
  // Huge and deep values go into a few fields only: they are slow to send and every field
  // checks them the same way (a length or type limit).
  for (const key of pick(random, keys, 2)) {
    add(`${key} = 1 MB string`, withValue(key, HUGE))
    add(`${key} = 10,000-deep JSON`, withValue(key, DEEP))
  }
  for (const key of ['order_by', 'search_param'] as const) {
    if (!(key in shape)) continue
    for (const value of SQL) add(`${key} = sql ${JSON.stringify(value)}`, withValue(key, value))
    add(`${key} as an object with sql`, withValue(key, key === 'order_by' ? { colName: 'id; DROP TABLE users', direction: 'asc' } : { "name' OR 1=1 --": 'x' }))
  }
  return out
}
