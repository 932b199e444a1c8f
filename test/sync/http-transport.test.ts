// The hosted client over Node's http (http-transport.ts) against a real server on
// 127.0.0.1: what it sends, and how each kind of answer or missing answer is classified.
// The short timeouts below are the behaviour under test (a request that gets no answer),
// not a speed target.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { HostedClient } from '../../src/main/sync/hosted-client'

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void

let server: http.Server | null = null
const connections: { count: number } = { count: 0 }

async function serve(handler: Handler, options: { keepAliveTimeout?: number } = {}): Promise<string> {
  connections.count = 0
  server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8').on('data', (c: string) => (body += c))
    req.on('end', () => handler(req, body, res))
  })
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout
  server.on('connection', () => connections.count++)
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = null
})

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

const EVALUATION = { statusRowId: 7, evaluation: { pointsAwarded: 8, isAccepted: true, instructorMessage: 'Ünïcode ✓' } }

describe('hosted client over node:http', () => {
  it('sends the documented request with token, idempotency key and exact body length, and reads the JSON answer', async () => {
    const seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string } = {}
    const url = await serve((req, body, res) => {
      Object.assign(seen, { method: req.method, url: req.url, headers: req.headers, body })
      json(res, 200, { message: 'Evaluated.' })
    })
    const outcome = await new HostedClient({ serverUrl: `${url}/`, token: 'secret-token' }).call('assignments.evaluate', EVALUATION, 'key-1')
    expect(outcome).toEqual({ kind: 'ok', status: 200, body: { message: 'Evaluated.' } })
    expect(seen.method).toBe('POST')
    expect(seen.headers?.authorization).toBe('Bearer secret-token')
    expect(seen.headers?.['idempotency-key']).toBe('key-1')
    expect(Number(seen.headers?.['content-length'])).toBe(Buffer.byteLength(seen.body ?? ''))
    expect(JSON.parse(seen.body ?? '{}')).toMatchObject({ evaluation: { instructorMessage: 'Ünïcode ✓' } })
  })

  it('reuses one kept-alive connection, and recovers when the server closed it while idle', async () => {
    const url = await serve((_req, _body, res) => json(res, 200, { ok: true }), { keepAliveTimeout: 2_000 })
    const client = new HostedClient({ serverUrl: url, token: 't' })
    for (let i = 0; i < 5; i++) expect((await client.call('assignments.submissions', { statusRowId: 1 })).kind).toBe('ok')
    expect(connections.count).toBe(1)
    // Past the server's keep-alive timeout (it closes the idle connection). Node's agent
    // keeps a socket 1 s less than the server says, so the server's must be over 1 s to reuse at all.
    await new Promise((resolve) => setTimeout(resolve, 2_300))
    expect((await client.call('assignments.submissions', { statusRowId: 1 })).kind).toBe('ok')
    expect(connections.count).toBe(2)
  })

  it('a read whose kept-alive connection the server drops without an answer goes again once on a new one; a write does not', async () => {
    // The second request on each connection finds it dropped, as when the server's idle
    // timeout passes while the laptop is busy and the request goes out on the closing socket.
    const served = new WeakMap<object, number>()
    let reached = 0
    const url = await serve((req, _body, res) => {
      reached++
      const n = (served.get(req.socket) ?? 0) + 1
      served.set(req.socket, n)
      if (n === 2) return void req.socket.destroy()
      json(res, 200, { message: 'ok' })
    })
    const client = new HostedClient({ serverUrl: url, token: 't' })
    expect((await client.call('assignments.submissions', { statusRowId: 1 })).kind).toBe('ok')
    expect((await client.call('assignments.submissions', { statusRowId: 1 })).kind).toBe('ok')
    expect([reached, connections.count]).toEqual([3, 2])
    expect((await client.call('assignments.evaluate', EVALUATION, 'key-1')).kind).toBe('no_answer')
    expect([reached, connections.count]).toEqual([4, 2])
  })

  it('classifies refusals, rate limits, redirects and server errors', async () => {
    const url = await serve((req, _body, res) => {
      const id = new URL(req.url ?? '/', 'http://x').searchParams.get('statusRowId') ?? req.url
      if (id === '1') json(res, 422, { message: 'The points awarded must be between 0 and 10.' })
      else if (id === '2') json(res, 429, { message: 'Slow down' }, { 'Retry-After': '3' })
      else if (id === '3') json(res, 401, { message: 'Unauthenticated.' })
      else if (id === '4') {
        res.writeHead(301, { Location: 'https://lms.example.org/api' })
        res.end()
      } else json(res, 503, { message: 'Maintenance' })
    })
    const client = new HostedClient({ serverUrl: url, token: 't' })
    const call = (statusRowId: number) => client.call('assignments.submissions', { statusRowId })
    expect(await call(1)).toMatchObject({ kind: 'refused', status: 422, message: 'The points awarded must be between 0 and 10.' })
    expect(await call(2)).toMatchObject({ kind: 'retry_later', status: 429, retryAfterMs: 3000 })
    expect(await call(3)).toMatchObject({ kind: 'unauthorized' })
    expect(await call(4)).toMatchObject({ kind: 'refused', status: 301, message: expect.stringContaining('moved to https://lms.example.org/api') })
    expect(await call(5)).toMatchObject({ kind: 'retry_later', status: 503, retryAfterMs: null })
  })

  it('no answer: a closed port, a server that never answers, an answer cut off halfway', async () => {
    const url = await serve((req, _body, res) => {
      if (req.url?.includes('statusRowId=1')) return // never answers
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' })
      res.write('{"status":"Comp')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const client = new HostedClient({ serverUrl: url, token: 't', timeoutMs: 300 })
    const host = new URL(url).host
    expect(await client.call('assignments.submissions', { statusRowId: 1 })).toMatchObject({
      kind: 'no_answer',
      message: `${host} timed out: no answer within 0.3 s. Unsent changes are kept here.`,
      report: { problem: 'no_answer' },
    })
    expect(await client.call('assignments.submissions', { statusRowId: 2 })).toMatchObject({ kind: 'no_answer', message: `The answer from ${host} was cut off. Unsent changes are kept here.` })
    const closed = new HostedClient({ serverUrl: 'http://127.0.0.1:1', token: 't' })
    expect(await closed.call('assignments.submissions', { statusRowId: 1 })).toMatchObject({
      kind: 'no_answer',
      message: expect.stringMatching(/^127\.0\.0\.1:1 refused the connection/),
      report: { problem: 'refused' },
    })
  })

  it('an answer whose body stalls past the timeout is no answer', async () => {
    const url = await serve((_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"message":')
    })
    const client = new HostedClient({ serverUrl: url, token: 't', timeoutMs: 300 })
    expect(await client.call('assignments.evaluate', EVALUATION, 'k')).toMatchObject({ kind: 'no_answer', message: `The answer from ${new URL(url).host} was cut off. Unsent changes are kept here.` })
  })
})
