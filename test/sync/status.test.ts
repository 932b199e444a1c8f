// Issue 14, finding 5: the sync status says what happened. A laptop engine is pointed at
// real servers on 127.0.0.1 (a closed port, plain HTTP servers answering HTML, 404, 401,
// 403 and 500, a JSON answer without the API's fields, a TLS server with a self-signed
// certificate made by openssl for this run), at a name under `.invalid` (which never
// resolves), and at the stand-in hosted LMS; after one sync each, the status must name the
// address and the reason, the queued change must be untouched where the address is not the
// LMS, and the next try must be told truthfully.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../src/shared/operations/sync'
import {  } from '../engine/helpers'
import { configure, newUser, openLaptop, startHosted, uniqueToken, type Hosted, type Laptop } from './world'

let hosted: Hosted
let certDir: string
const servers: (http.Server | https.Server)[] = []
const laptops: Laptop[] = []

beforeAll(async () => {
  hosted = await startHosted()
  certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-tls-'))
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=127.0.0.1'],
    { cwd: certDir, stdio: 'ignore' },
  )
})
afterEach(async () => {
  for (const lap of laptops.splice(0)) lap.dispose()
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})
afterAll(async () => {
  await hosted?.stop()
  fs.rmSync(certDir, { recursive: true, force: true })
})

type Answer = (req: http.IncomingMessage, res: http.ServerResponse) => void

async function listen(server: http.Server | https.Server): Promise<number> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return (server.address() as AddressInfo).port
}

async function serveHttp(answer: Answer): Promise<string> {
  return `http://127.0.0.1:${await listen(http.createServer(answer))}`
}

const json = (status: number, body: unknown): Answer => (_req, res) => {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

/** A laptop with one user queued, pointed at `serverUrl`, after one sync; its scheduler is on (it is what the next try depends on), its timer off. */
async function syncedAgainst(serverUrl: string): Promise<{ lap: Laptop; status: SyncStatus }> {
  const lap = await openLaptop({ clock: () => new Date(), autoSync: true })
  laptops.push(lap)
  lap.call('users.create', newUser(`${uniqueToken('status')}@example.org`))
  lap.call('sync.configure', { serverUrl, token: 'some-token' })
  await lap.syncNow()
  return { lap, status: lap.status() }
}

/** The queued user was neither sent nor parked: nothing was spent on an address that is not the LMS. */
function expectQueueUntouched(lap: Laptop): void {
  expect(lap.queue()).toMatchObject([{ operation: 'users.create', state: 'pending', attempts: 0 }])
}

describe('the sync status names the address and the reason', () => {
  it('says "not contacted yet" after an address is saved, until the first answer; then that it answered', async () => {
    const lap = await openLaptop({ clock: () => new Date(), autoSync: true })
    laptops.push(lap)
    expect(lap.status().contact).toMatchObject({ state: 'not_contacted', problem: null, lastAnswerAt: null })
    configure(lap, hosted)
    expect(lap.status().contact).toMatchObject({ state: 'not_contacted', problem: null, lastAnswerAt: null })
    expect(lap.call('app.status', {}).connection).toBe('not_contacted')
    await lap.syncNow()
    const status = lap.status()
    expect(status.contact).toMatchObject({ state: 'answered', problem: null, message: null, lastAnswerAt: expect.any(String) })
    expect(lap.call('app.status', {}).connection).toBe('online')
    // Nothing waits for a retry and the timer is off here: the next try is a press of Sync now or the next change.
    expect(status.nextRun).toBeNull()
  })

  it('a closed port: the connection was refused, with the address and port; a retry is scheduled', async () => {
    const probe = http.createServer()
    const port = await listen(probe)
    servers.pop()
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const { lap, status } = await syncedAgainst(`http://127.0.0.1:${port}`)
    expect(status.contact).toMatchObject({ state: 'problem', problem: 'refused' })
    expect(status.contact.message).toContain(`127.0.0.1:${port}`)
    expect(status.contact.message).toMatch(/refused the connection/)
    expect(status.state).toBe('offline')
    expect(status.nextRun).toMatchObject({ reason: 'retry', at: expect.any(String) })
    expect(new Date(status.nextRun!.at).getTime()).toBeGreaterThan(Date.now())
    expect(lap.call('app.status', {}).connection).toBe('offline')
    expectQueueUntouched(lap)
  })

  it('a host name that does not resolve: not found, naming the host', async () => {
    const { lap, status } = await syncedAgainst('https://lms.nowhere.invalid')
    expect(status.contact).toMatchObject({ state: 'problem', problem: 'dns' })
    expect(status.contact.message).toContain('lms.nowhere.invalid')
    expect(status.contact.message).toMatch(/not found/)
    expectQueueUntouched(lap)
  })

  it('an HTML page: answered, but not as the LMS API', async () => {
    const url = await serveHttp((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<!doctype html><title>Welcome</title><h1>It works</h1>')
    })
    const { lap, status } = await syncedAgainst(url)
    expect(status.contact).toMatchObject({ state: 'problem', problem: 'not_lms' })
    expect(status.contact.message).toContain(url)
    expect(status.contact.message).toMatch(/web page \(HTML\)/)
    expect(status.state).toBe('misconfigured')
    expectQueueUntouched(lap)
  })

  it('JSON without the API\'s fields: not the LMS API', async () => {
    const url = await serveHttp(json(200, { hello: 'world' }))
    const { lap, status } = await syncedAgainst(url)
    expect(status.contact).toMatchObject({ state: 'problem', problem: 'not_lms' })
    expect(status.contact.message).toMatch(/without the LMS API's fields/)
    expectQueueUntouched(lap)
  })

  it('404 on the API: not the LMS API, and the queued change is not parked', async () => {
    const url = await serveHttp(json(404, { message: 'Not Found' }))
    const { lap, status } = await syncedAgainst(url)
    expect(status.contact).toMatchObject({ state: 'problem', problem: 'not_lms' })
    expect(status.contact.message).toContain(url)
    expect(status.contact.message).toMatch(/404/)
    expect(status.parked).toBe(0)
    expectQueueUntouched(lap)
  })

  it('401: the token was refused; sync pauses until a new one, with no retry scheduled', async () => {
    const url = await serveHttp(json(401, { message: 'Unauthenticated.' }))
    const { lap, status } = await syncedAgainst(url)
    expect(status.contact).toMatchObject({ state: 'problem', problem: 'unauthorized' })
    expect(status.contact.message).toMatch(/refused the API token/)
    expect(status.state).toBe('paused_auth')
    expect(status.nextRun).toBeNull()
    expectQueueUntouched(lap)
  })

  it('another 4xx: refused with its status and message', async () => {
    const url = await serveHttp(json(403, { message: 'This token may not use the API.' }))
    const { status } = await syncedAgainst(url)
    expect(status.contact).toMatchObject({ state: 'problem', problem: 'client_error' })
    expect(status.contact.message).toMatch(/HTTP 403/)
    expect(status.contact.message).toContain('This token may not use the API.')
  })

  it('500: the hosted LMS had an error; a retry is scheduled', async () => {
    const url = await serveHttp(json(500, { message: 'Server Error' }))
    const { lap, status } = await syncedAgainst(url)
    expect(status.contact).toMatchObject({ state: 'problem', problem: 'server_error' })
    expect(status.contact.message).toMatch(/HTTP 500/)
    expect(status.nextRun).toMatchObject({ reason: 'retry' })
    expectQueueUntouched(lap)
  })

  it('a self-signed certificate: the secure connection failed, saying why', async () => {
    const server = https.createServer({ key: fs.readFileSync(path.join(certDir, 'key.pem')), cert: fs.readFileSync(path.join(certDir, 'cert.pem')) }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"records":[]}')
    })
    const port = await listen(server)
    const { lap, status } = await syncedAgainst(`https://127.0.0.1:${port}`)
    expect(status.contact).toMatchObject({ state: 'problem', problem: 'tls' })
    expect(status.contact.message).toContain(`127.0.0.1:${port}`)
    expect(status.contact.message).toMatch(/self-signed/)
    expectQueueUntouched(lap)
  })
})
