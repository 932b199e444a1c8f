// Browser mode (`serve --web`), which test/http/security.test.ts does not start: a random token
// per run that the served page carries and the API requires; the token never printed; the page
// refused to other Host names (DNS rebinding cannot read the token); no CORS answer to a
// preflight; nothing listening on the machine's other addresses.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDir, tempDir } from '../engine/helpers'
import { repoRoot, request } from '../http/server'

interface WebServer {
  port: number
  output(): string
  stop(): Promise<void>
}

async function startWeb(webRoot: string): Promise<WebServer> {
  const dataDir = tempDir('lms-web-')
  const args = ['--import', 'tsx', path.join(repoRoot, 'src/main/server/cli.ts'), '--port', '0', '--data', dataDir, '--demo', '--web', webRoot]
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const match = /LMS server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (match) resolve(Number(match[1]))
    })
    void exited.then(() => reject(new Error(`serve --web exited before listening:\n${output}`)))
  })
  return {
    port,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
      removeDir(dataDir)
    },
  }
}

const tokenOf = (html: string) => /<meta name="lms-token" content="([^"]+)">/.exec(html)?.[1]

let webRoot = ''
let first: WebServer
let second: WebServer

beforeAll(async () => {
  webRoot = tempDir('lms-webroot-')
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
  ;[first, second] = await Promise.all([startWeb(webRoot), startWeb(webRoot)])
})
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()])
  if (webRoot) removeDir(webRoot)
})

describe('browser mode token', () => {
  it('hands each run its own random token in the page, and requires it on the API', async () => {
    const pages = await Promise.all([request(first, 'GET', '/', { headers: { Accept: 'text/html' } }), request(second, 'GET', '/courses', { headers: { Accept: 'text/html' } })])
    const tokens = pages.map((p) => tokenOf(p.text))
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/)
    expect(tokens[0]).not.toBe(tokens[1])
    for (const [server, token] of [
      [first, tokens[0]!],
      [second, tokens[1]!],
    ] as const) {
      expect((await request(server, 'GET', '/api/users/lookup')).status).toBe(401)
      expect((await request(server, 'POST', '/app/app.status', { body: {} })).status).toBe(401)
      expect((await request(server, 'GET', '/app/events')).status).toBe(401)
      expect((await request(server, 'GET', '/api/users/lookup', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200)
    }
    // One run's token opens nothing on another run.
    expect((await request(second, 'GET', '/api/users/lookup', { headers: { Authorization: `Bearer ${tokens[0]}` } })).status).toBe(401)
  })

  it('never prints the token', async () => {
    const token = tokenOf((await request(first, 'GET', '/')).text)!
    expect(first.output()).toContain('listening')
    expect(first.output()).not.toContain(token)
  })

  it('serves the page (and its token) to loopback Host names only, with the strict CSP', async () => {
    for (const host of ['evil.com', `evil.com:${first.port}`, `localhost.evil.com:${first.port}`, `192.168.1.10:${first.port}`]) {
      const answer = await request(first, 'GET', '/', { headers: { Host: host } })
      expect(answer.status, host).toBe(403)
      expect(tokenOf(answer.text), host).toBeUndefined()
    }
    const page = await request(first, 'GET', '/', { headers: { Host: `localhost:${first.port}` } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/)
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
  })
})

describe('no CORS', () => {
  it('answers no preflight and no cross-origin request with Access-Control headers', async () => {
    const token = tokenOf((await request(first, 'GET', '/')).text)!
    const preflight = await request(first, 'OPTIONS', '/api/users/lookup', {
      headers: { Origin: 'http://evil.com', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    })
    expect(preflight.status).toBeGreaterThanOrEqual(400)
    const answers = [
      preflight,
      await request(first, 'GET', '/', { headers: { Origin: 'http://evil.com' } }),
      await request(first, 'GET', '/api/users/lookup', { headers: { Origin: 'http://evil.com', Authorization: `Bearer ${token}` } }),
      await request(first, 'POST', '/app/app.status', { body: {}, headers: { Origin: 'null', Authorization: `Bearer ${token}` } }),
    ]
    for (const answer of answers) {
      expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    }
  })
})

describe('loopback only', () => {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && !i.internal && i.family === 'IPv4')
    .map((i) => i.address)

  it.skipIf(external.length === 0)('refuses connections on the machine’s other addresses', async () => {
    for (const address of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: first.port, timeout: 3000 })
        socket.once('connect', () => {
          socket.destroy()
          resolve('connected')
        })
        socket.once('timeout', () => {
          socket.destroy()
          resolve('timeout')
        })
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
      })
      expect(outcome, address).not.toBe('connected')
    }
  })

  it('refuses IPv6 loopback too (it binds 127.0.0.1 alone)', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: '::1', port: first.port, timeout: 3000 })
      socket.once('connect', () => {
        socket.destroy()
        resolve('connected')
      })
      socket.once('timeout', () => resolve('timeout'))
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
    })
    expect(outcome).not.toBe('connected')
  })
})
