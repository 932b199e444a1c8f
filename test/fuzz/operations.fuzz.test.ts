// Issue 9, fuzzing: every operation of the registry gets generated invalid inputs (see
// inputs.ts), sent over HTTP to a real `serve --demo` and through engine.invoke on a demo
// engine of its own. Every answer is a 4xx with a message, or a 2xx when the mutation
// happens to be valid; never a 500, never a crash; the server still answers afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Operation } from '../../src/shared/contract/operation'
import { buildRequest } from '../../src/shared/contract/http-request'
import { operations, type OpName } from '../../src/shared/operations/index'
import { openTestEngine, type OpenedTestEngine } from '../engine/helpers'
import { request, startServer, type RunningServer } from '../http/server'
import { seeded } from '../sync/world'
import { DEEP, deeplyNested, deeplyNestedText, fuzzInputs, HUGE } from './inputs'

const SEED = Number(process.env.FUZZ_SEED ?? 20261127)

let server: RunningServer
let local: OpenedTestEngine
const tried = { operations: 0, http: 0, engine: 0 }
const statuses = new Map<number, number>()
const tally = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1)

beforeAll(async () => {
  ;[server, local] = await Promise.all([startServer({ demo: true }), openTestEngine({ demo: true })])
}, 60_000)
afterAll(async () => {
  process.stdout.write(
    `[fuzz] seed ${SEED}: ${tried.operations} operations, ${tried.http} inputs over HTTP, ${tried.engine} through engine.invoke; answers by status: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${k}×${n}`).join(' ')}\n`,
  )
  local?.dispose()
  await server?.stop()
})

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const DEEP_MARK = '\u0001deep\u0001'
const SURROGATE_MARK = '\u0001surrogate\u0001'

/**
 * The operation's documented HTTP request for an input (buildRequest), with what a hostile
 * client could send and buildRequest cannot write: a 10,000-deep JSON body (JSON.stringify
 * overflows the stack on it) and a lone surrogate in a path segment, sent as the invalid
 * UTF-8 bytes %ED%A0%80. A value that lands in the URL is shrunk to fit Node's 16 KB
 * request-head limit (beyond it Node's parser resets the connection before any product
 * code runs): 12 KB for the 1 MB string, 1,000 levels for the deep value. engine.invoke
 * gets the full sizes.
 */
function httpRequestFor(op: Operation, input: Record<string, unknown>) {
  const routeKeys = new Set(op.route === null ? [] : [...op.route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))
  const inUrl = (key: string) => op.route !== null && (op.method === 'GET' || routeKeys.has(key))
  const sendable: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    if (inUrl(key)) {
      if (value === HUGE) sendable[key] = HUGE.slice(0, 12_000)
      else if (value === DEEP) sendable[key] = deeplyNested(1_000)
      else if (routeKeys.has(key) && typeof value === 'string' && LONE_SURROGATE.test(value)) sendable[key] = SURROGATE_MARK
      else sendable[key] = value
    } else sendable[key] = value === DEEP ? DEEP_MARK : value
  }
  const req = buildRequest(op, sendable)
  return {
    method: req.method,
    path: req.path.replace(encodeURIComponent(SURROGATE_MARK), '%ED%A0%80'),
    body: req.body?.replace(JSON.stringify(DEEP_MARK), () => deeplyNestedText(10_000)),
  }
}

const RAW_BODIES = ['{', '[]', '"x"', 'null', '42', '{"a":1}{"b":2}', '{"__proto__":{"polluted":true}}', '\u0000', '{"a":"\\ud800"}']

/** What is wrong with an answer, or null when it is a 2xx or a 4xx with a message. */
function complaint(status: number, body: unknown): string | null {
  if (status >= 200 && status < 300) return null
  // Node's HTTP parser refuses a URL over its 16 KB header limit (a 1 MB string in a GET
  // query or path) with a bare 431 before the server's code runs: a 4xx, whose reason
  // phrase is the message.
  if (status === 431) return null
  if (status < 400 || status >= 500) return `status ${status}`
  const message = (body as { message?: unknown } | undefined)?.message
  return typeof message === 'string' && message.trim() !== '' ? null : `status ${status} without a message`
}

describe('every operation answers generated invalid input with a 4xx, never a 500', () => {
  const random = seeded(SEED)
  // Generated up front in registry order, so the seed alone decides every input.
  const cases = (operations as readonly Operation[]).map((op) => [op.name as OpName, op, fuzzInputs(op, random)] as const)

  it.each(cases)('%s', async (name, op, inputs) => {
    tried.operations++
    const failures: string[] = []
    for (const { label, input, engineOnly } of inputs) {
      if (!engineOnly) {
        const req = httpRequestFor(op, input)
        const answer = await request(server, req.method, req.path, req.body !== undefined ? { rawBody: req.body } : {})
        tried.http++
        tally(answer.status)
        const wrong = complaint(answer.status, answer.json)
        if (wrong) failures.push(`HTTP ${req.method} ${req.path.slice(0, 80)} [${label.slice(0, 80)}]: ${wrong} ${answer.text.slice(0, 200)}`)
      }
      let result
      try {
        result = await local.async.raw(name, input)
      } catch (error) {
        failures.push(`engine [${label.slice(0, 80)}]: threw ${error instanceof Error ? error.message : String(error)}`)
        continue
      }
      tried.engine++
      tally(result.ok ? 200 : result.error.status)
      const wrong = result.ok ? null : complaint(result.error.status, result.error)
      if (wrong) failures.push(`engine [${label.slice(0, 80)}]: ${wrong} ${JSON.stringify(result).slice(0, 200)}`)
    }
    // Whole inputs that are not an object, or bodies that are not one: over HTTP as raw text
    // (write routes and app operations), through the engine as values.
    const base = inputs.find((i) => i.label === 'documented example')?.input ?? {}
    if (op.method !== 'GET' || op.route === null) {
      const { method, path } = httpRequestFor(op, base)
      for (const raw of RAW_BODIES) {
        const answer = await request(server, method, path, { rawBody: raw })
        tried.http++
        tally(answer.status)
        const wrong = complaint(answer.status, answer.json)
        if (wrong) failures.push(`HTTP ${method} ${path.slice(0, 80)} [raw body ${raw.slice(0, 40)}]: ${wrong} ${answer.text.slice(0, 200)}`)
      }
    }
    for (const whole of [null, [], 'text', 42, true, [base], JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')]) {
      const result = await local.async.raw(name, whole)
      tried.engine++
      tally(result.ok ? 200 : result.error.status)
      const wrong = result.ok ? null : complaint(result.error.status, result.error)
      if (wrong) failures.push(`engine [whole input ${JSON.stringify(whole).slice(0, 60)}]: ${wrong} ${JSON.stringify(result).slice(0, 200)}`)
    }
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined()
    expect(failures, `server log:\n${server.stderr().slice(-3000)}\nengine log:\n${local.logs.slice(-5).join('\n')}`).toEqual([])
  }, 60_000)

  it('the server and the engine still answer a normal request afterwards', async () => {
    const answer = await request(server, 'GET', '/api/users/tabularlist?page_size=5')
    expect(answer.status).toBe(200)
    expect(answer.json.records.length).toBeGreaterThan(0)
    const result = await local.async.result('users.tabularList', { page_size: 5 })
    expect(result.ok).toBe(true)
  })
})
