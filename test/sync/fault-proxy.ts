// A real HTTP proxy on 127.0.0.1 between the laptop engine and the stand-in hosted LMS,
// with faults programmed per request. This is the only mock in the sync tests besides the
// clock: it imitates the network (lost answers, timeouts, errors from the hosting's edge,
// duplicated deliveries), never the product. Everything it forwards reaches the real
// stand-in server, which commits or refuses as it would.
//
//  - lose-response: forward, let the server commit and answer, then cut the client's
//    connection without answering (the "response lost after commit" case).
//  - timeout: hold the request longer than the client waits (optionally forwarding it
//    first, so the server commits) and then cut the connection.
//  - status: answer 500/503/429 (with Retry-After)/401/422 itself, forwarding nothing.
//  - duplicate: forward the same request twice (the client gets the first answer).
//  - delay: wait, then forward normally.
//  - stripIdempotencyKey: drop the Idempotency-Key header, so the stand-in behaves like
//    the real hosted LMS, which ignores it (tests then prove reconcile, not the key).
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Fault =
  | { kind: 'lose-response' }
  | { kind: 'timeout'; forward?: boolean; holdMs?: number }
  | { kind: 'status'; status: number; retryAfter?: string; message?: string }
  | { kind: 'duplicate' }
  | { kind: 'delay'; ms: number }

export interface FaultRule {
  /** Request method to match; any when omitted. */
  method?: string
  /** Matched against the path with its query; any when omitted. */
  path?: RegExp
  /** Only the Nth matching request (1-based); with `times`, N..N+times-1. Every match when omitted. */
  nth?: number
  times?: number
  fault: Fault
}

export interface ProxyLogEntry {
  seq: number
  /** When the request arrived (machine time, ms). */
  at: number
  method: string
  path: string
  /** The fault applied, if any. */
  fault: Fault['kind'] | null
  /** How many times the request reached the upstream server (0, 1 or 2). */
  forwarded: number
  /** The upstream's status for the (first) forwarded copy. */
  upstreamStatus: number | null
  /** What the client was answered: a status, or null when the connection was cut. */
  answered: number | null
  idempotencyKey: string | null
  body: string
}

export interface FaultProxy {
  url: string
  port: number
  log: ProxyLogEntry[]
  /** Adds a rule; rules are tried in the order added, the first that matches applies. */
  addRule(rule: FaultRule): void
  clearRules(): void
  /** Per request, after the rules: a fault or null (randomized runs). */
  setChooser(chooser: ((method: string, path: string) => Fault | null) | null): void
  setStripIdempotencyKey(strip: boolean): void
  /** Requests that reached the upstream, counted per copy, matching method and path. */
  upstreamCount(method: string, path: RegExp): number
  /** Resolves when no request is in flight through the proxy. */
  idle(): Promise<void>
  stop(): Promise<void>
}

const MAX_BODY = 10 * 1024 * 1024
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length'])

interface Upstream {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export async function startFaultProxy(upstreamPort: number, options: { stripIdempotencyKey?: boolean; defaultHoldMs?: number } = {}): Promise<FaultProxy> {
  const rules: { rule: FaultRule; seen: number }[] = []
  let chooser: ((method: string, path: string) => Fault | null) | null = null
  let strip = options.stripIdempotencyKey ?? false
  const defaultHoldMs = options.defaultHoldMs ?? 5_000
  const log: ProxyLogEntry[] = []
  const sockets = new Set<Socket>()
  const wakers = new Set<() => void>()
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
  let inFlight = 0
  let idleWaiters: (() => void)[] = []
  let stopping = false

  /** Waits ms, or less when `until` settles first or the proxy stops. */
  const sleep = (ms: number, until?: Promise<void>) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        wakers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      wakers.add(done)
      void until?.then(done)
    })

  const pickFault = (method: string, path: string): Fault | null => {
    for (const entry of rules) {
      if (entry.rule.method && entry.rule.method.toUpperCase() !== method) continue
      if (entry.rule.path && !entry.rule.path.test(path)) continue
      entry.seen++
      const { nth, times = 1 } = entry.rule
      if (nth === undefined || (entry.seen >= nth && entry.seen < nth + times)) return entry.rule.fault
    }
    return chooser?.(method, path) ?? null
  }

  const forward = (req: http.IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = {}
      for (const [name, value] of Object.entries(req.headers)) {
        if (HOP_BY_HOP.has(name)) continue
        if (strip && name === 'idempotency-key') continue
        headers[name] = value
      }
      // The stand-in checks Host: it must name the loopback address it serves.
      headers.host = `127.0.0.1:${upstreamPort}`
      headers['content-length'] = String(body.length)
      const upstream = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers, agent }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      upstream.on('error', reject)
      upstream.end(body)
    })

  const answer = (res: http.ServerResponse, up: Upstream) => {
    const headers: http.OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value
    headers['content-length'] = String(up.body.length)
    res.writeHead(up.status, headers)
    res.end(up.body)
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_BODY) {
        res.writeHead(413).end()
        return
      }
      chunks.push(chunk)
    }
    const body = Buffer.concat(chunks)
    const method = (req.method ?? 'GET').toUpperCase()
    const path = req.url ?? '/'
    const fault = stopping ? null : pickFault(method, path)
    const entry: ProxyLogEntry = {
      seq: log.length + 1,
      at: Date.now(),
      method,
      path,
      fault: fault?.kind ?? null,
      forwarded: 0,
      upstreamStatus: null,
      answered: null,
      idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null,
      body: body.toString('utf8').slice(0, 2000),
    }
    log.push(entry)
    const clientGone = new Promise<void>((resolve) => res.once('close', () => resolve()))
    const cut = () => {
      req.socket.destroy()
    }
    const send = async () => {
      const up = await forward(req, body)
      entry.forwarded++
      entry.upstreamStatus ??= up.status
      return up
    }
    switch (fault?.kind) {
      case 'status': {
        const payload = Buffer.from(JSON.stringify({ message: fault.message ?? `Injected ${fault.status}` }))
        res.writeHead(fault.status, {
          'content-type': 'application/json',
          'content-length': String(payload.length),
          ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
        })
        res.end(payload)
        entry.answered = fault.status
        return
      }
      case 'lose-response': {
        // The upstream commits and answers; the client never hears it.
        await send()
        cut()
        return
      }
      case 'timeout': {
        if (fault.forward) await send()
        await sleep(fault.holdMs ?? defaultHoldMs, clientGone)
        cut()
        return
      }
      case 'duplicate': {
        const first = await send()
        await send()
        answer(res, first)
        entry.answered = first.status
        return
      }
      case 'delay': {
        await sleep(fault.ms, clientGone)
        break
      }
    }
    if (res.destroyed) return
    const up = await send()
    if (res.destroyed) return
    answer(res, up)
    entry.answered = up.status
  }

  const server = http.createServer((req, res) => {
    inFlight++
    handle(req, res)
      .catch(() => {
        if (!res.headersSent && !res.destroyed) res.writeHead(502).end()
        else req.socket.destroy()
      })
      .finally(() => {
        inFlight--
        if (inFlight === 0) {
          const waiters = idleWaiters
          idleWaiters = []
          for (const w of waiters) w()
        }
      })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    addRule(rule) {
      rules.push({ rule, seen: 0 })
    },
    clearRules() {
      rules.length = 0
    },
    setChooser(next) {
      chooser = next
    },
    setStripIdempotencyKey(next) {
      strip = next
    },
    upstreamCount(method, path) {
      return log.filter((e) => e.method === method.toUpperCase() && path.test(e.path)).reduce((n, e) => n + e.forwarded, 0)
    },
    idle() {
      return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))
    },
    async stop() {
      stopping = true
      for (const wake of [...wakers]) wake()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      agent.destroy()
      await closed
    },
  }
}
