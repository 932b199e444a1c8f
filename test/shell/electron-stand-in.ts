// A stand-in for the 'electron' module, which cannot run here (no Electron binary): it is
// outside the product, so the main process is tested against it. It keeps what the main
// process registers (IPC handlers, protocol handlers, session listeners, windows) for the
// tests to call, and answers dialogs and the keychain as the test sets.
import { EventEmitter } from 'node:events'

type Handler = (...args: any[]) => any

class StandInWebContents extends EventEmitter {
  url = ''
  sent: { channel: string; payload: unknown }[] = []
  windowOpenHandler: Handler | null = null
  readonly mainFrame = { url: '', parent: null }
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler
  }
  getURL() {
    return this.url
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload })
  }
}

export class StandInBrowserWindow extends EventEmitter {
  readonly webContents = new StandInWebContents()
  minimized = false
  focused = 0
  shown = 0
  constructor(readonly options: Record<string, unknown>) {
    super()
  }
  async loadURL(url: string) {
    this.webContents.url = url
    this.webContents.mainFrame.url = url
  }
  async loadFile(file: string) {
    await this.loadURL(`file://${file}`)
  }
  isDestroyed() {
    return false
  }
  isMinimized() {
    return this.minimized
  }
  restore() {
    this.minimized = false
  }
  show() {
    this.shown++
  }
  focus() {
    this.focused++
  }
}

class StandInSession extends EventEmitter {
  permissionRequest: Handler | null = null
  headers: Handler | null = null
  setPermissionRequestHandler(handler: Handler) {
    this.permissionRequest = handler
  }
  setPermissionCheckHandler() {}
  setDevicePermissionHandler() {}
  webRequest = {
    onHeadersReceived: (handler: Handler) => {
      this.headers = handler
    },
  }
}

class StandInApp extends EventEmitter {
  quitCalls = 0
  singleInstanceRequests = 0
  sandboxEnabled = false
  private ready!: () => void
  readonly readyPromise = new Promise<void>((resolve) => (this.ready = resolve))
  constructor(private readonly standIn: StandIn) {
    super()
  }
  requestSingleInstanceLock() {
    this.singleInstanceRequests++
    return this.standIn.config.singleInstanceLock
  }
  quit() {
    this.quitCalls++
    this.emit('before-quit')
  }
  enableSandbox() {
    this.sandboxEnabled = true
  }
  whenReady() {
    return this.readyPromise
  }
  /** The test says when Electron is ready. */
  becomeReady() {
    this.ready()
  }
  getPath(name: string) {
    const path = this.standIn.config.paths[name]
    if (!path) throw new Error(`stand-in app.getPath: no path for ${name}`)
    return path
  }
  getLocale() {
    return 'en-GB'
  }
}

export interface StandInConfig {
  singleInstanceLock: boolean
  encryptionAvailable: boolean
  paths: Record<string, string>
  /** Answers to showMessageBox, in order; then 0. */
  messageBoxResponses: number[]
}

/** A stand-in keychain: reversible, never the clear text, and not readable without it. */
const KEY = Buffer.from('stand-in keychain key')
const scramble = (bytes: Buffer) => Buffer.from(bytes.map((b, i) => b ^ KEY[i % KEY.length]!))

/** A fresh stand-in: no windows, nothing registered. */
export function createStandIn() {
  // Each stand-in has its own window list.
  const windows: StandInBrowserWindow[] = []
  class BrowserWindow extends StandInBrowserWindow {
    static getAllWindows() {
      return windows
    }
    constructor(options: Record<string, unknown>) {
      super(options)
      windows.push(this)
    }
  }
  const standIn = {
    config: { singleInstanceLock: true, encryptionAvailable: true, paths: {}, messageBoxResponses: [] } as StandInConfig,
    messageBoxes: [] as Record<string, unknown>[],
    errorBoxes: [] as { title: string; content: string }[],
    openedPaths: [] as string[],
    ipcHandlers: new Map<string, Handler>(),
    privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    privilegedCalls: 0,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  } as StandIn
  const session = new StandInSession()
  const app = new StandInApp(standIn)
  const electron = {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: Handler) => standIn.ipcHandlers.set(channel, handler),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: StandIn['privilegedSchemes']) => {
        standIn.privilegedCalls++
        standIn.privilegedSchemes = schemes
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => standIn.protocolHandlers.set(scheme, handler),
    },
    session: { defaultSession: session },
    safeStorage: {
      isEncryptionAvailable: () => standIn.config.encryptionAvailable,
      encryptString: (text: string) => Buffer.concat([Buffer.from('KC1'), scramble(Buffer.from(text, 'utf8'))]),
      decryptString: (bytes: Buffer) => {
        if (bytes.subarray(0, 3).toString() !== 'KC1') throw new Error('not encrypted by this keychain')
        return scramble(bytes.subarray(3)).toString('utf8')
      },
    },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        standIn.messageBoxes.push(args.at(-1) as Record<string, unknown>)
        return { response: standIn.config.messageBoxResponses.shift() ?? 0 }
      },
      showMessageBoxSync: () => 1,
      showErrorBox: (title: string, content: string) => standIn.errorBoxes.push({ title, content }),
    },
    shell: {
      openPath: async (file: string) => {
        standIn.openedPaths.push(file)
        return ''
      },
    },
  }
  standIn.electron = electron
  standIn.windows = windows
  standIn.app = app
  standIn.session = session
  return standIn
}

export interface StandIn {
  config: StandInConfig
  messageBoxes: Record<string, unknown>[]
  errorBoxes: { title: string; content: string }[]
  openedPaths: string[]
  ipcHandlers: Map<string, Handler>
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[]
  privilegedCalls: number
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>
  electron: Record<string, unknown>
  windows: StandInBrowserWindow[]
  app: StandInApp
  session: StandInSession
}
