// The Sync screen and the shell's sync status, end to end with two real engines: the app
// under test (the built renderer served by `serve --web` on its own fresh demo world, so
// configuring sync here leaves the shared e2e server untouched) and the strict stand-in
// hosted LMS (`serve --demo --hosted --token`), with a small HTTP proxy between them that can hold requests
// (to see a run in progress without timing luck) and refuse chosen ones with a 422.
import { expect, test, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scrollsSideways, seriousViolations, unique, uniqueEmail, countIn } from './helpers'
import { signIn, type SessionCookie } from './launch-session'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface Served {
  url: string
  token: string
  /** Browser mode: the session its one-time launch address gave (each test's browser is given it). */
  session?: SessionCookie
  stop(): Promise<void>
}

/** Opens a page of the laptop's app in a browser signed in to it. */
async function openLaptop(page: Page, hash: string): Promise<void> {
  const session = laptop.session as SessionCookie
  await page.context().addCookies([{ ...session, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }])
  await page.goto(`${laptop.url}/${hash}`)
}

/** `serve` as a child process on a free port with a fresh data folder (as test/http/server.ts does). */
async function startServe(options: { token: string; web?: boolean }): Promise<Served> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-e2e-sync-'))
  const args = ['--import', 'tsx', path.join(repoRoot, 'src/main/server/cli.ts'), '--port', '0', '--data', dataDir, '--demo', '--token', options.token]
  if (options.web) args.push('--web', path.join(repoRoot, 'out/renderer'))
  // The stand-in hosted LMS is the strict one: only what the reference documents.
  else args.push('--hosted')
  // process.execPath is the Node 22 that runs Playwright (better-sqlite3 13 needs it).
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const match = /LMS server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match && (!options.web || /\?launch=/.test(output))) resolve(match[1])
    })
    void exited.then(() => reject(new Error(`serve exited before listening:\n${output}`)))
  })
  const launch = /(http:\/\/127\.0\.0\.1:\d+\/\?launch=[A-Za-z0-9_-]+)/.exec(output)?.[1]
  return {
    url,
    token: options.token,
    ...(launch ? { session: await signIn(launch) } : {}),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

interface Proxy {
  url: string
  /** Requests wait until release(). */
  hold(): void
  release(): void
  held(): number
  /** Requests for which this answers true get a 422 instead of reaching the stand-in. */
  refuse: ((method: string, url: string, body: string) => boolean) | null
  stop(): Promise<void>
}

const REFUSAL = 'The email domain is not accepted by this site.'

async function startProxy(target: string): Promise<Proxy> {
  const to = new URL(target)
  let holding = false
  let waiting: (() => void)[] = []
  const proxy: Proxy = {
    url: '',
    hold: () => void (holding = true),
    release() {
      holding = false
      const go = waiting
      waiting = []
      for (const f of go) f()
    },
    held: () => waiting.length,
    refuse: null,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const forward = () => {
        if (proxy.refuse?.(req.method ?? '', req.url ?? '', body.toString('utf8'))) {
          res.writeHead(422, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify({ message: REFUSAL, errors: { email: [REFUSAL] } }))
          return
        }
        const upstream = http.request(
          { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(res)
          },
        )
        upstream.on('error', () => res.destroy())
        upstream.end(body)
      }
      if (holding) waiting.push(forward)
      else forward()
    })
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return proxy
}

/** The documented API of one of the two servers, with its token. */
async function call<T>(server: Served, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(server.url + route, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await response.json()) as unknown
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(json)}`)
  return json as T
}

async function standInUser(email: string): Promise<{ id: number; full_name: string; email: string } | undefined> {
  const users = await call<{ id: number; full_name: string; email: string }[]>(standIn, 'GET', '/api/users/lookup')
  return users.find((u) => u.email === email)
}

const pendingCount = async (page: Page) => countIn(await page.getByTestId('pending-changes').innerText())

async function openSync(page: Page): Promise<void> {
  await openLaptop(page, '#/sync')
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible()
  await expect(page.getByTestId('sync-state')).toBeVisible()
}

/** Clicks "Sync now" and waits for this run's summary. */
async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(page.getByTestId('sync-summary')).toBeVisible()
}

async function configure(page: Page, serverUrl: string, token: string): Promise<void> {
  const settings = page.getByRole('form', { name: 'Hosted LMS settings' })
  await settings.getByLabel('Hosted LMS address').fill(serverUrl)
  await settings.getByRole('textbox', { name: 'API token', exact: true }).fill(token)
  await settings.getByRole('button', { name: 'Save' }).click()
}

/**
 * Opens the edit-and-retry dialog of a parked record on the Sync screen (after a run parked
 * it), and records the retries the page sends from then on.
 */
async function openParkedEditor(page: Page, operation: string, row: string) {
  const table = page.getByRole('table', { name: 'Parked and blocked changes' })
  const parked = table.getByRole('row').filter({ hasText: operation }).filter({ hasText: row })
  await expect(parked).toContainText('Parked')
  await parked.getByRole('button', { name: 'Edit and retry' }).click()
  const retries: unknown[] = []
  page.on('request', (r) => r.url().endsWith('/app/sync.retry') && retries.push(r.postDataJSON()))
  return { table, editor: page.getByRole('dialog', { name: `Edit and retry: ${operation} for ${row}` }), retries }
}

/** As configure, typed at a person's speed. */
async function configureTyped(page: Page, serverUrl: string, token: string): Promise<void> {
  const settings = page.getByRole('form', { name: 'Hosted LMS settings' })
  const address = settings.getByLabel('Hosted LMS address')
  await address.clear()
  await address.pressSequentially(serverUrl, { delay: 60 })
  await settings.getByRole('textbox', { name: 'API token', exact: true }).pressSequentially(token, { delay: 60 })
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('sync-configured')).toContainText(`Configured for ${serverUrl}`)
}

/** The header's connection badge is on screen, whole, and the page does not scroll sideways. */
async function expectStatusInHeader(page: Page, text: string): Promise<void> {
  const badge = page.getByTestId('connection-state')
  await expect(badge).toBeVisible()
  await expect(badge).toHaveText(text)
  const box = await badge.boundingBox()
  const width = page.viewportSize()?.width ?? 0
  expect(box && box.x >= 0 && box.x + box.width <= width, `badge at ${JSON.stringify(box)} in a ${width} px wide window`).toBe(true)
  await expect(page.getByTestId('pending-changes')).toBeInViewport()
  expect(await scrollsSideways(page)).toBe(false)
}

let standIn: Served
let laptop: Served
let proxy: Proxy
const STAND_IN_TOKEN = `stand-in-${unique('t')}`
const firstUserEmail = uniqueEmail('sync')

test.describe.configure({ mode: 'serial' })

test.describe('Sync screen', () => {
  test.beforeAll(async () => {
    test.setTimeout(90_000)
    ;[standIn, laptop] = await Promise.all([startServe({ token: STAND_IN_TOKEN }), startServe({ token: `laptop-${unique('t')}`, web: true })])
    proxy = await startProxy(standIn.url)
  })

  test.afterAll(async () => {
    proxy?.release()
    await Promise.all([proxy?.stop(), standIn?.stop(), laptop?.stop()])
  })

  test('configure with a field error, then a new user goes to the stand-in with progress and a summary', async ({ page }) => {
    await openSync(page)
    await expect(page.getByTestId('connection-state')).toHaveText('Hosted LMS not configured')
    await expect(page.getByRole('button', { name: 'Sync now' })).toBeDisabled()

    // A bad address: the engine's 422 lands under the field.
    await configure(page, 'not a url', 'whatever')
    const address = page.getByRole('form', { name: 'Hosted LMS settings' }).getByLabel('Hosted LMS address')
    await expect(address).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText('The server url must be a valid URL.')).toBeVisible()
    await expect(address).toBeFocused()

    await configure(page, proxy.url, STAND_IN_TOKEN)
    await expect(page.getByTestId('sync-configured')).toContainText(`Configured for ${proxy.url}`)
    await expect(page.getByTestId('sync-configured')).toContainText('kept in a file only your user account can read')
    await expect(page.getByTestId('token-warning')).toContainText('The API token is stored in a file only your user account can read, not in the OS keychain.')
    await expect(address).not.toHaveAttribute('aria-invalid', 'true')
    // Saved, but nothing has answered yet: not "Online" (issue 14, finding 5).
    await expect(page.getByTestId('connection-state')).toHaveText('Not contacted yet')
    await expect(page.getByTestId('sync-state')).toHaveText('Not contacted yet')
    await expect(page.getByTestId('contact-fact')).toHaveText('Not contacted yet: nothing has answered since the address was saved')
    // The app's timer runs sync every few minutes: the next try is that time, or sooner.
    await expect(page.getByTestId('next-try')).toHaveText(/ \(automatic\), or sooner when you press Sync now or make a change$/)

    // The stand-in holds every request from here, so the run the new user starts stays in progress.
    proxy.hold()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click()
    await page.getByRole('button', { name: 'New user' }).click()
    const dialog = page.getByRole('dialog', { name: 'New user' })
    await dialog.getByLabel('First name').fill('Synced')
    await dialog.getByLabel('Last name').fill('Person')
    await dialog.getByLabel('Email').fill(firstUserEmail)
    await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('long enough password')
    await dialog.getByLabel('Confirm password').fill('long enough password')
    await dialog.getByRole('button', { name: 'Create user' }).click()
    await expect(dialog).toBeHidden()
    await expect.poll(() => pendingCount(page)).toBeGreaterThan(0)

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click()
    await expect(page.getByTestId('count-pending')).not.toHaveText('0')
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toBeVisible()
    await expect(page.getByTestId('connection-state')).toHaveText('Syncing…')
    await expect.poll(() => proxy.held()).toBeGreaterThan(0)
    proxy.release()

    const summary = page.getByTestId('sync-summary')
    await expect(summary).toContainText('Sync finished')
    await expect(summary).toContainText(/Sent 1 change, received \d+ records, 0 changes parked, 0 conflicts\./)
    await expect(page.getByRole('progressbar', { name: 'Sync progress' })).toBeHidden()
    await expect(page.getByTestId('pending-changes')).toHaveText(/^0 unsynced/)
    await expect(page.getByTestId('count-pending')).toHaveText('0')
    await expect(page.getByTestId('connection-state')).toHaveText('Online')
    await expect(page.getByTestId('contact-fact')).toHaveText(/^Answered /)
    await expect(page.getByText('Last success')).toBeVisible()
    expect((await standInUser(firstUserEmail))?.full_name).toBe('Synced Person')
  })

  test('a refused user is parked and blocks its enrollment; edit and retry sends both, and discard drops another', async ({ page }) => {
    proxy.refuse = (method, url, body) => method === 'POST' && url.startsWith('/api/user/create') && body.includes('refused')
    const refusedEmail = uniqueEmail('refused')
    const otherEmail = uniqueEmail('refused-too')
    const password = 'long enough password'
    const { id: refusedId } = await call<{ id: number }>(laptop, 'POST', '/api/user/create', {
      firstName: 'Parked',
      lastName: 'Person',
      email: refusedEmail,
      password,
      password_confirmation: password,
    })
    await call(laptop, 'POST', '/api/course/enroll/1', { studentIds: [refusedId] })
    const { id: otherId } = await call<{ id: number }>(laptop, 'POST', '/api/user/create', { firstName: 'Dropped', email: otherEmail, password, password_confirmation: password })

    await openSync(page)
    await syncNow(page)
    const table = page.getByRole('table', { name: 'Parked and blocked changes' })
    const parkedRow = table.getByRole('row').filter({ hasText: `user ${refusedId}` }).filter({ hasText: 'users.create' })
    await expect(parkedRow).toContainText('Parked')
    await expect(parkedRow).toContainText(REFUSAL)
    const blockedRow = table.getByRole('row').filter({ hasText: 'courses.enroll' })
    await expect(blockedRow).toContainText('Blocked')
    await expect(blockedRow).toContainText(`Waits for user ${refusedId}, which the hosted LMS refused`)
    await expect(blockedRow.getByRole('button')).toHaveCount(0)
    await expect(page.getByTestId('count-parked')).toHaveText('2')
    await expect(page.getByTestId('count-blocked')).toHaveText('1')
    expect(await seriousViolations(page)).toEqual([])

    // Discard the second refused user, after a confirmation.
    await table.getByRole('button', { name: `Discard users.create for user ${otherId}` }).click()
    const confirm = page.getByRole('dialog', { name: 'Discard this change?' })
    await expect(confirm).toContainText('will not be sent to the hosted LMS')
    await confirm.getByRole('button', { name: 'Discard change' }).click()
    await expect(confirm).toBeHidden()
    await expect(table.getByRole('row').filter({ hasText: `user ${otherId}` })).toHaveCount(0)
    await expect(page.getByRole('heading', { level: 2, name: 'Parked and blocked changes' })).toBeFocused()

    // Correct the email of the first and retry: the password stays hidden and is kept.
    await parkedRow.getByRole('button', { name: 'Edit and retry' }).click()
    const editor = page.getByRole('dialog', { name: `Edit and retry: users.create for user ${refusedId}` })
    await expect(editor).toContainText(REFUSAL)
    await expect(editor.getByLabel('password', { exact: true })).toBeDisabled()
    const fixedEmail = uniqueEmail('fixed')
    await editor.getByLabel('email', { exact: true }).fill(fixedEmail)
    await expect(async () => expect(await seriousViolations(page)).toEqual([])).toPass()
    const retried = page.waitForRequest((r) => r.url().endsWith('/app/sync.retry'))
    await editor.getByRole('button', { name: 'Save and retry' }).click()
    expect((await retried).postDataJSON()).toEqual({ id: expect.any(Number), input: { email: fixedEmail } })
    await expect(editor).toBeHidden()

    await expect(page.getByTestId('no-parked')).toBeVisible()
    await expect(page.getByTestId('count-blocked')).toHaveText('0')
    await expect(page.getByTestId('pending-changes')).toHaveText(/^0 unsynced/)
    const created = await standInUser(fixedEmail)
    expect(created?.full_name).toBe('Parked Person')
    expect(await standInUser(otherEmail)).toBeUndefined()
    // The enrollment that waited for the user went too.
    const enrolled = await call<{ records: { courseId: number }[] }>(standIn, 'GET', `/api/users/enrolled-courses?user_id=${created?.id}&page_size=100&page_number=1`)
    expect(enrolled.records.map((r) => r.courseId)).toEqual([1])
    proxy.refuse = null
  })

  test('a parked coupon is corrected in its number fields: a typo and an out-of-range value are refused under the field, the corrected numbers reach the hosted LMS', async ({ page }) => {
    const marker = unique('PARKED').replace(/[^A-Za-z0-9]/g, '')
    proxy.refuse = (method, url, body) => method === 'POST' && url.startsWith('/api/coupon/create') && body.includes(`"code":"${marker}"`)
    const { id: couponId } = await call<{ id: number }>(laptop, 'POST', '/api/coupon/create', { code: marker, value: 20, type: 'percent_amount', usage_limit: 50 })

    await openSync(page)
    await syncNow(page)
    const { table, editor, retries } = await openParkedEditor(page, 'coupons.create', `coupon ${couponId}`)
    const code = editor.getByLabel('code', { exact: true })
    const value = editor.getByLabel('value', { exact: true })
    const limit = editor.getByLabel('usage_limit', { exact: true })
    await expect(value).toHaveValue('20')
    await expect(limit).toHaveValue('50')

    // Typed as a trainer types: a letter O for a zero is caught here, before anything is sent.
    const fixedCode = `${marker}FIXED`
    await code.clear()
    await code.pressSequentially(fixedCode, { delay: 60 })
    await limit.clear()
    await limit.pressSequentially('7O', { delay: 60 })
    await editor.getByRole('button', { name: 'Save and retry' }).click()
    await expect(limit).toHaveAttribute('aria-invalid', 'true')
    await expect(editor).toContainText('Enter a number.')
    await expect(limit).toBeFocused()
    expect(retries).toEqual([])

    // A number the operation refuses (a percentage over 100) comes back under its field, and the typing stays.
    await limit.clear()
    await limit.pressSequentially('75', { delay: 60 })
    await value.clear()
    await value.pressSequentially('150', { delay: 60 })
    await editor.getByRole('button', { name: 'Save and retry' }).click()
    await expect(editor).toContainText('A percentage discount must be between 0 and 100.')
    await expect(value).toHaveValue('150')
    await expect(code).toHaveValue(fixedCode)
    await expect(editor).toBeVisible()

    await value.clear()
    await value.pressSequentially('15', { delay: 60 })
    await editor.getByRole('button', { name: 'Save and retry' }).click()
    await expect(editor).toBeHidden()
    expect(retries.at(-1)).toEqual({ id: expect.any(Number), input: { code: fixedCode, value: 15, usage_limit: 75 } })
    // The retry starts a sync of its own, as in the test above.
    await expect(table.getByRole('row').filter({ hasText: `coupon ${couponId}` })).toHaveCount(0)
    await expect(page.getByTestId('pending-changes')).toHaveText(/^0 unsynced/)
    const [hosted] = await call<{ id: number; code: string }[]>(standIn, 'GET', `/api/coupons/lookup?search_term=${fixedCode}`)
    expect(hosted?.code).toBe(fixedCode)
    const stored = await call<{ value: number; usage_limit: number; type: string }>(standIn, 'GET', `/api/coupon/${hosted.id}`)
    expect({ value: Number(stored.value), usage_limit: Number(stored.usage_limit), type: stored.type }).toEqual({ value: 15, usage_limit: 75, type: 'percent_amount' })
    proxy.refuse = null
  })

  test('a parked template is corrected in its JSON field: broken JSON is refused under the field, a field the operation refuses comes back, the corrected fields reach the hosted LMS', async ({ page }) => {
    const marker = unique('Parked template ')
    proxy.refuse = (method, url, body) => method === 'POST' && url.startsWith('/api/certificate_template') && body.includes(`"name":"${marker}"`)
    const field = { key: 'student_full_name', value: 'Student Full Name', font_size: 30, top: 200, left: 200, width: 500, height: 60 }
    const { id: templateId } = await call<{ id: number }>(laptop, 'POST', '/api/certificate_template', { name: marker, height: 600, width: 1000, fields: [field] })

    await openSync(page)
    await syncNow(page)
    const { table, editor, retries } = await openParkedEditor(page, 'certificateTemplates.create', `certificate_template ${templateId}`)
    const fields = editor.getByLabel('fields', { exact: true })
    // The queued fields as JSON, with the defaults the operation filled in.
    expect(JSON.parse(await fields.inputValue())).toEqual([{ ...field, align_center: false, font_family: 'Arial', font_color: '#222' }])

    // The closing bracket deleted by mistake: caught here, nothing sent.
    await fields.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Backspace')
    await editor.getByRole('button', { name: 'Save and retry' }).click()
    await expect(editor).toContainText('Enter valid JSON, for example [1, 2] or "text".')
    await expect(fields).toHaveAttribute('aria-invalid', 'true')
    await expect(fields).toBeFocused()
    expect(retries).toEqual([])

    // Valid JSON with a font size the operation refuses: its message comes back, the typing stays.
    const name = editor.getByLabel('name', { exact: true })
    await name.clear()
    await name.pressSequentially(`${marker} fixed`, { delay: 60 })
    const typed = (size: number) => JSON.stringify([{ key: 'course_name', font_size: size, top: 120, left: 80, width: 640, height: 48 }])
    await fields.clear()
    await fields.pressSequentially(typed(900), { delay: 50 })
    await editor.getByRole('button', { name: 'Save and retry' }).click()
    // Under the JSON field, led by where in the JSON it is, and focused.
    await expect(fields).toHaveAttribute('aria-invalid', 'true')
    await expect(fields).toHaveAccessibleDescription(/^\[0\]\.font_size: The font size may not be greater than 400\./)
    await expect(fields).toBeFocused()
    await expect(fields).toHaveValue(typed(900))
    await expect(editor).toBeVisible()
    // The message wraps inside the dialog on a phone and a tablet. (The page itself is not
    // measured: an open dialog locks its scrolling and pads it by the scrollbar's width.)
    const message = editor.getByText(/^\[0\]\.font_size: /)
    for (const size of [{ width: 390, height: 844 }, { width: 820, height: 1180 }]) {
      await page.setViewportSize(size)
      const frame = await editor.boundingBox()
      expect(frame && frame.x >= 0 && frame.x + frame.width <= size.width, `dialog at ${JSON.stringify(frame)} in a ${size.width} px wide window`).toBe(true)
      const box = await message.boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= size.width, `message at ${JSON.stringify(box)} in a ${size.width} px wide window`).toBe(true)
    }
    await page.setViewportSize({ width: 1366, height: 860 })

    await fields.clear()
    await fields.pressSequentially(typed(24), { delay: 50 })
    await editor.getByRole('button', { name: 'Save and retry' }).click()
    await expect(editor).toBeHidden()
    expect(retries.at(-1)).toEqual({ id: expect.any(Number), input: { name: `${marker} fixed`, fields: [{ key: 'course_name', font_size: 24, top: 120, left: 80, width: 640, height: 48 }] } })
    await expect(table.getByRole('row').filter({ hasText: `certificate_template ${templateId}` })).toHaveCount(0)
    await expect(page.getByTestId('pending-changes')).toHaveText(/^0 unsynced/)
    const hosted = (await call<{ id: number; name: string }[]>(standIn, 'GET', '/api/certificate_templates/lookup')).find((t) => t.name === `${marker} fixed`)
    expect(hosted).toBeDefined()
    const stored = await call<{ fields: Record<string, unknown>[] }>(standIn, 'GET', `/api/certificate_template/${hosted!.id}`)
    expect(stored.fields).toHaveLength(1)
    expect(stored.fields[0]).toMatchObject({ key: 'course_name', font_size: 24, top: 120, left: 80, width: 640, height: 48 })
    proxy.refuse = null
  })

  test('a parked user update is corrected with its switch: disabled turned off and the name fixed reach the hosted LMS', async ({ page }) => {
    const email = uniqueEmail('switch')
    const password = 'long enough password'
    const { id: localId } = await call<{ id: number }>(laptop, 'POST', '/api/user/create', { firstName: 'Switch', lastName: 'Person', email, password, password_confirmation: password })
    await openSync(page)
    await syncNow(page)
    await expect(page.getByTestId('pending-changes')).toHaveText(/^0 unsynced/)
    const hosted = await standInUser(email)
    expect(hosted).toBeDefined()

    const marker = unique('Refused')
    proxy.refuse = (method, url, body) => method === 'PUT' && url.startsWith(`/api/user/${hosted!.id}`) && body.includes(marker)
    await call(laptop, 'PUT', `/api/user/${localId}`, { firstName: 'Switch', lastName: marker, email, disabled: true })
    await syncNow(page)
    const { table, editor, retries } = await openParkedEditor(page, 'users.update', `user ${localId}`)
    // The user's own id is sync's to translate; the switch shows what was queued.
    await expect(editor.getByLabel('id', { exact: true })).toBeDisabled()
    const disabled = editor.getByRole('switch', { name: 'disabled' })
    await expect(disabled).toBeChecked()

    await disabled.focus()
    await page.keyboard.press('Space')
    await expect(disabled).not.toBeChecked()
    const lastName = editor.getByLabel('lastName', { exact: true })
    await lastName.clear()
    await lastName.pressSequentially('Corrected', { delay: 60 })
    await editor.getByRole('button', { name: 'Save and retry' }).click()
    await expect(editor).toBeHidden()
    expect(retries).toEqual([{ id: expect.any(Number), input: { lastName: 'Corrected', disabled: false } }])
    await expect(table.getByRole('row').filter({ hasText: `user ${localId}` })).toHaveCount(0)
    await expect(page.getByTestId('pending-changes')).toHaveText(/^0 unsynced/)
    const stored = await call<{ firstName: string; lastName: string; disabled: unknown }>(standIn, 'GET', `/api/user/${hosted!.id}`)
    expect({ firstName: stored.firstName, lastName: stored.lastName, disabled: Boolean(stored.disabled) }).toEqual({ firstName: 'Switch', lastName: 'Corrected', disabled: false })
    proxy.refuse = null
  })

  test('a field changed on both sides is a conflict with both values; taking theirs resolves it; a server delete is a notice', async ({ page }) => {
    const mine = `Mine${unique('')}`
    const theirs = `Theirs${unique('')}`
    const local4 = await call<{ firstName: string; lastName: string; email: string }>(laptop, 'GET', '/api/user/4')
    // Someone on the hosted LMS renames them, sending what PUT user/{id} requires (their current details).
    const there4 = await call<Record<string, unknown>>(standIn, 'GET', '/api/user/4')
    await call(standIn, 'PUT', '/api/user/4', { ...there4, firstName: theirs })
    await call(laptop, 'PUT', '/api/user/4', { firstName: mine, lastName: local4.lastName, email: local4.email })

    await openLaptop(page, '#/users')
    const badge = page.getByTestId('conflicts-badge')
    // The local write starts a run by itself; until then, Sync now from the Sync screen would do the same.
    await expect(badge).toHaveText('1 conflict')
    await badge.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible()

    // Named by the row as it is here (its email does not change in this conflict).
    const conflict = page.getByRole('article', { name: new RegExp(`^First name of User .* \\(${local4.email.replace(/[.]/g, '\\.')}\\)$`) })
    await expect(conflict.getByTestId('base')).toHaveText(/John/)
    await expect(conflict.getByTestId('mine')).toContainText(mine)
    await expect(conflict.getByTestId('theirs')).toContainText(theirs)
    await expect(page.getByTestId('count-conflicts')).toHaveText('1')
    // The local update waits for the choice.
    const held = page.getByRole('table', { name: 'Parked and blocked changes' }).getByRole('row').filter({ hasText: 'users.update' })
    await expect(held).toContainText('choose mine or theirs in Sync')
    await expect(held).toContainText('Waits for your choice under Conflicts')
    expect(await seriousViolations(page)).toEqual([])

    await conflict.getByRole('button', { name: 'Take theirs' }).click()
    await expect(page.getByTestId('no-conflicts')).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: 'Conflicts' })).toBeFocused()
    await expect(badge).toBeHidden()
    await expect(page.getByTestId('no-parked')).toBeVisible()
    await expect.poll(async () => (await call<{ firstName: string }>(laptop, 'GET', '/api/user/4')).firstName).toBe(theirs)
    await expect(page.getByTestId('pending-changes')).toHaveText(/^0 unsynced/)
    expect((await call<{ firstName: string }>(standIn, 'GET', '/api/user/4')).firstName).toBe(theirs)

    // A user deleted on the hosted LMS is removed here too, and the screen says so.
    const gone = await standInUser(firstUserEmail)
    await call(standIn, 'POST', '/api/user/delete', { delete_ids: [gone?.id] })
    await syncNow(page)
    await expect(page.getByTestId('sync-notices')).toContainText(`Synced Person (${firstUserEmail}) was deleted on the hosted LMS`)
  })

  test('a refused token pauses sync and asks for a new one; coming back online syncs; reset asks first', async ({ page }) => {
    await openSync(page)
    await configure(page, proxy.url, 'not-the-token')
    await expect(page.getByTestId('sync-configured')).toContainText('Configured')
    await syncNow(page)
    await expect(page.getByTestId('sync-summary')).toContainText('The hosted LMS refused the API token.')
    await expect(page.getByTestId('connection-state')).toHaveText('Token refused')
    const prompt = page.getByTestId('token-refused')
    await expect(prompt).toBeVisible()
    await expect(page.getByRole('button', { name: 'Sync now' })).toBeDisabled()
    expect(await seriousViolations(page)).toEqual([])

    await prompt.getByRole('textbox', { name: 'New API token', exact: true }).fill(STAND_IN_TOKEN)
    await prompt.getByRole('button', { name: 'Save token and sync' }).click()
    await expect(page.getByTestId('sync-summary')).toContainText('Sync finished')
    await expect(prompt).toBeHidden()
    await expect(page.getByTestId('connection-state')).toHaveText('Online')

    // The browser going offline shows in the header; coming back online starts a run.
    await page.context().setOffline(true)
    await expect(page.getByTestId('connection-state')).toHaveText('Offline')
    const run = page.waitForRequest((r) => r.url().endsWith('/app/sync.now'))
    await page.context().setOffline(false)
    await run
    await expect(page.getByTestId('sync-summary')).toContainText('Sync finished')
    await expect(page.getByTestId('connection-state')).toHaveText('Online')

    await page.getByRole('button', { name: 'Reset sync state' }).click()
    const confirm = page.getByRole('dialog', { name: 'Reset sync state?' })
    await expect(confirm).toContainText('Unsent changes on this computer are kept')
    await confirm.getByRole('button', { name: 'Reset sync state' }).click()
    await expect(confirm).toBeHidden()
    await expect(page.getByText('Sync state reset')).toBeVisible()
  })

  test('the header and the Sync screen name the address and the reason; on a phone and a tablet the status stays in the header', async ({ page }) => {
    // A closed port: a server started and stopped again, so nothing listens there.
    const gone = http.createServer()
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', () => resolve()))
    const closedUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`
    await new Promise<void>((resolve) => gone.close(() => resolve()))
    // A web server that is not the LMS: it answers every request with a page.
    const site = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<!doctype html><title>Intranet</title><h1>Welcome</h1>')
    })
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()))
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
    try {
      await openSync(page)
      await configureTyped(page, closedUrl, STAND_IN_TOKEN)
      await expect(page.getByTestId('connection-state')).toHaveText('Not contacted yet')
      await syncNow(page)
      await expect(page.getByTestId('connection-state')).toHaveText('Connection refused')
      const problem = page.getByTestId('contact-problem')
      await expect(problem).toContainText(`${closedUrl.slice('http://'.length)} refused the connection`)
      await expect(page.getByTestId('sync-summary')).toContainText('could not be reached')
      await expect(page.getByTestId('contact-fact')).toContainText('Not reached at the last try')
      // Not "None scheduled": when it tries again, and what else starts it.
      await expect(page.getByTestId('next-try')).toHaveText(/ \(a retry\), or sooner when you press Sync now or make a change$/)
      expect(await seriousViolations(page)).toEqual([])

      await configureTyped(page, siteUrl, STAND_IN_TOKEN)
      // The retry scheduled after the refused connection may reach the new address before Sync now is pressed.
      await expect(page.getByTestId('connection-state')).toHaveText(/^(Not contacted yet|Not the LMS API)$/)
      await syncNow(page)
      await expect(page.getByTestId('connection-state')).toHaveText('Not the LMS API')
      await expect(problem).toContainText(`${siteUrl} answered with a web page (HTML), HTTP 200, not as the LMS API`)
      await expect(page.getByTestId('sync-state')).toHaveText('Check the address')
      expect(await seriousViolations(page)).toEqual([])

      await page.setViewportSize({ width: 390, height: 844 })
      await expectStatusInHeader(page, 'Not the LMS')
      await page.setViewportSize({ width: 820, height: 1180 })
      await expectStatusInHeader(page, 'Not the LMS API')

      await configureTyped(page, proxy.url, STAND_IN_TOKEN)
      await syncNow(page)
      await expect(page.getByTestId('sync-summary')).toContainText('Sync finished')
      await expectStatusInHeader(page, 'Online')
      await expect(problem).toBeHidden()
      await page.setViewportSize({ width: 390, height: 844 })
      await expectStatusInHeader(page, 'Online')
    } finally {
      await new Promise<void>((resolve) => site.close(() => resolve()))
    }
  })
})
