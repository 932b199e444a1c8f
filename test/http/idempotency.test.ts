// The Idempotency-Key header on writes: the same key and request within 24 hours answer
// the first response again without a second write; the same key with another request is
// refused. Sync relies on this when it retries against our own server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request, startServer, type RunningServer } from './server'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ demo: true })
})
afterAll(async () => {
  await server?.stop()
})

const userBody = (email: string) => ({ firstName: 'Idem', lastName: 'Potent', email, password: 'longpassword', password_confirmation: 'longpassword' })
const countUsers = async (email: string) =>
  (await request(server, 'GET', `/api/users/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: email }))}`)).json
    .recordsFiltered as number

describe('Idempotency-Key', () => {
  it('answers a repeated create with the first response and creates one user', async () => {
    const email = `idem.${Date.now()}@example.org`
    const headers = { 'Idempotency-Key': `key-${Date.now()}` }
    const first = await request(server, 'POST', '/api/user/create', { body: userBody(email), headers })
    const second = await request(server, 'POST', '/api/user/create', { body: userBody(email), headers })
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(second.json).toEqual(first.json)
    expect(await countUsers(email)).toBe(1)
    // The same request without the key is a second create, which the engine refuses.
    const third = await request(server, 'POST', '/api/user/create', { body: userBody(email) })
    expect(third.status).toBe(422)
  })

  it('treats key order in the body as the same request', async () => {
    const email = `order.${Date.now()}@example.org`
    const headers = { 'Idempotency-Key': `order-${Date.now()}` }
    const body = userBody(email)
    const reordered = Object.fromEntries(Object.entries(body).reverse())
    expect((await request(server, 'POST', '/api/user/create', { body, headers })).status).toBe(200)
    expect((await request(server, 'POST', '/api/user/create', { body: reordered, headers })).status).toBe(200)
    expect(await countUsers(email)).toBe(1)
  })

  it('refuses the same key with a different request and writes nothing', async () => {
    const headers = { 'Idempotency-Key': `reuse-${Date.now()}` }
    const a = `reuse.a.${Date.now()}@example.org`
    const b = `reuse.b.${Date.now()}@example.org`
    expect((await request(server, 'POST', '/api/user/create', { body: userBody(a), headers })).status).toBe(200)
    const reused = await request(server, 'POST', '/api/user/create', { body: userBody(b), headers })
    expect(reused.status).toBe(422)
    expect(reused.json.message).toMatch(/already used for a different request/)
    expect(await countUsers(b)).toBe(0)
  })

  it('does not keep failures: a retry after a 422 runs again', async () => {
    const headers = { 'Idempotency-Key': `fail-${Date.now()}` }
    const email = `fail.${Date.now()}@example.org`
    const bad = { ...userBody(email), password_confirmation: 'different!' }
    expect((await request(server, 'POST', '/api/user/create', { body: bad, headers })).status).toBe(422)
    expect((await request(server, 'POST', '/api/user/create', { body: bad, headers })).status).toBe(422)
    expect(await countUsers(email)).toBe(0)
  })

  it('refuses a malformed key with 400', async () => {
    const answer = await request(server, 'POST', '/api/user/create', { body: userBody('x@example.org'), headers: { 'Idempotency-Key': 'has space' } })
    expect(answer.status).toBe(400)
  })
})
