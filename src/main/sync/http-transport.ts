// How the hosted client's requests travel. Node's http module with kept-alive sockets by
// default: a drain sends two requests per grade, and on this kind of machine fetch
// (undici) spent several times the CPU per request that http.request does, CPU the
// laptop's engine needs at the same time. Tests that inject faults at the fetch level
// pass a fetch instead (fromFetch).
import http from 'node:http'
import https from 'node:https'
import { gunzip } from 'node:zlib'

export interface TransportRequest {
  method: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
  /** A read: sent again, once, when a kept-alive socket turns out closed before any answer. */
  idempotent?: boolean
}

export interface TransportResponse {
  status: number
  header(name: string): string | null
  /** The body as text; rejects when the answer is cut off or runs past the timeout. */
  text(): Promise<string>
}

/** Rejects with TransportError when no answer starts: unreachable, refused, timed out. */
export type Transport = (url: string, request: TransportRequest) => Promise<TransportResponse>

export class TransportError extends Error {
  /** `code`: Node's network error code (ECONNREFUSED, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT...), or TIMEOUT. */
  constructor(
    readonly reason: 'timed out' | 'could not be reached',
    readonly code?: string,
  ) {
    super(`The hosted LMS ${reason}.`)
  }
}

/** Node's error code, also where fetch (undici) keeps it, on the error's cause. */
function codeOf(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code
  }
  return undefined
}

/**
 * Idle sockets are closed after this long: sooner than servers commonly drop idle
 * kept-alive connections (Node's default is 5 s), so a request rarely goes out on a socket
 * the server is closing.
 */
const IDLE_SOCKET_MS = 4_000

export function nodeTransport(): Transport & { close(): void } {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  }
  const send = (url: string, request: TransportRequest, retried = false): Promise<TransportResponse> =>
    new Promise<TransportResponse>((resolve, reject) => {
      const target = new URL(url)
      const module = target.protocol === 'https:' ? https : http
      const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:']
      let settled = false
      let bodyFailed: ((error: Error) => void) | null = null
      // One deadline for the whole exchange, the answer's body included (as fetch's signal).
      const timer = setTimeout(() => {
        const error = new TransportError('timed out', 'TIMEOUT')
        if (!settled) {
          settled = true
          reject(error)
        } else bodyFailed?.(error)
        req.destroy()
      }, request.timeoutMs)
      const req = module.request(
        target,
        {
          method: request.method,
          agent,
          // Lists of users carry an SVG avatar per row: compressed, they cross a slow link about ten times faster.
          headers: { 'Accept-Encoding': 'gzip', ...request.headers, ...(request.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(request.body)) } : {}) },
        },
        (res) => {
          settled = true
          const chunks: Buffer[] = []
          const body = new Promise<string>((done, fail) => {
            bodyFailed = fail
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () => {
              clearTimeout(timer)
              const raw = Buffer.concat(chunks)
              if (!/\bgzip\b/i.test(String(res.headers['content-encoding'] ?? ''))) return done(raw.toString('utf8'))
              gunzip(raw, (error, text) => (error ? fail(new Error('The answer could not be decompressed.')) : done(text.toString('utf8'))))
            })
            const cutOff = () => {
              clearTimeout(timer)
              fail(new Error('The answer was cut off.'))
            }
            res.on('aborted', cutOff)
            res.on('error', cutOff)
          })
          // Read at once, so the socket is freed whether or not the caller asks for the text.
          body.catch(() => undefined)
          resolve({
            status: res.statusCode ?? 0,
            header: (name) => {
              const value = res.headers[name.toLowerCase()]
              return Array.isArray(value) ? value.join(', ') : (value ?? null)
            },
            text: () => body,
          })
        },
      )
      req.on('error', (error) => {
        clearTimeout(timer)
        if (settled) return
        settled = true
        // The server closed a kept-alive socket as this request went out on it (its idle
        // timeout passed while this process was busy): the request never reached it. A read
        // goes again on another socket, once, as browsers and undici do.
        const code = codeOf(error)
        if (request.idempotent && !retried && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) return void send(url, request, true).then(resolve, reject)
        reject(new TransportError('could not be reached', code))
      })
      req.end(request.body)
    })
  return Object.assign(send, {
    close() {
      agents['http:'].destroy()
      agents['https:'].destroy()
    },
  })
}

/** A fetch (an injected one, in tests) as a transport. */
export function fromFetch(fetchImpl: typeof fetch): Transport {
  return async (url, request) => {
    let response: Response
    try {
      response = await fetchImpl(url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(request.timeoutMs) })
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') throw new TransportError('timed out', 'TIMEOUT')
      throw new TransportError('could not be reached', codeOf(error))
    }
    return { status: response.status, header: (name) => response.headers.get(name), text: () => response.text() }
  }
}
