// Talks to the hosted LMS over its documented routes, each request as the reference
// documents it (documented-request.ts). Every answer is classified the way the push loop
// needs it, and a read is decoded by its documented answer's schema (decode/answers.ts);
// nothing here retries on its own.
import type { z } from 'zod'
import { writesData, type Operation } from '../../shared/contract/operation'
import { operationsByName } from '../../shared/operations/index'
import { noAnswerReport, notApiReport, statusReport, wrongShapeReport, type ContactReport } from './contact'
import { ANSWERS, type AnswerDecoder, type AnswerName } from './decode/answers'
import { decode, decodeList, type Skipped } from './decode/kit'
import { documentedRequest, routeKeyOf } from './documented-request'
import { fromFetch, nodeTransport, TransportError, type Transport, type TransportResponse } from './http-transport'

export type HostedOutcome =
  | { kind: 'ok'; status: number; body: unknown }
  /** Refused for this request: 4xx other than 401/408/429. Park it with the message (and the fields a 422 names). */
  | { kind: 'refused'; status: number; message: string; body: unknown; fields?: Record<string, string[]>; location?: string }
  /** The token was refused: pause, spend no retries. */
  | { kind: 'unauthorized'; message: string; report: ContactReport }
  /** Try later: 429 (with its Retry-After), 5xx, 408. */
  | { kind: 'retry_later'; status: number; retryAfterMs: number | null; message: string; report: ContactReport }
  /**
   * No answer from the LMS API: offline, refused connection, timeout, TLS failure, response
   * lost, or an answer that is not the API's (a web page). The write may or may not have
   * happened. `report` says which, naming the address.
   */
  | { kind: 'no_answer'; message: string; report: ContactReport }

export interface HostedClientOptions {
  serverUrl: string
  token: string
  timeoutMs?: number
  /** Tests that inject faults at the fetch level; otherwise requests go through Node's http. */
  fetchImpl?: typeof fetch
}

/** A read that did not answer as documented: the outcome, or what could not be decoded. */
export type ReadFailure = (Exclude<HostedOutcome, { kind: 'ok' }> | { kind: 'undecodable'; problem: string }) & { route: string }

/**
 * The hosted LMS's address as configured: without trailing slashes and without a final
 * `/api` (every documented route starts with api/), so ".../api/" and "..." reach the same routes.
 */
export function normaliseServerUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/api$/i, '')
}

/** The operation that answers a documented route. */
const operationByRoute = new Map<string, Operation>(
  [...operationsByName.values()].filter((op) => op.route !== null).map((op) => [routeKeyOf(op as Operation), op as Operation]),
)

function fieldsOf(body: unknown): Record<string, string[]> | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return undefined
  const fields: Record<string, string[]> = {}
  for (const [key, value] of Object.entries(errors)) {
    const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
    if (texts.length) fields[key.slice(0, 100)] = texts.map((t) => t.slice(0, 300))
  }
  return Object.keys(fields).length ? fields : undefined
}

/** One pool of kept-alive sockets for the process: a client is made per sync run. */
let sharedTransport: Transport | null = null

function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

export class HostedClient {
  private readonly base: string
  private readonly transport: Transport

  constructor(private readonly options: HostedClientOptions) {
    this.base = normaliseServerUrl(options.serverUrl)
    this.transport = options.fetchImpl ? fromFetch(options.fetchImpl) : (sharedTransport ??= nodeTransport())
  }

  /** The last exchange that did not reach the LMS API (or was refused as a whole), for the status. */
  lastProblem: ContactReport | null = null
  /** Whether the LMS API answered at least once (any JSON answer, refusals included). */
  answered = false

  private problem(outcome: Extract<HostedOutcome, { report: ContactReport }>): HostedOutcome {
    this.lastProblem = outcome.report
    return outcome
  }

  /** Calls a declared operation by name with the given (server-id) input. */
  async call(name: string, input: Record<string, unknown>, idempotencyKey?: string): Promise<HostedOutcome> {
    const operation = operationsByName.get(name) as Operation | undefined
    if (!operation || operation.route === null) throw new Error(`${name} has no documented route to send to`)
    const request = documentedRequest(operation, input)
    const url = new URL(this.base + request.path)
    const timeoutMs = this.options.timeoutMs ?? 15_000
    let response: TransportResponse
    try {
      response = await this.transport(url.href, {
        method: request.method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${this.options.token}`,
          ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(idempotencyKey && operation.kind === 'write' ? { 'Idempotency-Key': idempotencyKey } : {}),
        },
        body: request.body,
        timeoutMs,
        idempotent: !writesData(operation),
      })
    } catch (error) {
      const report = noAnswerReport(url, error instanceof TransportError ? error.code : undefined, timeoutMs)
      return this.problem({ kind: 'no_answer', message: report.message, report })
    }
    const status = response.status
    const ok = status >= 200 && status < 300
    let text: string
    try {
      text = await response.text()
    } catch {
      const report = { problem: 'no_answer' as const, message: `The answer from ${url.host} was cut off. Unsent changes are kept here.` }
      return this.problem({ kind: 'no_answer', message: report.message, report })
    }
    let body: unknown = null
    let json = true
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      json = false
    }
    const location = status >= 300 && status < 400 ? response.header('location') : null
    const serverMessage = typeof (body as { message?: unknown })?.message === 'string' ? (body as { message: string }).message : null
    const message =
      serverMessage ??
      (location ? `HTTP ${status}: the hosted LMS moved to ${location}; check the server address in Sync settings.` : `HTTP ${status}`)
    if (status === 401) return this.problem({ kind: 'unauthorized', message, report: statusReport(url, status, serverMessage) })
    if (status === 429 || status === 408 || status >= 500) {
      return this.problem({ kind: 'retry_later', status, retryAfterMs: retryAfterMs(response.header('retry-after'), Date.now()), message, report: statusReport(url, status, serverMessage) })
    }
    // A body that is not JSON is not the LMS API's (it answers JSON to Accept: application/json):
    // a web page, a captive portal. Nothing is parked on it, and a create is looked up again later.
    if (!json) {
      const report = notApiReport(url, status, response.header('content-type'))
      return this.problem({ kind: 'no_answer', message: report.message, report })
    }
    this.answered = true
    if (ok) return { kind: 'ok', status, body }
    const fields = fieldsOf(body)
    return { kind: 'refused', status, message, body, ...(fields ? { fields } : {}), ...(location ? { location } : {}) }
  }

  /**
   * Whether this address answers as the LMS API: the first page of the users list, which
   * every hosted LMS has and which any token that may sync can read. Asked before a run
   * that has not heard from the address yet (or heard a problem), so that a wrong address
   * (a web site, another API) neither parks nor spends the queued changes.
   */
  async check(): Promise<ContactReport | null> {
    const outcome = await this.call('users.tabularList', { page_size: 1, page_number: 1 })
    const url = new URL(this.base + '/api/users/tabularlist')
    if (outcome.kind === 'ok') {
      if (Array.isArray((outcome.body as { records?: unknown } | null)?.records)) return null
      this.answered = false
      return (this.lastProblem = wrongShapeReport(url))
    }
    if (outcome.kind === 'refused') {
      const said = (outcome.body as { message?: unknown } | null)?.message
      // 404 or a redirect on the API's own list: whatever answered, it is not the LMS API.
      if (outcome.status === 404 || outcome.status < 400) this.answered = false
      return (this.lastProblem = statusReport(url, outcome.status, typeof said === 'string' ? said : null, outcome.location ?? null))
    }
    return outcome.report
  }

  private async readRaw(decoder: AnswerDecoder, input: Record<string, unknown>): Promise<{ ok: true; body: unknown } | ReadFailure> {
    const operation = operationByRoute.get(decoder.route)
    if (!operation) throw new Error(`No operation answers ${decoder.route}`)
    const outcome = await this.call(operation.name, input)
    return outcome.kind === 'ok' ? { ok: true, body: outcome.body } : { ...outcome, route: decoder.route }
  }

  /** A documented object answer, decoded; its nested lists decoded element by element (those that fail are skipped and named). */
  async answer<N extends AnswerName>(
    name: N,
    input: Record<string, unknown>,
  ): Promise<{ kind: 'ok'; route: string; value: DecodedAnswer<N>; skipped: Skipped[] } | ReadFailure> {
    const decoder: AnswerDecoder = ANSWERS[name]
    const raw = await this.readRaw(decoder, input)
    if (!('ok' in raw)) return raw
    if (!decoder.answer) throw new Error(`${decoder.route} is decoded as a list`)
    const top = decode(decoder.answer, raw.body)
    if (!top.ok) return { kind: 'undecodable', route: decoder.route, problem: top.problem }
    const value: Record<string, unknown> = { ...(top.value as Record<string, unknown>) }
    const skipped: Skipped[] = []
    for (const [key, schema] of Object.entries(decoder.elements ?? {})) {
      const list = decodeList(schema, (value[key] as unknown[] | undefined) ?? [])
      value[key] = list.records
      skipped.push(...list.skipped.map((s) => ({ record: `${key} ${s.record}`, problem: s.problem })))
    }
    return { kind: 'ok', route: decoder.route, value: value as DecodedAnswer<N>, skipped }
  }

  /** A documented list (a page's `records`, or a list answer), decoded record by record. */
  async records<N extends AnswerName>(
    name: N,
    input: Record<string, unknown>,
  ): Promise<{ kind: 'ok'; route: string; records: DecodedRecord<N>[]; skipped: Skipped[]; total: number | null } | ReadFailure> {
    const decoder: AnswerDecoder = ANSWERS[name]
    if (!decoder.record) throw new Error(`${decoder.route} has no records`)
    const raw = await this.readRaw(decoder, input)
    if (!('ok' in raw)) return raw
    const body = raw.body as { records?: unknown; recordsFiltered?: unknown } | unknown[] | null
    const items = decoder.list ? body : (body as { records?: unknown } | null)?.records
    if (items !== undefined && items !== null && !Array.isArray(items)) return { kind: 'undecodable', route: decoder.route, problem: decoder.list ? 'the answer is not a list' : 'records is not a list' }
    const list = decodeList(decoder.record, (items as unknown[] | null | undefined) ?? [])
    const filtered = decoder.list ? null : Number((body as { recordsFiltered?: unknown } | null)?.recordsFiltered)
    return { kind: 'ok', route: decoder.route, records: list.records as DecodedRecord<N>[], skipped: list.skipped, total: filtered !== null && Number.isFinite(filtered) ? filtered : null }
  }
}

type Schemas = typeof ANSWERS
export type DecodedRecord<N extends AnswerName> = Schemas[N] extends { record: infer R extends z.ZodType } ? z.output<R> : never
type Elements<N extends AnswerName> = Schemas[N] extends { elements: infer E extends Record<string, z.ZodType> } ? { [K in keyof E]: z.output<E[K]>[] } : unknown
export type DecodedAnswer<N extends AnswerName> = Schemas[N] extends { answer: infer A extends z.ZodType } ? Omit<z.output<A>, keyof Elements<N>> & Elements<N> : never
