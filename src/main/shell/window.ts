// The one window and the session it lives in, with Electron's security checklist applied:
// context isolation, sandbox, no Node in the page, permissions denied, no new windows,
// no navigation away, no webviews, the strict CSP on every response, downloads checked.
import path from 'node:path'
import { app, BrowserWindow, dialog, session } from 'electron'
import { handleWillDownload } from './downloads'
import { APP_ENTRY_URL } from './origins'
import { withAppPolicy } from './response-policy'

export function hardenSession(devServerUrl: string | undefined): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.setDevicePermissionHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withAppPolicy(details.responseHeaders) })
  })
  session.defaultSession.on('will-download', (event, item) => handleWillDownload(event, item, { downloadsDir: app.getPath('downloads'), devServerUrl }))
}

/** Any web contents, not only the main window's (e.g. the PDF viewer's), may not open windows or attach webviews. */
export function guardAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}

export function createWindow(devServerUrl: string | undefined): BrowserWindow {
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
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL)
  return win
}
