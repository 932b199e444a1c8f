// Talks to the hosted LMS over its documented routes. Every answer is classified the
// way the push loop needs it; nothing here retries on its own.
import { buildRequest } from '../../shared/contract/http-request'
import type { Operation } from '../../shared/contract/operation'
import { operationsByName } from '../../shared/operations/index'
import { fromFetch, nodeTransport, TransportError, type Transport, type TransportResponse } from './http-transport'

export type HostedOutcome =
  | { kind: 'ok'; status: number; body: unknown }
  /** Refused for this request: 4xx other than 401/408/429. Park it with the message. */
  | { kind: 'refused'; status: number; message: string; body: unknown }
  /** The token was refused: pause, spend no retries. */
  | { kind: 'unauthorized'; message: string }
  /** Try later: 429 (with its Retry-After), 5xx, 408. */
  | { kind: 'retry_later'; status: number; retryAfterMs: number | null; message: string }
  /** No answer at all: offline, refused connection, timeout, response lost. The write may or may not have happened. */
  | { kind: 'no_answer'; message: string }

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

  /** Calls a declared operation by name with the given (server-id) input. */
  async call(name: string, input: Record<string, unknown>, idempotencyKey?: string): Promise<HostedOutcome> {
    const operation = operationsByName.get(name) as Operation | undefined
    if (!operation || operation.route === null) throw new Error(`${name} has no documented route to send to`)
    const request = buildRequest(operation, input)
    let response: TransportResponse
    try {
      response = await this.transport(this.base + request.path, {
        method: request.method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${this.options.token}`,
          ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(idempotencyKey && operation.kind === 'write' ? { 'Idempotency-Key': idempotencyKey } : {}),
        },
        body: request.body,
        timeoutMs: this.options.timeoutMs ?? 15_000,
      })
    } catch (error) {
      return { kind: 'no_answer', message: error instanceof TransportError ? error.message : 'The hosted LMS could not be reached.' }
    }
    const ok = response.status >= 200 && response.status < 300
    let body: unknown = null
    try {
      const text = await response.text()
      body = text ? JSON.parse(text) : null
    } catch {
      if (ok) return { kind: 'no_answer', message: 'The hosted LMS answer was cut off.' }
    }
    const location = response.status >= 300 && response.status < 400 ? response.header('location') : null
    const message =
      typeof (body as { message?: unknown })?.message === 'string'
        ? (body as { message: string }).message
        : location
          ? `HTTP ${response.status}: the hosted LMS moved to ${location}; check the server address in Sync settings.`
          : `HTTP ${response.status}`
    if (ok) return { kind: 'ok', status: response.status, body }
    if (response.status === 401) return { kind: 'unauthorized', message }
    if (response.status === 429 || response.status === 408 || response.status >= 500) {
      return { kind: 'retry_later', status: response.status, retryAfterMs: retryAfterMs(response.header('retry-after'), Date.now()), message }
    }
    return { kind: 'refused', status: response.status, message, body }
  }

  /** A read that must succeed for reconciling; anything else is "unknown". */
  async read<T>(name: string, input: Record<string, unknown>): Promise<T | undefined> {
    const outcome = await this.call(name, input)
    return outcome.kind === 'ok' ? (outcome.body as T) : undefined
  }
}
