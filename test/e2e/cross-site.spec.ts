// Issue 16, finding 2: no web page but the app's own can drive the local server. A page of
// another origin, served by a second local server, tries what a malicious page would: a
// no-cors fetch with a JSON body sent as text/plain, a CORS fetch, the documented GET write
// (class/update-class-status) as a fetch and as an <img>, and form posts (text/plain JSON,
// multipart, urlencoded, a GET form). Against browser mode (this run's server, whose session
// cookie the test browser holds: SameSite=Strict sends it to a page on 127.0.0.1's other
// ports, the same site) from 127.0.0.1 and from localhost (another site), and against a
// `serve` without a token. The page reaches each server through a small counting proxy, so
// the test knows every attempt arrived and what the server answered: all refused, nothing
// written (users, attendance, the change queue, checked through the API afterwards).
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { api, unique } from './helpers'

const APP_PORT = Number(process.env.LMS_E2E_PORT ?? 5199)

interface Seen {
  method: string
  path: string
  status: number
}

interface Running {
  port: number
  close(): Promise<void>
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

const closing = (server: http.Server) => () =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })

/** Forwards to 127.0.0.1:target as it came (Host set to the target's), noting each request and the status it got. */
async function countingProxy(target: number, seen: Seen[]): Promise<Running> {
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${target}` } }, (answer) => {
      seen.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0], status: answer.statusCode ?? 0 })
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  return { port: await listen(server), close: closing(server) }
}

/** The attack page: every way a page can send a request without the server's consent. */
function attackPage(config: { target: string; tag: string; enrollment: number; classId: number }): string {
  const user = (name: string) => ({ firstName: 'Evil', lastName: name, email: `evil.${config.tag}.${name}@example.org`, password: 'long enough password', password_confirmation: 'long enough password' })
  const textPlainName = JSON.stringify({ ...user('textform'), pad: '' }).slice(0, -2)
  return `<!doctype html><html><head><title>attacking</title></head><body>
<iframe name="f1"></iframe><iframe name="f2"></iframe><iframe name="f3"></iframe><iframe name="f4"></iframe>
<form id="textplain" method="POST" enctype="text/plain" target="f1" action="${config.target}/api/user/create"><input name='${textPlainName.replace(/'/g, '&#39;')}' value='"}'></form>
<form id="multipart" method="POST" enctype="multipart/form-data" target="f2" action="${config.target}/api/user/create">${Object.entries(user('multipart')).map(([k, v]) => `<input name="${k}" value="${v}">`).join('')}</form>
<form id="urlencoded" method="POST" target="f3" action="${config.target}/api/user/create">${Object.entries(user('urlencoded')).map(([k, v]) => `<input name="${k}" value="${v}">`).join('')}</form>
<form id="getform" method="GET" target="f4" action="${config.target}/api/class/update-class-status"><input name="id" value="${config.enrollment}"><input name="status" value="Cancelled"><input name="classId" value="${config.classId}"></form>
<script>
const c = ${JSON.stringify({ ...config, users: { nocors: user('nocors'), cors: user('cors') } })}
const settle = (p) => p.then(() => 'sent', () => 'blocked')
const loaded = (el) => new Promise((resolve) => { el.onload = el.onerror = () => resolve() })
;(async () => {
  await settle(fetch(c.target + '/api/user/create', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(c.users.nocors) }))
  await settle(fetch(c.target + '/api/user/create', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(c.users.cors) }))
  await settle(fetch(c.target + '/api/class/update-class-status?id=' + c.enrollment + '&status=Cancelled&classId=' + c.classId, { mode: 'no-cors', credentials: 'include' }))
  const img = new Image()
  const imgDone = loaded(img)
  img.src = c.target + '/api/class/update-class-status?id=' + c.enrollment + '&status=No%20Show&classId=' + c.classId
  await imgDone
  for (const [form, frame] of [['textplain', 'f1'], ['multipart', 'f2'], ['urlencoded', 'f3'], ['getform', 'f4']]) {
    const done = loaded(document.querySelector('iframe[name=' + frame + ']'))
    document.getElementById(form).submit()
    await done
  }
  document.title = 'done'
})()
</script></body></html>`
}

async function attackServer(): Promise<Running & { html: Map<string, string> }> {
  const html = new Map<string, string>()
  const server = http.createServer((req, res) => {
    const page = html.get((req.url ?? '').split('?')[0])
    res.writeHead(page ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(page ?? 'not found')
  })
  return { port: await listen(server), close: closing(server), html }
}

type Call = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<any>

/** A class open for marks and a learner in it whom the attack would mark Cancelled or No Show. */
async function attendanceTarget(call: Call): Promise<{ classId: number; enrollment: number; status: string }> {
  for (let classId = 1; classId <= 10; classId++) {
    const roster = await call('POST', '/app/attendance.roster', { classId }).catch(() => null)
    if (!roster || roster.signedOff) continue
    const learner = roster.learners.find((l: { status: string }) => l.status === 'Registered' || l.status === 'Attended')
    if (learner) return { classId, enrollment: learner.enrollmentId, status: learner.status }
  }
  throw new Error('no open class with a learner to attack')
}

/** What the attack could have changed, as the API tells it. */
async function observed(call: Call, tag: string, classId: number, enrollment: number) {
  const users = await call('GET', `/api/users/tabularlist?page_size=50&page_number=1&search_param=${encodeURIComponent(JSON.stringify({ nameOrEmail: `evil.${tag}.` }))}`)
  const roster = await call('POST', '/app/attendance.roster', { classId })
  const status = await call('POST', '/app/app.status', {})
  return {
    users: users.recordsFiltered as number,
    mark: roster.learners.find((l: { enrollmentId: number }) => l.enrollmentId === enrollment)?.status as string,
    pending: status.pendingChanges as number,
  }
}

async function runAttack(page: Page, attacker: { port: number; html: Map<string, string> }, host: string, target: string, config: { tag: string; enrollment: number; classId: number }): Promise<void> {
  const name = `/attack-${unique('')}`
  attacker.html.set(name, attackPage({ target, ...config }))
  await page.goto(`http://${host}:${attacker.port}${name}`)
  await expect(page).toHaveTitle('done', { timeout: 20_000 })
}

/** Every attempt arrived at the server, and each was refused. */
function expectAllRefused(seen: readonly Seen[]): void {
  const paths = new Set(seen.map((s) => s.path))
  for (const p of ['/api/user/create', '/api/class/update-class-status']) expect([...paths], p).toContain(p)
  expect(seen.length).toBeGreaterThanOrEqual(8)
  for (const s of seen) expect([403, 415], `${s.method} ${s.path}`).toContain(s.status)
}

let attacker: Awaited<ReturnType<typeof attackServer>>
test.beforeAll(async () => {
  attacker = await attackServer()
})
test.afterAll(async () => {
  await attacker?.close()
})

test.describe('browser mode refuses pages of other origins', () => {
  for (const host of ['127.0.0.1', 'localhost']) {
    test(`a page on ${host}:<another port> cannot create users or mark attendance (${host === '127.0.0.1' ? 'same site: the session cookie goes along' : 'another site'})`, async ({ page }) => {
      await page.goto('/')
      await expect(page.getByTestId('status-area')).toBeVisible()
      const call: Call = (method, path, body) => api<any>(page, method, path, body)
      const tag = unique('x')
      const target = await attendanceTarget(call)
      const before = await observed(call, tag, target.classId, target.enrollment)
      const seen: Seen[] = []
      const proxy = await countingProxy(APP_PORT, seen)
      try {
        await runAttack(page, attacker, host, `http://127.0.0.1:${proxy.port}`, { tag, ...target })
      } finally {
        await proxy.close()
      }
      expectAllRefused(seen)
      await page.goto('/')
      expect(await observed(call, tag, target.classId, target.enrollment)).toEqual({ ...before, mark: target.status })
    })
  }
})

test.describe('a serve without a token refuses pages of other origins', () => {
  let bare: ChildProcess
  let barePort = 0
  let bareData = ''
  test.beforeAll(async () => {
    bareData = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-bare-'))
    bare = spawn(process.execPath, ['--import', 'tsx', 'src/main/server/cli.ts', '--port', '0', '--data', bareData, '--demo'], { stdio: ['ignore', 'pipe', 'inherit'] })
    barePort = await new Promise<number>((resolve, reject) => {
      let out = ''
      bare.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
        if (match) resolve(Number(match[1]))
      })
      bare.once('exit', () => reject(new Error(`serve exited: ${out}`)))
    })
  })
  test.afterAll(async () => {
    if (bare && bare.exitCode === null) {
      const exited = new Promise((resolve) => bare.once('exit', resolve))
      bare.kill('SIGTERM')
      await exited
    }
    if (bareData) fs.rmSync(bareData, { recursive: true, force: true })
  })

  test('a page on another port cannot create users or mark attendance; a tool on the machine still can', async ({ page, request }) => {
    // Non-browser clients (no Origin, no Sec-Fetch-Site) keep working without a token.
    const call: Call = async (method, path, body) => {
      const answer = await request.fetch(`http://127.0.0.1:${barePort}${path}`, { method, data: body })
      if (!answer.ok()) throw new Error(`${method} ${path}: ${answer.status()}`)
      return answer.json()
    }
    const tag = unique('b')
    const target = await attendanceTarget(call)
    const before = await observed(call, tag, target.classId, target.enrollment)
    const seen: Seen[] = []
    const proxy = await countingProxy(barePort, seen)
    try {
      await runAttack(page, attacker, '127.0.0.1', `http://127.0.0.1:${proxy.port}`, { tag, ...target })
    } finally {
      await proxy.close()
    }
    expectAllRefused(seen)
    expect(await observed(call, tag, target.classId, target.enrollment)).toEqual({ ...before, mark: target.status })
    // The tool's own writes still go through.
    const tool = await call('POST', '/api/user/create', { firstName: 'Tool', lastName: 'User', email: `tool.${tag}@example.org`, password: 'long enough password', password_confirmation: 'long enough password' })
    expect(tool.id).toBeGreaterThan(0)
  })
})
