// The Electron shell, kept thin: one window with the security checklist applied, a
// profile chooser on first start, and IPC that checks the sender before forwarding to
// the engine host (which runs the engine in a worker thread).
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron'
import workerPath from './host/engine-worker?modulePath'
import { IPC_EVENT, IPC_INVOKE } from '../shared/contract/bridge'
import type { Result } from '../shared/contract/result'
import { operationsByName } from '../shared/operations/index'
import { EngineHost, type HostSecretKeeper } from './host/engine-host'
import { fileTypeOf, parseUploadUrl } from '../shared/contract/files'
import { mimeOf, uploadPath } from './engine/files/uploads'
import { CONTENT_SECURITY_POLICY } from './server/static-files'

type Profile = 'demo' | 'site'

let host: EngineHost | null = null
let mainWindow: BrowserWindow | null = null
let dataDir = ''

// Uploaded files are shown in the grading panel through lms-file://uploads/<sha256>/<name>.
protocol.registerSchemesAsPrivileged([{ scheme: 'lms-file', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }])

function uploadedFile(url: string): { file: string; name: string } | null {
  const parsed = parseUploadUrl(url)
  return parsed && dataDir ? { file: uploadPath(dataDir, parsed.sha256), name: parsed.name } : null
}

function registerFileProtocol(): void {
  protocol.handle('lms-file', async (request) => {
    const found = uploadedFile(request.url)
    const bytes = found ? await fs.promises.readFile(found.file).catch(() => null) : null
    if (!found || !bytes) return new Response('File not found.', { status: 404 })
    return new Response(bytes, { headers: { 'Content-Type': mimeOf(found.name), 'X-Content-Type-Options': 'nosniff' } })
  })
}

/** app.openFile: a copy under its own name in the temp folder, opened by the default program. */
async function openUploadedFile(input: unknown): Promise<Result<unknown>> {
  const url = (input as { url?: unknown } | null)?.url
  const found = typeof url === 'string' ? uploadedFile(url) : null
  if (!found || !fs.existsSync(found.file)) return { ok: false, error: { code: 'not_found', status: 404, message: 'That file is not stored on this laptop.' } }
  // The default program of an .exe, .bat, .lnk or .desktop file runs it: only document, media and archive types are handed over.
  if (!fileTypeOf(found.name)) {
    return { ok: false, error: { code: 'forbidden', status: 403, message: `"${found.name}" is not a document type this app opens; save it from the hosted LMS instead.` } }
  }
  const dir = fs.mkdtempSync(path.join(app.getPath('temp'), 'lms-offline-'))
  const copy = path.join(dir, path.basename(found.name))
  fs.copyFileSync(found.file, copy)
  const error = await shell.openPath(copy)
  return error ? { ok: false, error: { code: 'internal', status: 500, message: `The file could not be opened: ${error}` } } : { ok: true, value: { opened: true } }
}

const rendererUrl = process.env['ELECTRON_RENDERER_URL']
const rendererFile = path.join(__dirname, '../renderer/index.html')

/** The demo world lives in its own folder, never mixed with a real site's data. */
async function chooseProfile(): Promise<Profile> {
  const file = path.join(app.getPath('userData'), 'profile.json')
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { profile?: Profile }
    if (saved.profile === 'demo' || saved.profile === 'site') return saved.profile
  } catch {
    /* first start */
  }
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: 'Welcome to LMS Offline',
    message: 'How do you want to start?',
    detail: 'The demo world is a separate profile with sample learners and courses. Your site profile stays empty until you sync with your hosted LMS.',
    buttons: ['Explore the demo world', 'Start with my site'],
    defaultId: 0,
    cancelId: 1,
  })
  const profile: Profile = response === 0 ? 'demo' : 'site'
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify({ profile }), { mode: 0o600 })
  return profile
}

/** The hosted LMS token, encrypted with the OS keychain (safeStorage); never written in clear. */
function keychainSecrets(folder: string): HostSecretKeeper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined
  const file = path.join(folder, 'sync-token.enc')
  return {
    load: () => {
      try {
        return safeStorage.decryptString(fs.readFileSync(file))
      } catch {
        return null
      }
    },
    save: (token) => {
      if (token === null) fs.rmSync(file, { force: true })
      else fs.writeFileSync(file, safeStorage.encryptString(token), { mode: 0o600 })
    },
  }
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  if (!mainWindow || event.sender !== mainWindow.webContents) return false
  const frameUrl = event.senderFrame?.url ?? ''
  if (rendererUrl) return frameUrl.startsWith(rendererUrl)
  return frameUrl === pathToFileURL(rendererFile).href || frameUrl.startsWith(pathToFileURL(rendererFile).href + '#')
}

function registerIpc(): void {
  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'forbidden', status: 403, message: 'Calls are only accepted from the app window.' } }
    }
    if (typeof name !== 'string' || !operationsByName.has(name)) {
      return { ok: false, error: { code: 'not_found', status: 404, message: 'Unknown operation.' } }
    }
    if (name === 'app.openFile') return openUploadedFile(input)
    if (!host) return { ok: false, error: { code: 'unavailable', status: 503, message: 'The engine is starting.' } }
    return host.invoke(name, input)
  })
}

function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.setDevicePermissionHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'LMS Offline',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK: sandboxed preload exposes one invoke/subscribe bridge, never ipcRenderer; main checks the sender of each call
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      // Middle-click (auxclick) on a link would ask for a new window; refused at the source, besides setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
      // Chromium's PDF viewer in iframes (certificate previews, PDF submissions in grading). Accepted because
      // Electron has no other plugin (no NPAPI/Flash since v9), the viewer runs in its own sandboxed process,
      // and the CSP keeps it to our own bytes: object-src 'none' (no <object>/<embed>), frame-src only
      // 'self', blob: and lms-file:. Rendering PDFs with pdf.js in the page would add a large attack surface
      // of its own (and eval-free builds) for no gain.
      plugins: true,
    },
  })
  win.once('ready-to-show', () => win.show())
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== win.webContents.getURL()) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  // The renderer asks before closing with an unsaved grading draft; Electron would silently stay open.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved grade',
      message: 'A grade you were typing is not saved yet.',
      detail: 'It is kept as a draft and will be restored when you open the submission again.',
    })
    if (choice === 0) event.preventDefault()
  })
  if (rendererUrl) void win.loadURL(rendererUrl)
  else void win.loadFile(rendererFile)
  return win
}

app.enableSandbox()

// Any web contents, not only the main window's (e.g. the PDF viewer's), may not open windows or attach webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

app
  .whenReady()
  .then(async () => {
    hardenSession()
    registerIpc()
    const profile = await chooseProfile()
    dataDir = path.join(app.getPath('userData'), 'profiles', profile)
    registerFileProtocol() // eng-disable PROTOCOL_HANDLER_JS_CHECK: lms-file only serves stored uploads by sha256 (404 otherwise, nosniff), reads nothing else
    try {
      // Where the keychain is unavailable (some Linux desktops), the engine falls back to a 0600 file and says so.
      host = await EngineHost.start({ dataDir, demo: profile === 'demo', workerUrl: pathToFileURL(workerPath), secrets: keychainSecrets(dataDir) })
    } catch (error) {
      dialog.showErrorBox('LMS Offline cannot open its data', error instanceof Error ? error.message : String(error))
      app.quit()
      return
    }
    host.onEvent((event) => mainWindow?.webContents.send(IPC_EVENT, event))
    mainWindow = createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
    })
  })
  .catch((error: unknown) => {
    dialog.showErrorBox('LMS Offline failed to start', error instanceof Error ? error.message : String(error))
    app.quit()
  })

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('before-quit', () => {
  void host?.close()
})
