// Addresses with a malformed percent-encoding are the caller's mistake: a 400 or 404 with a
// message, never a 500 and a log line (an app operation's name used to be decoded unguarded).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { request, startServer, type RunningServer } from '../http/server'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({ demo: false })
})
afterAll(async () => {
  await server?.stop()
})

it('answers malformed percent-encodings in app operations, API routes and queries without a 500', async () => {
  const app = await request(server, 'POST', '/app/users%E0%A4%A', { body: {} })
  expect(app.status).toBe(400)
  expect(app.json).toEqual({ message: 'The address holds a malformed percent-encoding.' })
  expect((await request(server, 'GET', '/api/user/%E0%A4%A')).status).toBe(404)
  expect((await request(server, 'GET', '/api/users/tabularlist?page_size=%E0%A4%A')).status).toBe(422)
  expect((await request(server, 'GET', '/files/%E0%A4%A/x')).status).toBe(404)
  expect(server.stderr()).not.toMatch(/failed|URIError/)
})
