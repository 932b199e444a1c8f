// Talks to the hosted LMS over its documented routes. Every answer is classified the
// way the push loop needs it; nothing here retries on its own.
import { buildRequest } from '../../shared/contract/http-request'
import type { Operation } from '../../shared/contract/operation'
import { operationsByName } from '../../shared/operations/index'
import { noAnswerReport, notApiReport, statusReport, wrongShapeReport, type ContactReport } from './contact'
import { fromFetch, nodeTransport, TransportError, type Transport, type TransportResponse } from './http-transport'

export type HostedOutcome =
  | { kind: 'ok'; status: number; body: unknown }
  /** Refused for this request: 4xx other than 401/408/429. Park it with the message. */
  | { kind: 'refused'; status: number; message: string; body: unknown; location?: string }
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
    this.base = options.serverUrl.replace(/\/+$/, '')
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
    const request = buildRequest(operation, input)
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
    return { kind: 'refused', status, message, body, ...(location ? { location } : {}) }
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

  /** A read that must succeed for reconciling; anything else is "unknown". */
  async read<T>(name: string, input: Record<string, unknown>): Promise<T | undefined> {
    const outcome = await this.call(name, input)
    return outcome.kind === 'ok' ? (outcome.body as T) : undefined
  }
}
