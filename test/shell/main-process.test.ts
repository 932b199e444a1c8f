// The Electron main process (src/main/index.ts and the shell modules it wires) run against a
// stand-in 'electron' module (Electron itself cannot run here; it is outside the product):
// one instance, the app:// and lms-file:// protocols, the IPC sender check, downloads, the
// keychain, and what a locked or damaged data folder shows. The engine behind it is real:
// a worker thread on a real data folder.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { IPC_INVOKE } from '../../src/shared/contract/bridge'
import type { Result } from '../../src/shared/contract/result'
import { openLmsEngine } from '../../src/main/host/open-engine'
import { HOLDER_FILE } from '../../src/main/engine/db/folder-lock'
import { DATABASE_FILE } from '../../src/main/engine/db/open'
import { QUEUE_KEY_FILE, SecretSealer } from '../../src/main/engine/queue-key'
import { KEYCHAIN_QUEUE_KEY_FILE } from '../../src/main/shell/keychain'
import { clientOf, fakeClock, removeDir, tempDir, validUser } from '../engine/helpers'
import { asyncTestClient, type AsyncTestClient } from '../support/client'
import { corruptPageInTheMiddle } from '../safety/damage'
import { createStandIn, type StandIn, type StandInBrowserWindow } from './electron-stand-in'

const holder = vi.hoisted(() => ({ current: null as unknown as StandIn }))
// vitest keeps a mock factory's result across vi.resetModules: the module forwards to the stand-in of the current launch.
vi.mock('electron', () => {
  const names = ['app', 'BrowserWindow', 'ipcMain', 'protocol', 'session', 'safeStorage', 'dialog', 'shell']
  return Object.fromEntries(names.map((name) => [name, new Proxy(function () {}, {
    get: (_target, key) => Reflect.get(holder.current.electron[name] as object, key),
    set: (_target, key, value) => Reflect.set(holder.current.electron[name] as object, key, value),
    construct: (_target, args) => Reflect.construct(holder.current.electron[name] as new (...a: unknown[]) => object, args),
    apply: (_target, self, args) => Reflect.apply(holder.current.electron[name] as (...a: unknown[]) => unknown, self, args),
  })]))
})
vi.mock('../../src/main/host/engine-worker?modulePath', async () => {
  const { fileURLToPath } = await import('node:url')
  return { default: fileURLToPath(new URL('../../src/main/host/engine-worker.dev.mjs', import.meta.url)) }
})

/** electron-vite declares the dev server variable read-only; the test sets it as electron-vite would. */
const env = process.env as Record<string, string | undefined>
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
  delete env['ELECTRON_RENDERER_URL']
})

/** Waits for cond (also outside a test, where expect.poll cannot run). */
async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

type IpcFrame = { url?: string; parent?: unknown; sender?: unknown }

interface Launched {
  electron: StandIn
  userData: string
  dataDir: string
  window: () => StandInBrowserWindow | undefined
  invoke(name: string, input?: unknown, frame?: IpcFrame): Promise<Result<any>>
  /** The typed client over this window's IPC, sent as from `frame` (the app window's own by default). */
  ipc(frame?: IpcFrame): AsyncTestClient
  quit(): Promise<void>
}

/** Starts the main process as Electron would: imported, then ready; answers the profile question with "my site" unless told. */
async function launch(options: { userData?: string; devServerUrl?: string; singleInstanceLock?: boolean; encryption?: boolean; responses?: number[] } = {}): Promise<Launched> {
  const userData = options.userData ?? tempDir('lms-userdata-')
  if (!options.userData) cleanups.push(() => removeDir(userData))
  const electron = createStandIn()
  electron.config.singleInstanceLock = options.singleInstanceLock ?? true
  electron.config.encryptionAvailable = options.encryption ?? true
  electron.config.paths = { userData, temp: path.join(userData, 'temp'), downloads: path.join(userData, 'Downloads') }
  fs.mkdirSync(electron.config.paths['temp']!, { recursive: true })
  electron.config.messageBoxResponses = [...(options.responses ?? [1])]
  holder.current = electron
  if (options.devServerUrl) env['ELECTRON_RENDERER_URL'] = options.devServerUrl
  vi.resetModules()
  await import('../../src/main/index')
  const window = () => electron.windows[0]
  const launched: Launched = {
    electron,
    userData,
    get dataDir() {
      const { profile } = JSON.parse(fs.readFileSync(path.join(userData, 'profile.json'), 'utf8')) as { profile: string }
      return path.join(userData, 'profiles', profile)
    },
    window,
    async invoke(name, input = {}, frame = {}) {
      const win = window()
      const handler = electron.ipcHandlers.get(IPC_INVOKE)
      if (!handler) throw new Error('no IPC handler registered')
      const url = frame.url ?? win?.webContents.getURL() ?? ''
      const event = { sender: frame.sender ?? win?.webContents, senderFrame: { url, parent: frame.parent ?? null } }
      return handler(event, name, input)
    },
    ipc: (frame = {}) => asyncTestClient((name, input) => launched.invoke(name, input, frame)),
    async quit() {
      electron.app.quit()
      if (!window()) return
      // The engine closes in the background on before-quit; its lock goes last.
      await until(() => !fs.existsSync(path.join(launched.dataDir, HOLDER_FILE)), 15_000, 'the engine to close')
    },
  }
  if (electron.config.singleInstanceLock) {
    electron.app.becomeReady()
    await until(() => Boolean(window()) || electron.errorBoxes.length > 0 || electron.app.quitCalls > 0, 30_000, 'a window, an error or quit')
    cleanups.push(() => launched.quit())
  }
  return launched
}

// One start of the app for the tests that only look at it (each start compiles a new engine worker).
let running: Launched
/** Electron calls made by the running app from now on reach its own stand-in. */
const use = (launched: Launched) => ((holder.current = launched.electron), launched)
const sharedCleanups: (() => unknown)[] = []
beforeAll(async () => {
  running = await launch()
  sharedCleanups.push(...cleanups.splice(0))
}, 60_000)
afterAll(async () => {
  while (sharedCleanups.length) await sharedCleanups.pop()!()
})

describe('one instance', () => {
  it('a second start finds the lock held, quits, and registers nothing', async () => {
    const second = await launch({ singleInstanceLock: false })
    second.electron.app.becomeReady()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(second.electron.app.singleInstanceRequests).toBe(1)
    expect(second.electron.app.quitCalls).toBe(1)
    expect(second.electron.ipcHandlers.size).toBe(0)
    expect(second.electron.protocolHandlers.size).toBe(0)
    expect(second.window()).toBeUndefined()
  })

  it('the first instance brings its window to the front when a second one starts', async () => {
    const first = use(running)
    const win = first.window()!
    win.minimized = true
    first.electron.app.emit('second-instance', {}, ['lms-offline'], process.cwd())
    expect(win.minimized).toBe(false)
    expect(win.focused).toBe(1)
  })
})

describe('the page comes from app://', () => {
  it('registers app:// and lms-file:// as privileged in one call before ready, and loads app://lms/index.html', async () => {
    const started = use(running)
    expect(started.electron.privilegedCalls).toBe(1)
    expect(started.electron.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      expect.objectContaining({ scheme: 'lms-file' }),
    ])
    expect(started.window()!.webContents.getURL()).toBe('app://lms/index.html')
  })

  it('app:// answers files of the renderer folder only: other hosts, traversal and methods other than GET are refused', async () => {
    const started = use(running)
    const app = started.electron.protocolHandlers.get('app')!
    const page = await app(new Request('app://lms/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    expect(await page.text()).toContain('<div id="root">')
    const outside = fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')
    for (const url of [
      'app://lms/../package.json',
      'app://lms/%2e%2e/%2e%2e/package.json',
      'app://lms/..%2f..%2fpackage.json',
      'app://lms/..%2f..%2f..%2fpackage.json',
      'app://lms/..%5c..%5cpackage.json',
      'app://lms/%2e%2e%2f%2e%2e%2fmain%2findex.ts',
      'app://lms/%00index.html',
      'app://lms/%E0%A4%A',
      'app://evil/index.html',
      'app://lms.evil/index.html',
      'app://lms/no-such-file.js',
    ]) {
      const answer = await app(new Request(url))
      expect(answer.status, url).toBe(404)
      expect(await answer.text(), url).not.toContain(outside.slice(0, 40))
    }
    expect((await app(new Request('app://lms/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
  })

  it('lms-file:// answers stored uploads with a CSP sandbox (PDFs excepted, for the viewer) and nosniff; unknown files 404', async () => {
    const started = use(running)
    const files = started.electron.protocolHandlers.get('lms-file')!
    const text = await started.ipc().call('assignments.upload', { file: { name: 'notes.txt', contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64') } })
    const answer = await files(new Request(text.s3_url))
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/)
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const pdf = await started.ipc().call('assignments.upload', { file: { name: 'essay.pdf', contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') } })
    expect((await files(new Request(pdf.s3_url))).headers.get('content-type')).toBe('application/pdf')
    expect((await files(new Request(`lms-file://uploads/${'0'.repeat(64)}/x.txt`))).status).toBe(404)
  })
})

describe('IPC from the page', () => {
  it('accepts only the main window top frame at exactly app://lms; refuses other frames, windows and look-alike origins without calling the engine', async () => {
    const started = use(running)
    await started.ipc().call('app.status')
    await started.ipc({ url: 'app://lms/index.html#/grading?x=1' }).call('app.status', {})
    const users = async () => (await started.ipc().call('users.lookup')).length
    const before = await users()
    for (const frame of [
      { url: 'file:///app/out/renderer/index.html' },
      { url: 'app://lms.evil/index.html' },
      { url: 'app://lms:8080/index.html' },
      { url: 'app://user@lms/index.html' },
      { url: 'http://localhost:5173/' },
      { url: 'lms-file://uploads/abc/x.html' },
      { url: 'blob:app://lms/5d1c' },
      { url: 'app://lms/index.html', parent: { url: 'app://lms/index.html' } },
      { url: 'app://lms/index.html', sender: { other: 'web contents' } },
    ]) {
      const refused = await started.ipc(frame).result('users.create', validUser())
      expect(refused, JSON.stringify(frame)).toEqual({ ok: false, error: { code: 'forbidden', status: 403, message: 'Calls are only accepted from the app window.' } })
    }
    expect(await users()).toBe(before)
  })

  it('in development, exactly the dev server origin: localhost:51730 does not pass for localhost:5173', async () => {
    const started = await launch({ devServerUrl: 'http://localhost:5173' })
    expect(started.window()!.webContents.getURL()).toBe('http://localhost:5173')
    await started.ipc({ url: 'http://localhost:5173/#/users' }).call('app.status', {})
    for (const url of ['http://localhost:51730/', 'http://localhost:5173.evil.example/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'app://lms/index.html']) {
      expect((await started.ipc({ url }).result('app.status', {})).ok, url).toBe(false)
    }
  })
})

describe('downloads', () => {
  function download(started: Launched, url: string, filename: string) {
    const item = { saveDialog: null as null | { defaultPath: string }, getURL: () => url, getFilename: () => filename, setSaveDialogOptions: (o: { defaultPath: string }) => (item.saveDialog = o) }
    const event = { prevented: false, preventDefault: () => (event.prevented = true) }
    started.electron.session.emit('will-download', event, item, started.window()!.webContents)
    return { event, item }
  }

  it("saves the page's own blobs and stored uploads through a save dialog with a clean name; refuses every other download", async () => {
    const started = use(running)
    const downloads = path.join(started.userData, 'Downloads')
    const own = download(started, 'blob:app://lms/6f1e2d', 'Certificates - Fire Safety.pdf')
    expect(own.event.prevented).toBe(false)
    expect(own.item.saveDialog?.defaultPath).toBe(path.join(downloads, 'Certificates - Fire Safety.pdf'))
    const sneaky = download(started, 'lms-file://uploads/abc/x', '../../.bashrc')
    expect(sneaky.item.saveDialog?.defaultPath).toBe(path.join(downloads, 'bashrc'))
    expect(download(started, 'blob:app://lms/1', 'CON.txt').item.saveDialog?.defaultPath).toBe(path.join(downloads, 'download-CON.txt'))
    for (const url of ['https://evil.example/setup.exe', 'file:///etc/passwd', 'blob:https://evil.example/1', 'blob:app://lms.evil/1', 'data:text/html,<script>1</script>']) {
      const refused = download(started, url, 'x.exe')
      expect(refused.event.prevented, url).toBe(true)
      expect(refused.item.saveDialog, url).toBeNull()
    }
  })
})

describe('the hosted LMS token and the keychain (safeStorage)', () => {
  it('is kept encrypted in a 0600 file, never in clear, and read back at the next start', async () => {
    const token = `hosted-token-${Date.now()}`
    const first = await launch()
    await first.ipc().call('sync.configure', { serverUrl: 'http://127.0.0.1:9/', token })
    const file = path.join(first.dataDir, 'sync-token.enc')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(fs.readFileSync(file).includes(Buffer.from(token))).toBe(false)
    expect(fs.existsSync(path.join(first.dataDir, 'sync-token'))).toBe(false)
    await first.quit()
    cleanups.pop()
    const second = await launch({ userData: first.userData })
    // Configured again from the keychain file alone (tokenStorage says "none" without a token).
    expect(await second.ipc().call('sync.status')).toMatchObject({ configured: true, tokenStorage: 'os-keychain', tokenWarning: null })
  })

  it('seals queued passwords with a key the keychain keeps, the same key at the next start', async () => {
    const password = `Keychain-Sealed-${Date.now()}`
    const first = await launch()
    await first.ipc().call('users.create', validUser({ password, password_confirmation: password }))
    const keyFile = path.join(first.dataDir, KEYCHAIN_QUEUE_KEY_FILE)
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(fs.existsSync(path.join(first.dataDir, QUEUE_KEY_FILE))).toBe(false)
    await first.quit()
    cleanups.pop()
    const second = await launch({ userData: first.userData })
    await second.ipc().call('users.create', validUser({ password: `${password}-2`, password_confirmation: `${password}-2` }))
    await second.quit()
    cleanups.pop()
    cleanups.push(() => removeDir(first.userData))
    const db = new Database(path.join(first.dataDir, DATABASE_FILE), { readonly: true })
    const inputs = (db.prepare("SELECT input FROM change_records WHERE operation = 'users.create' ORDER BY id").all() as { input: string }[]).map((r) => JSON.parse(r.input))
    db.close()
    expect(JSON.stringify(inputs)).not.toContain(password)
    // Opened with the key as the keychain gives it back: both were sealed with it.
    const sealer = new SecretSealer(() => Buffer.from((second.electron.electron.safeStorage as { decryptString(b: Buffer): string }).decryptString(fs.readFileSync(keyFile)), 'base64'))
    expect(inputs.map((i) => sealer.open(i).password)).toEqual([password, `${password}-2`])
  })

  it('without a keychain the token goes to a 0600 file and sync.status says so', async () => {
    const started = await launch({ encryption: false })
    await started.ipc().call('sync.configure', { serverUrl: 'http://127.0.0.1:9/', token: 'file-token' })
    expect(fs.statSync(path.join(started.dataDir, 'sync-token')).mode & 0o777).toBe(0o600)
    expect(await started.ipc().call('sync.status')).toMatchObject({ tokenStorage: 'file' })
  })
})

describe('a data folder that cannot be opened', () => {
  /** A demo profile with a backup, then damaged; the user made before the backup. */
  async function damagedProfile(): Promise<{ userData: string; kept: string; file: string }> {
    const userData = tempDir('lms-userdata-')
    cleanups.push(() => removeDir(userData))
    fs.writeFileSync(path.join(userData, 'profile.json'), JSON.stringify({ profile: 'demo' }))
    const dataDir = path.join(userData, 'profiles', 'demo')
    const engine = await openLmsEngine({ dataDir, demo: true, clock: fakeClock(), log: () => undefined })
    const kept = validUser().email
    clientOf(engine).call('users.create', validUser({ email: kept }))
    await engine.backupInProgress
    engine.close()
    const { takeBackup } = await import('../../src/main/engine/db/backups')
    const again = await openLmsEngine({ dataDir, log: () => undefined })
    await again.backupInProgress
    await takeBackup(again.sql.raw, dataDir, 'daily', new Date())
    again.close()
    const file = path.join(dataDir, DATABASE_FILE)
    corruptPageInTheMiddle(file)
    return { userData, kept, file }
  }

  it('damaged: a dialog offers the latest backup; "Restore" brings the data back and opens the window', async () => {
    const profile = await damagedProfile()
    const started = await launch({ userData: profile.userData, responses: [0] })
    const asked = started.electron.messageBoxes[0]!
    expect(asked).toMatchObject({ type: 'error', title: 'The data is damaged', message: 'LMS Offline found its database damaged and did not open it.' })
    expect((asked['buttons'] as string[])[0]).toMatch(/^Restore the backup from /)
    expect(asked['detail']).toMatch(/changes made after it are not in it/)
    expect(started.window()).toBeDefined()
    const emails = (await started.ipc().call('users.lookup')).map((u) => u.email)
    expect(emails).toContain(profile.kept)
  })

  it('damaged: "Quit" leaves the file as it is and opens no window', async () => {
    const profile = await damagedProfile()
    const before = fs.readFileSync(profile.file)
    const started = await launch({ userData: profile.userData, responses: [1] })
    expect(started.electron.messageBoxes).toHaveLength(1)
    expect(started.window()).toBeUndefined()
    expect(started.electron.app.quitCalls).toBeGreaterThan(0)
    expect(fs.readFileSync(profile.file).equals(before)).toBe(true)
  })

  it('in use by another process (a serve on the same folder): an error naming it, then quit', async () => {
    const userData = tempDir('lms-userdata-')
    cleanups.push(() => removeDir(userData))
    fs.writeFileSync(path.join(userData, 'profile.json'), JSON.stringify({ profile: 'site' }))
    const other = await openLmsEngine({ dataDir: path.join(userData, 'profiles', 'site'), program: 'npm run serve', log: () => undefined })
    cleanups.push(() => other.close())
    const started = await launch({ userData })
    expect(started.electron.errorBoxes).toEqual([{ title: 'LMS Offline is already using this data', content: expect.stringMatching(new RegExp(`pid ${process.pid} \\(npm run serve\\), since`)) }])
    expect(started.window()).toBeUndefined()
    expect(started.electron.app.quitCalls).toBeGreaterThan(0)
  })
})
