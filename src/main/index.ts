// The Electron shell, kept thin: the wiring of the modules in ./shell (one instance, the
// app:// and lms-file:// protocols, sender-checked IPC, the hardened window and session, the
// engine started on the profile's folder with a dialog when it cannot be opened).
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, shell } from 'electron'
import workerPath from './host/engine-worker?modulePath'
import { IPC_EVENT } from '../shared/contract/bridge'
import type { EngineHost } from './host/engine-host'
import { appProtocolHandler, APP_SCHEME_PRIVILEGES } from './shell/app-protocol'
import { registerIpc } from './shell/ipc'
import { keychainSecrets } from './shell/keychain'
import { chooseProfile, profileDataDir } from './shell/profile'
import { bringToFront, claimSingleInstance } from './shell/single-instance'
import { startEngine } from './shell/start-engine'
import { FILE_SCHEME_PRIVILEGES, openUploadedFile, storedFileHandler } from './shell/stored-files'
import { createWindow, guardAllWebContents, hardenSession } from './shell/window'

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
let host: EngineHost | null = null
let mainWindow: BrowserWindow | null = null
let dataDir = ''

// Before ready, in one call: app:// serves the renderer, lms-file:// the stored uploads.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES, FILE_SCHEME_PRIVILEGES])

if (claimSingleInstance(app, () => bringToFront(mainWindow))) {
  app.enableSandbox()
  guardAllWebContents()

  app
    .whenReady()
    .then(async () => {
      hardenSession(devServerUrl)
      registerIpc(ipcMain, {
        mainContents: () => mainWindow?.webContents ?? null,
        devServerUrl,
        local: { 'app.openFile': (input) => openUploadedFile(dataDir, input, { tempDir: app.getPath('temp'), openPath: (file) => shell.openPath(file) }) },
        engine: () => host,
      })
      protocol.handle('app', appProtocolHandler(path.join(__dirname, '../renderer'))) // eng-disable PROTOCOL_HANDLER_JS_CHECK: app:// answers only files inside out/renderer (traversal refused, 404 otherwise)
      const profile = await chooseProfile(app.getPath('userData'), dialog)
      dataDir = profileDataDir(app.getPath('userData'), profile)
      protocol.handle('lms-file', storedFileHandler(() => dataDir)) // eng-disable PROTOCOL_HANDLER_JS_CHECK: lms-file only serves stored uploads by sha256 (404 otherwise, nosniff, CSP sandbox)
      host = await startEngine(
        { dataDir, demo: profile === 'demo', workerUrl: pathToFileURL(workerPath), secrets: keychainSecrets(safeStorage, dataDir), program: 'the desktop app' },
        { dialog, locale: app.getLocale() },
      )
      if (!host) {
        app.quit()
        return
      }
      host.onEvent((event) => mainWindow?.webContents.send(IPC_EVENT, event))
      mainWindow = createWindow(devServerUrl)
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(devServerUrl)
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
}
