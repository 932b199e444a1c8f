// The operation registry over HTTP: documented operations at their documented method
// and route under /api, app operations at POST /app/<name>, engine events as a
// server-sent event stream at /app/events, and (in browser mode) the built renderer.
// Loopback only; the Host header must name the loopback address it serves (DNS
// rebinding); no request from another origin (request-origin.ts); a bearer token when one
// is set, or in browser mode the session cookie a launch address gave (browser-session.ts);
// no CORS headers, ever.
import http from 'node:http'
import { gzipSync } from 'node:zlib'
import type { AddressInfo } from 'node:net'
import { timingSafeEqual } from 'node:crypto'
import { writesData, type Operation } from '../../shared/contract/operation'
import { errorBody, type Result } from '../../shared/contract/result'
import { encodeWarnings, isBinaryAnswer, WARNINGS_HEADER, type BinaryAnswer } from '../../shared/contract/binary'
import { operations } from '../../shared/operations/index'
import type { EngineEvent, InvokeMeta } from '../engine/engine'
import type { HostedMode } from './hosted/hosted-mode'
import { parseQuery } from './query-string'
import { Router } from './router'
import { parseMultipart, MultipartError } from './multipart'
import { BrowserSessions, SIGN_IN_PAGE } from './browser-session'
import { bodyTypeRefusal, crossOriginRefusal, getWriteRefusal } from './request-origin'
import { serveStatic } from './static-files'
import { serveUpload } from './upload-files'

export interface EngineClient {
  invoke(name: string, input: unknown, meta?: InvokeMeta): Promise<Result<unknown>> | Result<unknown>
  onEvent(listener: (event: EngineEvent) => void): () => void
}

export interface LmsServerOptions {
  engine: EngineClient
  port: number
  /** Required as `Authorization: Bearer <token>` when set. */
  token?: string
  /** The built renderer folder, served at / in browser mode. */
  webRoot?: string
  /**
   * Browser mode's sign-in: a one-time launch address (LmsServer.launchUrl) that a browser
   * trades for a session cookie. Without a session nothing is served but how to sign in.
   */
  signIn?: boolean
  /** The data folder, whose uploaded files are served at /files/<sha256>/<name>. */
  dataDir?: string
  /** `serve --hosted`: only the documented contract, read and answered strictly (hosted/hosted-mode.ts). */
  hosted?: HostedMode
  log?: (line: string) => void
}

export interface LmsServer {
  url: string
  port: number
  /** With signIn: the address to open once, which signs that browser in. */
  launchUrl?: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 10 * 1024 * 1024
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Answers above this size are compressed for clients that accept gzip, as web servers in front of the hosted LMS do. */
const COMPRESS_ABOVE_BYTES = 1024

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = Buffer.from(JSON.stringify(body))
  const accepts = /\bgzip\b/i.test(String(res.req?.headers['accept-encoding'] ?? ''))
  if (accepts && text.length > COMPRESS_ABOVE_BYTES) {
    const zipped = gzipSync(text, { level: 6 })
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Encoding': 'gzip', 'Content-Length': zipped.length, Vary: 'Accept-Encoding', ...SECURITY_HEADERS })
    res.end(zipped)
    return
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': text.length, ...SECURITY_HEADERS })
  res.end(text)
}

/** A file answer (a certificate PDF): its bytes with their type, shown inline. */
function sendBytes(res: http.ServerResponse, answer: BinaryAnswer): void {
  const ascii = answer.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  res.writeHead(200, {
    'Content-Type': answer.contentType,
    'Content-Length': answer.bytes.byteLength,
    'Content-Disposition': `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(answer.fileName)}`,
    ...(answer.warnings.length ? { [WARNINGS_HEADER]: encodeWarnings(answer.warnings) } : {}),
    ...SECURITY_HEADERS,
  })
  res.end(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength))
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpError(413, `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`))
      req.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        // Stop keeping the body but go on reading (and discarding) it, as for a declared
        // length above: destroying the socket here would reset the connection before the
        // client reads the 413. server.requestTimeout bounds an endless upload.
        req.off('data', onData)
        chunks.length = 0
        req.resume()
        reject(new HttpError(413, `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`))
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** A JSON object body, or a multipart form (the documented upload route sends one). */
async function readInputBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req)
  const contentType = req.headers['content-type'] ?? ''
  // A form or a no-cors fetch can send text/plain or urlencoded bodies without asking first.
  const refused = raw.length > 0 ? bodyTypeRefusal(contentType) : null
  if (refused) throw new HttpError(415, refused)
  if (/^multipart\/form-data/i.test(contentType)) {
    try {
      return parseMultipart(raw, contentType)
    } catch (error) {
      throw new HttpError(400, error instanceof MultipartError ? error.message : 'The multipart body could not be read.')
    }
  }
  const text = raw.toString('utf8')
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'The request body must be a JSON object.')
  }
  return value as Record<string, unknown>
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '')
  if (!match) return false
  const given = Buffer.from(match[1])
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** What answering a request needs of the server it arrived at. */
interface ServerScope {
  options: LmsServerOptions
  router: Router
  /** The app operations (no documented route) by name, called at POST /app/<name>. */
  appOperations: ReadonlyMap<string, Operation>
  /** The Host headers this server answers: its loopback address, once it listens. */
  allowedHosts: Set<string>
  sessions: BrowserSessions | null
  streamEvents(req: http.IncomingMessage, res: http.ServerResponse): void
}

function signInPage(res: http.ServerResponse, status: number, reason: string): void {
  const html = SIGN_IN_PAGE(reason)
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    ...SECURITY_HEADERS,
  })
  res.end(html)
}

/** A launch address opened: its one-time secret traded for a session cookie, leaving the address bar at once. */
function tradeLaunch(sessions: BrowserSessions, res: http.ServerResponse, url: URL, session: boolean): void {
  const traded = sessions.trade(url.searchParams.get('launch') ?? '')
  if (!traded) {
    signInPage(res, 403, session ? 'This browser is signed in already; the address it opened works once.' : 'This sign-in address was used already, or belongs to another run of the app.')
    return
  }
  // The secret leaves the address bar at once; the cookie carries the session from here.
  res.writeHead(303, { Location: '/', 'Set-Cookie': sessions.cookie(traded), ...SECURITY_HEADERS })
  res.end()
}

/** The operation a request names: an app operation by its name, or a documented one by method and route. */
function operationFor(scope: ServerScope, res: http.ServerResponse, method: string, path: string): { operation: Operation; params: Record<string, string> } {
  if (path.startsWith('/app/')) {
    if (scope.options.hosted) throw new HttpError(404, 'The hosted LMS has no app operations.')
    let name: string
    try {
      name = decodeURIComponent(path.slice('/app/'.length))
    } catch {
      throw new HttpError(400, 'The address holds a malformed percent-encoding.')
    }
    const found = scope.appOperations.get(name)
    if (!found) throw new HttpError(404, `Unknown app operation "${name.slice(0, 100)}".`)
    if (method !== 'POST') throw new HttpError(405, 'App operations are called with POST.')
    return { operation: found, params: {} }
  }
  const match = scope.router.match(method, path.slice(1))
  if (match.kind === 'none') throw new HttpError(404, `No documented operation answers ${method} ${path.slice(0, 200)}.`)
  if (match.kind === 'method_not_allowed') {
    res.setHeader('Allow', match.allowed.join(', '))
    throw new HttpError(405, `${method} is not allowed here; use ${match.allowed.join(' or ')}.`)
  }
  return { operation: match.operation, params: match.params }
}

/** The operation called with the request's query, body and path parameters, and its answer sent. */
async function callOperation(
  options: LmsServerOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  call: { method: string; url: URL; operation: Operation; params: Record<string, string> },
): Promise<void> {
  const { method, url, operation, params } = call
  // A GET's JSON body is read too, as Laravel reads it: two documented GET routes
  // (user-subscriptions, users/can-delete-field) take their parameters there.
  const body = method === 'HEAD' ? {} : await readInputBody(req)
  const query = parseQuery(url.searchParams)
  if (options.hosted) {
    const strict = options.hosted.input(operation, params, query, body)
    if ('status' in strict) {
      sendJson(res, strict.status, strict.body)
      return
    }
    // No Idempotency-Key: the reference does not document one, so the stand-in ignores it.
    const result = await options.engine.invoke(operation.name, strict.input)
    if (result.ok && isBinaryAnswer(result.value)) sendBytes(res, result.value)
    else if (result.ok) sendJson(res, 200, options.hosted.answer(operation, result.value))
    else sendJson(res, result.error.status, errorBody(result.error))
    return
  }
  const input = { ...query, ...body, ...params }
  const idempotencyKey = req.headers['idempotency-key']
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey))) {
    throw new HttpError(400, 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.')
  }
  // `remote`: what only the desktop app may do (read a file by its path) is refused over HTTP.
  const result = await options.engine.invoke(operation.name, input, { remote: true, ...(idempotencyKey ? { idempotencyKey } : {}) })
  if (result.ok && isBinaryAnswer(result.value)) sendBytes(res, result.value)
  else if (result.ok) sendJson(res, 200, result.value)
  else sendJson(res, result.error.status, errorBody(result.error))
}

async function respond(scope: ServerScope, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { options, sessions } = scope
  if (!scope.allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
    throw new HttpError(403, 'This server only answers requests addressed to its loopback address.')
  }
  const crossOrigin = crossOriginRefusal(req)
  if (crossOrigin) throw new HttpError(403, crossOrigin)
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const method = (req.method ?? 'GET').toUpperCase()
  const path = url.pathname
  const isApi = path === '/api' || path.startsWith('/api/')
  const isApp = path.startsWith('/app/')
  const bearer = options.token !== undefined && tokenMatches(req.headers.authorization, options.token)
  const session = sessions?.has(req) ?? false

  if (sessions && path === '/' && url.searchParams.has('launch') && (method === 'GET' || method === 'HEAD')) {
    tradeLaunch(sessions, res, url, session)
    return
  }

  // Uploaded files: the sha256 in the path is the capability (an <img> or <iframe> cannot
  // send the bearer token); in browser mode the session is needed too.
  if (path.startsWith('/files/') && options.dataDir && (method === 'GET' || method === 'HEAD')) {
    if (sessions && !session && !bearer) throw new HttpError(401, 'Unauthenticated.')
    await serveUpload(req, res, options.dataDir, path)
    return
  }
  if (!isApi && !isApp) {
    if (options.webRoot && (method === 'GET' || method === 'HEAD')) {
      if (sessions && !session) {
        signInPage(res, 401, 'This browser is not signed in to this run of the app.')
        return
      }
      await serveStatic(req, res, options.webRoot, path)
      return
    }
    throw new HttpError(404, 'Not found.')
  }
  const authenticated = bearer || session || (options.token === undefined && !sessions)
  if (!authenticated) throw new HttpError(401, 'Unauthenticated.')

  if (path === '/app/events') {
    if (method !== 'GET') throw new HttpError(405, 'Use GET for the event stream.')
    scope.streamEvents(req, res)
    return
  }

  const { operation, params } = operationFor(scope, res, method, path)
  // A documented GET that writes (class/update-class-status): an <img> must not make it.
  if (method === 'GET' && writesData(operation) && session && !bearer) {
    const refused = getWriteRefusal(req)
    if (refused) throw new HttpError(403, refused)
  }
  await callOperation(options, req, res, { method, url, operation, params })
}

export function startLmsServer(options: LmsServerOptions): Promise<LmsServer> {
  // `token: ''` would read as "no token" below and answer every caller.
  if (options.token !== undefined && options.token.trim() === '') return Promise.reject(new Error('The API token must not be empty.'))
  const log = options.log ?? ((line: string) => console.error(line))

  const eventStreams = new Set<http.ServerResponse>()
  const unsubscribe = options.engine.onEvent((event) => {
    const frame = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
    for (const res of eventStreams) res.write(frame)
  })

  const scope: ServerScope = {
    options,
    router: new Router(operations as readonly Operation[]),
    appOperations: new Map(operations.filter((op) => op.route === null).map((op) => [op.name as string, op])),
    allowedHosts: new Set<string>(),
    sessions: null,
    streamEvents(req, res) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', ...SECURITY_HEADERS })
      res.write(': connected\n\n')
      eventStreams.add(res)
      req.on('close', () => eventStreams.delete(res))
    },
  }

  const server = http.createServer((req, res) => {
    respond(scope, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy()
        return
      }
      if (error instanceof HttpError) {
        sendJson(res, error.status, { message: error.message })
        return
      }
      log(`[server] ${req.method} ${(req.url ?? '').split('?')[0]} failed: ${error instanceof Error ? error.message : String(error)}`)
      sendJson(res, 500, { message: 'Internal server error.' })
    })
  })
  server.headersTimeout = 30_000
  server.requestTimeout = 120_000

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port
      scope.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
      if (options.signIn) scope.sessions = new BrowserSessions(port)
      const sessions = scope.sessions
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        ...(sessions ? { launchUrl: sessions.launchUrl(`http://127.0.0.1:${port}`) } : {}),
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            for (const res of eventStreams) res.end()
            eventStreams.clear()
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}
