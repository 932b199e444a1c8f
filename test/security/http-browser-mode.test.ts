// Browser mode (`serve --web`), which test/http/security.test.ts does not start. Issue 16,
// finding 1: the page once carried the API token in a meta tag for anyone on the machine
// who asked, and with it import.dryRun {"path": ...} read any file the server could. Now
// the run prints a one-time launch address; the browser that opens it gets a session
// cookie (HttpOnly, SameSite=Strict) and is sent on to the clean address; anyone else gets
// a page saying how to sign in, and no token. Over HTTP an import takes the file's content,
// never a path. Also: the page refused to other Host names (DNS rebinding), no CORS answer
// to a preflight, nothing listening on the machine's other addresses.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDir, tempDir } from '../engine/helpers'
import { repoRoot, request, type HttpAnswer } from '../http/server'

interface WebServer {
  port: number
  /** The sign-in address the run printed (or wrote to its launch file). */
  launchUrl: string
  output(): string
  stop(): Promise<void>
}

const LAUNCH = /(http:\/\/127\.0\.0\.1:\d+\/\?launch=[A-Za-z0-9_-]+)/

async function startWeb(webRoot: string, extra: string[] = []): Promise<WebServer> {
  const dataDir = tempDir('lms-web-')
  const args = ['--import', 'tsx', path.join(repoRoot, 'src/main/server/cli.ts'), '--port', '0', '--data', dataDir, '--demo', '--web', webRoot, ...extra]
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const match = /LMS server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (match && /^(Open|The sign-in address)/m.test(output)) resolve(Number(match[1]))
    })
    void exited.then(() => reject(new Error(`serve --web exited before listening:\n${output}`)))
  })
  const file = extra[extra.indexOf('--launch-secret-file') + 1]
  const launchUrl = LAUNCH.exec(extra.includes('--launch-secret-file') ? fs.readFileSync(file, 'utf8') : output)?.[1] ?? ''
  return {
    port,
    launchUrl,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
      removeDir(dataDir)
    },
  }
}

const hasTokenMeta = (html: string) => /lms-token/.test(html)
const pathOf = (url: string) => url.slice(url.indexOf('/', 'http://'.length))

/** Opens the launch address as a browser would (by hand: no Sec-Fetch-Site beyond "none"); answers the session cookie. */
async function signIn(server: WebServer): Promise<{ answer: HttpAnswer; cookie: string | null }> {
  const answer = await request(server, 'GET', pathOf(server.launchUrl), { headers: { Accept: 'text/html', 'Sec-Fetch-Site': 'none', 'Sec-Fetch-Mode': 'navigate' } })
  const setCookie = answer.headers['set-cookie']?.[0] ?? null
  return { answer, cookie: setCookie ? setCookie.split(';')[0] : null }
}

let webRoot = ''
let first: WebServer
let second: WebServer
let firstCookie = ''

beforeAll(async () => {
  webRoot = tempDir('lms-webroot-')
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
  ;[first, second] = await Promise.all([startWeb(webRoot), startWeb(webRoot)])
  const signedIn = await signIn(first)
  firstCookie = signedIn.cookie ?? ''
}, 60_000)
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()])
  if (webRoot) removeDir(webRoot)
})

describe('browser mode sign-in', () => {
  it('another user on the machine: what GET / hands out does not let an import read a file by path', async () => {
    const dir = tempDir('lms-victim-')
    const secretFile = path.join(dir, 'sync-token')
    fs.writeFileSync(secretFile, 'email\nTOP-SECRET-LINE@example.org\n', { mode: 0o600 })
    try {
      // The attacker asks for the page as any local process can, and takes whatever token it holds.
      const page = await request(second, 'GET', '/', { headers: { Accept: 'text/html' } })
      const token = /<meta name="lms-token" content="([^"]+)">/.exec(page.text)?.[1]
      const answer = await request(second, 'POST', '/app/import.dryRun', { body: { path: secretFile }, headers: token ? { Authorization: `Bearer ${token}` } : {} })
      expect(token).toBeUndefined()
      expect([401, 403]).toContain(answer.status)
      expect(answer.text).not.toContain('TOP-SECRET')
    } finally {
      removeDir(dir)
    }
  })

  it('answers anyone without the session a page saying how to sign in: no token, no app, no API', async () => {
    for (const page of ['/', '/courses', '/index.html', '/?launch=wrong-secret']) {
      const answer = await request(second, 'GET', page, { headers: { Accept: 'text/html' } })
      expect([401, 403], page).toContain(answer.status)
      expect(hasTokenMeta(answer.text), page).toBe(false)
      expect(answer.text, page).toMatch(/Open the address printed when the app started/)
      expect(answer.headers['set-cookie'], page).toBeUndefined()
    }
    expect((await request(second, 'GET', '/api/users/lookup')).status).toBe(401)
    expect((await request(second, 'POST', '/app/app.status', { body: {} })).status).toBe(401)
    expect((await request(second, 'GET', '/app/events')).status).toBe(401)
    expect((await request(second, 'GET', `/files/${'a'.repeat(64)}/x.png`)).status).toBe(401)
  })

  it('prints a one-time launch address that signs one browser in with an HttpOnly, SameSite=Strict cookie, then the clean address', async () => {
    expect(first.launchUrl).toMatch(LAUNCH)
    // beforeAll opened it: a 303 to the clean address with the session cookie.
    expect(firstCookie).toMatch(new RegExp(`^lms_session_${first.port}=[A-Za-z0-9_-]{40,}$`))
    const again = await signIn(first)
    expect(again.answer.status).toBe(403)
    expect(again.cookie).toBeNull()
    expect(again.answer.text).toMatch(/used already/)

    const fresh = await startWeb(webRoot)
    try {
      const { answer, cookie } = await signIn(fresh)
      expect(answer.status).toBe(303)
      expect(answer.headers.location).toBe('/')
      const attributes = answer.headers['set-cookie']?.[0] ?? ''
      expect(attributes).toMatch(/; HttpOnly/)
      expect(attributes).toMatch(/; SameSite=Strict/)
      expect(attributes).toMatch(/; Path=\//)
      const page = await request(fresh, 'GET', '/', { headers: { Cookie: cookie!, Accept: 'text/html' } })
      expect(page.status).toBe(200)
      expect(page.text).toContain('<meta name="lms-api" content="http">')
      expect(hasTokenMeta(page.text)).toBe(false)
      expect((await request(fresh, 'POST', '/app/app.status', { body: {}, headers: { Cookie: cookie! } })).status).toBe(200)
      expect((await request(fresh, 'GET', '/api/users/lookup', { headers: { Cookie: cookie! } })).status).toBe(200)
      // A session of another run opens nothing here, under either name.
      expect((await request(fresh, 'POST', '/app/app.status', { body: {}, headers: { Cookie: firstCookie } })).status).toBe(401)
      expect((await request(fresh, 'POST', '/app/app.status', { body: {}, headers: { Cookie: firstCookie.replace(String(first.port), String(fresh.port)) } })).status).toBe(401)
    } finally {
      await fresh.stop()
    }
  })

  it('with --launch-secret-file writes the address to a file only its owner reads, and prints it nowhere', async () => {
    const dir = tempDir('lms-launch-')
    const file = path.join(dir, 'launch')
    const server = await startWeb(webRoot, ['--launch-secret-file', file])
    try {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
      expect(server.launchUrl).toMatch(LAUNCH)
      const secret = new URL(server.launchUrl).searchParams.get('launch')!
      expect(server.output()).not.toContain(secret)
      expect((await signIn(server)).answer.status).toBe(303)
    } finally {
      await server.stop()
      removeDir(dir)
    }
  })

  it('over HTTP an import takes the file, never a path (a 0600 file of the same user included)', async () => {
    const dir = tempDir('lms-secret-')
    const secretFile = path.join(dir, 'sync-token')
    fs.writeFileSync(secretFile, 'email\nTOP-SECRET-LINE@example.org\n', { mode: 0o600 })
    try {
      for (const name of ['import.dryRun', 'import.commit', 'import.errorCsv']) {
        const answer = await request(first, 'POST', `/app/${name}`, { body: { path: secretFile }, headers: { Cookie: firstCookie } })
        expect(answer.status, name).toBe(403)
        expect(answer.json?.message, name).toMatch(/only possible in the desktop app/)
        expect(answer.text, name).not.toContain('TOP-SECRET')
      }
      const content = await request(first, 'POST', '/app/import.dryRun', { body: { contentBase64: fs.readFileSync(secretFile).toString('base64') }, headers: { Cookie: firstCookie } })
      expect(content.status).toBe(200)
      expect(content.json.rows).toBe(1)
    } finally {
      removeDir(dir)
    }
  })

  it('serves the page to loopback Host names only, with the strict CSP', async () => {
    for (const host of ['evil.com', `evil.com:${first.port}`, `localhost.evil.com:${first.port}`, `192.168.1.10:${first.port}`]) {
      const answer = await request(first, 'GET', '/', { headers: { Host: host, Cookie: firstCookie } })
      expect(answer.status, host).toBe(403)
    }
    const page = await request(first, 'GET', '/', { headers: { Host: `127.0.0.1:${first.port}`, Cookie: firstCookie } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/)
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    expect(page.headers['cache-control']).toBe('no-store')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
  })
})

describe('no CORS', () => {
  it('answers no preflight and no cross-origin request with Access-Control headers', async () => {
    const preflight = await request(first, 'OPTIONS', '/api/users/lookup', {
      headers: { Origin: 'http://evil.com', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    })
    expect(preflight.status).toBeGreaterThanOrEqual(400)
    const answers = [
      preflight,
      await request(first, 'GET', '/', { headers: { Origin: 'http://evil.com', Cookie: firstCookie } }),
      await request(first, 'GET', '/api/users/lookup', { headers: { Origin: 'http://evil.com', Cookie: firstCookie } }),
      await request(first, 'POST', '/app/app.status', { body: {}, headers: { Origin: 'null', Cookie: firstCookie } }),
    ]
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400)
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
