// The server's own rules: loopback Host header only (DNS rebinding), bearer token when
// one is set, JSON errors for unknown routes, wrong methods, bad bodies and big bodies,
// and app operations at POST /app/<name>.
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request, startServer, type RunningServer } from './server'

let server: RunningServer
let guarded: RunningServer
const TOKEN = 'test-secret-token-0123456789'

beforeAll(async () => {
  ;[server, guarded] = await Promise.all([startServer({ demo: true }), startServer({ demo: true, token: TOKEN })])
})
afterAll(async () => {
  await Promise.all([server?.stop(), guarded?.stop()])
})

describe('Host header', () => {
  it('answers the loopback names of its own port only', async () => {
    expect((await request(server, 'GET', '/api/userType/lookup')).status).toBe(200)
    expect((await request(server, 'GET', '/api/userType/lookup', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200)
    expect((await request(server, 'GET', '/api/userType/lookup', { headers: { Host: `LOCALHOST:${server.port}` } })).status).toBe(200)
    for (const host of ['evil.com', `evil.com:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `localhost.evil.com:${server.port}`, `[::1]:${server.port}`]) {
      const answer = await request(server, 'GET', '/api/userType/lookup', { headers: { Host: host } })
      expect(answer.status, host).toBe(403)
      expect(answer.json).toEqual({ message: expect.stringContaining('loopback') })
    }
  })

  it('refuses a request without a Host header', async () => {
    // http.request always adds one; speak HTTP/1.0 over a raw socket instead.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write('GET /api/userType/lookup HTTP/1.0\r\n\r\n'))
      let text = ''
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(raw).toMatch(/^HTTP\/1\.[01] 403 /)
  })

  it('checks the Host header before the token', async () => {
    const answer = await request(guarded, 'GET', '/api/userType/lookup', { headers: { Host: 'evil.com', Authorization: `Bearer ${TOKEN}` } })
    expect(answer.status).toBe(403)
  })
})

describe('bearer token', () => {
  it('refuses a missing or wrong token with 401 and accepts the right one', async () => {
    for (const authorization of [undefined, '', 'Bearer', 'Bearer ', 'Bearer wrong', `bearer ${TOKEN}`, `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`]) {
      const answer = await request(guarded, 'GET', '/api/users/lookup', { headers: authorization === undefined ? {} : { Authorization: authorization } })
      expect(answer.status, String(authorization)).toBe(401)
      expect(answer.json).toEqual({ message: 'Unauthenticated.' })
    }
    const good = await request(guarded, 'GET', '/api/users/lookup', { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(good.status).toBe(200)
    expect(good.json[0]).toMatchObject({ id: 1, full_name: 'Aom Staff' })
  })

  it('guards app operations and writes too', async () => {
    expect((await request(guarded, 'POST', '/app/app.status', { body: {} })).status).toBe(401)
    const write = await request(guarded, 'POST', '/api/user/quickEdit', { body: { user_ids: [5], disabled: true } })
    expect(write.status).toBe(401)
    const status = await request(guarded, 'POST', '/app/app.status', { body: {}, headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(status.json.pendingChanges).toBe(0)
  })

  it('is not needed by the server started without one', async () => {
    expect((await request(server, 'GET', '/api/users/lookup')).status).toBe(200)
  })
})

describe('routing and bodies', () => {
  it('answers an unknown route with a JSON 404', async () => {
    for (const path of ['/api/nope', '/api/user', '/api/user/1/extra', '/nothing-here', '/app/no.such.operation']) {
      const answer = await request(server, 'GET', path)
      expect(answer.status, path).toBe(404)
      expect(answer.headers['content-type']).toMatch(/^application\/json/)
      expect(answer.json).toEqual({ message: expect.any(String) })
    }
  })

  it('answers a wrong method with 405 and names the allowed ones', async () => {
    const del = await request(server, 'DELETE', '/api/user/1')
    expect(del.status).toBe(405)
    expect(del.headers.allow?.split(', ').sort()).toEqual(['GET', 'PUT'])
    expect(del.json).toEqual({ message: expect.any(String) })
    expect((await request(server, 'PUT', '/api/users/lookup')).status).toBe(405)
    expect((await request(server, 'GET', '/api/course/enroll/1')).status).toBe(405)
    expect((await request(server, 'GET', '/app/app.status')).status).toBe(405)
    // The user is still there.
    expect((await request(server, 'GET', '/api/user/1')).status).toBe(200)
  })

  it('answers a body that is not a JSON object with 400', async () => {
    for (const rawBody of ['{', '{"firstName":', 'not json', '[1,2]', '"text"', '42', 'null']) {
      const answer = await request(server, 'POST', '/api/user/create', { rawBody })
      expect(answer.status, rawBody).toBe(400)
      expect(answer.json).toEqual({ message: expect.stringMatching(/JSON/) })
    }
  })

  it('answers validation failures in the Laravel shape', async () => {
    const answer = await request(server, 'POST', '/api/user/create', {
      body: { firstName: 'Eve', email: 'not-an-email', password: 'long enough', password_confirmation: 'different!' },
    })
    expect(answer.status).toBe(422)
    // The documented shape, English as the hosted API words it, and the reason codes
    // alongside (not instead) for the renderer to translate.
    expect(answer.json).toEqual({
      message: 'The email must be a valid email address. (and 1 more error)',
      errors: {
        email: ['The email must be a valid email address.'],
        password: ['The password confirmation does not match.'],
      },
      reason: { key: 'reason.fields_invalid', values: { count: 2 } },
      error_reasons: {
        email: [{ key: 'reason.field.email' }],
        password: [{ key: 'reason.field.password_mismatch' }],
      },
    })
  })

  it('answers a body over 10 MB with 413, whether its length is declared or not', async () => {
    const big = JSON.stringify({ firstName: 'x'.repeat(11 * 1024 * 1024) })
    const declared = await request(server, 'POST', '/api/user/create', { rawBody: big })
    expect(declared.status).toBe(413)
    expect(declared.json).toEqual({ message: expect.stringContaining('10 MB') })
    const chunked = await request(server, 'POST', '/api/user/create', { rawBody: big, chunked: true })
    expect(chunked.status).toBe(413)
    // Still answering.
    expect((await request(server, 'GET', '/api/course/name/1')).json).toEqual({ course_name: 'course 1' })
  })

  it('serves app operations at POST /app/<name>', async () => {
    const answer = await request(server, 'POST', '/app/app.status', { body: {} })
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({
      profile: 'demo',
      connection: 'not_configured',
      pendingChanges: expect.any(Number),
      schemaVersion: expect.any(Number),
      actor: { id: 1, name: 'Aom Staff' },
    })
    // An empty body is an empty input.
    expect((await request(server, 'POST', '/app/app.status')).status).toBe(200)
    // Documented operations are not reachable under /app.
    expect((await request(server, 'POST', '/app/users.lookup', { body: {} })).status).toBe(404)
  })

  it('sends no CORS headers and no-store caching; another origin is refused', async () => {
    const evil = await request(server, 'GET', '/api/userType/lookup', { headers: { Origin: 'http://evil.com' } })
    expect(evil.status).toBe(403)
    expect(evil.headers['access-control-allow-origin']).toBeUndefined()
    const answer = await request(server, 'GET', '/api/userType/lookup', { headers: { Origin: `http://127.0.0.1:${server.port}` } })
    expect(answer.status).toBe(200)
    expect(answer.headers['access-control-allow-origin']).toBeUndefined()
    expect(answer.headers['cache-control']).toBe('no-store')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
  })

  it('binds to the loopback address only', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1')
  })
})
