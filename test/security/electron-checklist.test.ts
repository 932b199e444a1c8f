// Electron's security checklist, read from the source with the TypeScript parser (and from
// the built bundle when there is one), so that flipping any setting fails here: the window's
// webPreferences, the CSPs, navigation and new-window handlers, permission handlers, the IPC
// sender check, the preload's bridge, and what may be handed to the OS (openExternal/openPath).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/main/server/static-files'

const root = path.resolve(__dirname, '../..')
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8')
const parse = (file: string) => ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true)

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node)
  node.forEachChild((child) => walk(child, visit))
}
function find<T extends ts.Node>(source: ts.Node, guard: (node: ts.Node) => node is T, where: (node: T) => boolean = () => true): T[] {
  const found: T[] = []
  walk(source, (node) => {
    if (guard(node) && where(node)) found.push(node)
  })
  return found
}
/** Calls like `x.y.method(...)`, by method name. */
const callsOf = (source: ts.Node, method: string) =>
  find(source, ts.isCallExpression, (call) => ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === method)
const propName = (p: ts.ObjectLiteralElementLike) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '')
function literalValue(node: ts.Expression): unknown {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false
  if (ts.isStringLiteralLike(node)) return node.text
  return `<expression ${node.getText()}>`
}
function objectProps(node: ts.ObjectLiteralExpression): Map<string, ts.Expression> {
  const map = new Map<string, ts.Expression>()
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p)) map.set(propName(p), p.initializer)
    else map.set(propName(p) || p.getText(), p as unknown as ts.Expression) // spreads and shorthands show up as unknown entries
  }
  return map
}
/** Every .ts/.tsx file under src, for the checks that must hold everywhere. */
function sourceFiles(dir = 'src'): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))
    .map((f) => path.join(dir, f))
}

// The main process: the thin index.ts and the shell modules it wires, read as one text.
const MAIN_FILES = ['src/main/index.ts', ...sourceFiles('src/main/shell')]
const WINDOW_FILE = path.join('src', 'main', 'shell', 'window.ts')
const main = ts.createSourceFile('main-process.ts', MAIN_FILES.map(read).join('\n'), ts.ScriptTarget.Latest, true)
const preload = parse('src/preload/index.ts')

function cspDirectives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of policy.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/)
    expect(map.has(name!), `directive ${name} twice`).toBe(false)
    map.set(name!.toLowerCase(), values)
  }
  return map
}
/** A strict policy: scripts only from the app itself, no eval, no remote origin anywhere. */
function expectStrictCsp(policy: string, label: string): void {
  const d = cspDirectives(policy)
  expect(d.get('default-src'), label).toEqual(["'self'"])
  expect(d.get('script-src'), label).toEqual(["'self'"])
  expect(d.get('object-src'), label).toEqual(["'none'"])
  expect(d.get('base-uri'), label).toEqual(["'none'"])
  expect(d.get('form-action'), label).toEqual(["'none'"])
  for (const [name, values] of d) {
    for (const value of values) {
      expect(value, `${label} ${name}`).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/)
      // Remote origins: a scheme that reaches the network, a host name, or a wildcard.
      expect(value, `${label} ${name}`).not.toMatch(/^(https?:|wss?:|ftp:|\*)|\.[a-z]{2,}(:\d+)?(\/|$)|^\*/i)
      if (name === 'script-src' || name === 'default-src') expect(value, `${label} ${name}`).not.toMatch(/unsafe-inline|data:|blob:/)
    }
  }
}

describe('the window', () => {
  const windows = find(main, ts.isNewExpression, (n) => n.expression.getText() === 'BrowserWindow')
  const options = windows[0]?.arguments?.[0]
  const prefsNode = options && ts.isObjectLiteralExpression(options) ? objectProps(options).get('webPreferences') : undefined
  const prefs = prefsNode && ts.isObjectLiteralExpression(prefsNode) ? objectProps(prefsNode) : new Map<string, ts.Expression>()
  const pref = (name: string) => (prefs.has(name) ? literalValue(prefs.get(name)!) : undefined)

  it('is created in one place, with its webPreferences written out as literals', () => {
    expect(windows).toHaveLength(1)
    for (const file of sourceFiles().filter((f) => f !== WINDOW_FILE)) {
      expect(read(file), file).not.toMatch(/new\s+(BrowserWindow|BrowserView|WebContentsView)\s*\(/)
    }
    expect(prefs.size).toBeGreaterThan(0)
    for (const [name, value] of prefs) expect(name, `webPreferences entry ${value.getText()}`).not.toMatch(/^\.\.\.|^$/)
  })

  it('isolates the page: context isolation, sandbox, no Node anywhere, web security on', () => {
    expect(pref('contextIsolation')).toBe(true)
    expect(pref('sandbox')).toBe(true)
    expect(pref('nodeIntegration')).toBe(false)
    expect(pref('nodeIntegrationInWorker')).toBe(false)
    expect(pref('nodeIntegrationInSubFrames')).not.toBe(true)
    expect(pref('webSecurity')).not.toBe(false)
    expect(pref('allowRunningInsecureContent')).not.toBe(true)
    expect(pref('webviewTag')).not.toBe(true)
    expect(pref('experimentalFeatures')).not.toBe(true)
    expect(prefs.has('enableBlinkFeatures')).toBe(false)
    expect(prefs.has('enableRemoteModule')).toBe(false)
    expect(String(pref('disableBlinkFeatures'))).toContain('Auxclick')
    // Sandboxed preloads must be CommonJS; the built one is index.cjs.
    expect(prefs.get('preload')?.getText()).toMatch(/preload\/index\.cjs/)
    expect(callsOf(main, 'enableSandbox').map((c) => c.expression.getText())).toEqual(['app.enableSandbox'])
  })

  it('keeps plugins to the PDF viewer, with the reason written beside it', () => {
    // `plugins: true` is accepted only with object-src 'none' (no <object>/<embed>) and a frame-src without remote origins.
    if (pref('plugins') === true) {
      const line = read(WINDOW_FILE).split('\n').findIndex((l) => /^\s*plugins:\s*true/.test(l))
      const comment = read(WINDOW_FILE).split('\n').slice(Math.max(0, line - 6), line).join('\n')
      expect(comment).toMatch(/PDF/)
      expect(cspDirectives(CONTENT_SECURITY_POLICY).get('object-src')).toEqual(["'none'"])
    }
  })

  it('denies every new window, for every web contents', () => {
    const handlers = callsOf(main, 'setWindowOpenHandler')
    expect(handlers.length).toBeGreaterThanOrEqual(2)
    for (const call of handlers) {
      const fn = call.arguments[0]
      expect(fn && ts.isArrowFunction(fn), call.getText()).toBe(true)
      const body = (fn as ts.ArrowFunction).body
      const returned = ts.isParenthesizedExpression(body) ? body.expression : body
      expect(ts.isObjectLiteralExpression(returned), call.getText()).toBe(true)
      const action = objectProps(returned as ts.ObjectLiteralExpression).get('action')
      expect(action && literalValue(action)).toBe('deny')
    }
    // The app-wide hook covers web contents the main window does not own (the PDF viewer's).
    const created = callsOf(main, 'on').filter((c) => c.expression.getText() === 'app.on' && literalValue(c.arguments[0]!) === 'web-contents-created')
    expect(created).toHaveLength(1)
    expect(callsOf(created[0]!, 'setWindowOpenHandler')).toHaveLength(1)
  })

  it('refuses navigation away from the app and webviews', () => {
    const on = (event: string) => callsOf(main, 'on').filter((c) => c.arguments[0] && literalValue(c.arguments[0]) === event)
    const navigate = on('will-navigate')
    expect(navigate).toHaveLength(1)
    const handler = navigate[0]!.arguments[1]!.getText()
    expect(handler).toMatch(/event\.preventDefault\(\)/)
    expect(on('will-attach-webview').length).toBeGreaterThanOrEqual(2)
    for (const call of on('will-attach-webview')) expect(call.arguments[1]!.getText()).toMatch(/preventDefault\(\)/)
  })
})

describe('the session', () => {
  it('denies every permission request and check by default', () => {
    const request = callsOf(main, 'setPermissionRequestHandler')
    expect(request).toHaveLength(1)
    const requestFn = request[0]!.arguments[0] as ts.ArrowFunction
    const callback = requestFn.parameters[2]!.name.getText()
    const grants = find(requestFn.body, ts.isCallExpression, (c) => c.expression.getText() === callback)
    expect(grants.length).toBeGreaterThan(0)
    for (const grant of grants) expect(grant.arguments.map((a) => a.getText())).toEqual(['false'])
    for (const method of ['setPermissionCheckHandler', 'setDevicePermissionHandler']) {
      const calls = callsOf(main, method)
      expect(calls, method).toHaveLength(1)
      const fn = calls[0]!.arguments[0] as ts.ArrowFunction
      expect(ts.isArrowFunction(fn) && fn.body.getText(), method).toBe('false')
    }
  })

  it('applies the strict CSP to every response and to the page itself', () => {
    const headers = callsOf(main, 'onHeadersReceived')
    expect(headers).toHaveLength(1)
    expect(headers[0]!.getText()).toMatch(/responseHeaders: withAppPolicy\(details\.responseHeaders\)/)
    expectStrictCsp(CONTENT_SECURITY_POLICY, 'static-files.ts')
    expect(cspDirectives(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"])
    // The app:// handler sends the policy with the page; the page carries it too, wherever it is loaded from.
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(read('src/renderer/index.html'))
    expect(meta).not.toBeNull()
    expectStrictCsp(meta![1]!, 'index.html')
  })

  it('rejects a policy that a careless edit would produce', () => {
    // The checker itself must bite.
    for (const bad of [
      CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
      CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' https://cdn.example.com"),
      CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
      CONTENT_SECURITY_POLICY.replace("connect-src 'self'", 'connect-src *'),
      CONTENT_SECURITY_POLICY.replace("object-src 'none'", "object-src 'self'"),
    ]) {
      expect(() => expectStrictCsp(bad, 'edited')).toThrow()
    }
  })
})

describe('IPC and the preload', () => {
  it('checks the sender of every IPC call before anything else', () => {
    const handlers = [...callsOf(main, 'handle'), ...callsOf(main, 'on'), ...callsOf(main, 'handleOnce'), ...callsOf(main, 'once')].filter((c) =>
      /^ipcMain\./.test(c.expression.getText()),
    )
    expect(handlers.length).toBeGreaterThan(0)
    for (const call of handlers) {
      const fn = call.arguments[1] as ts.ArrowFunction
      const first = ts.isBlock(fn.body) ? fn.body.statements[0] : undefined
      expect(first && ts.isIfStatement(first) && first.expression.getText(), call.getText().slice(0, 60)).toMatch(
        new RegExp(`^!isTrustedSender\\(${fn.parameters[0]!.name.getText()},`),
      )
    }
    const trusted = find(main, ts.isFunctionDeclaration, (f) => f.name?.text === 'isTrustedSender')[0]!
    expect(trusted.getText()).toMatch(/event\.sender !== mainContents/)
    expect(trusted.getText()).toMatch(/senderFrame/)
    // The frame's origin is compared whole (test/shell checks the comparison itself).
    expect(trusted.getText()).toMatch(/isTrustedUrl\(frame\.url, devServerUrl\)/)
    expect(trusted.getText()).not.toMatch(/startsWith/)
  })

  it('exposes one fixed-channel bridge, never ipcRenderer itself', () => {
    const exposed = callsOf(preload, 'exposeInMainWorld')
    expect(exposed).toHaveLength(1)
    expect(exposed[0]!.arguments[1]!.getText()).not.toMatch(/ipcRenderer/)
    const bridge = find(preload, ts.isVariableDeclaration, (v) => v.name.getText() === 'bridge')[0]!
    const props = objectProps(bridge.initializer as ts.ObjectLiteralExpression)
    expect([...props.keys()].sort()).toEqual(['invoke', 'subscribe'])
    for (const call of [...callsOf(preload, 'invoke'), ...callsOf(preload, 'on'), ...callsOf(preload, 'removeListener'), ...callsOf(preload, 'send')]) {
      if (!/^ipcRenderer\./.test(call.expression.getText())) continue
      // The channel is a constant, never a name the page passes in.
      expect(['IPC_INVOKE', 'IPC_EVENT'], call.getText()).toContain(call.arguments[0]!.getText())
    }
    // The listener the page gets never sees the IPC event (which carries the sender).
    expect(props.get('subscribe')!.getText()).toMatch(/callback\(payload/)
  })
})

describe('everywhere in src', () => {
  const files = sourceFiles()

  it('uses no remote module', () => {
    for (const file of files) {
      const text = read(file)
      expect(text, file).not.toMatch(/@electron\/remote|enableRemoteModule|\.remote\b\s*[.;]|require\(['"]electron['"]\)\.remote/)
    }
  })

  it('hands no URL to shell.openExternal, and only checked document types to shell.openPath', () => {
    for (const file of files) expect(read(file), file).not.toMatch(/openExternal\s*\(/)
    const openPath = callsOf(main, 'openPath').filter((c) => c.expression.getText() === 'shell.openPath')
    expect(openPath).toHaveLength(1)
    const fn = find(main, ts.isFunctionDeclaration, (f) => f.name?.text === 'openUploadedFile')[0]!
    expect(fn.getText()).toContain('openPath')
    const check = fn.getText().indexOf('if (!fileTypeOf(found.name))')
    expect(check).toBeGreaterThan(0)
    expect(check).toBeLessThan(fn.getText().indexOf('await deps.openPath('))
    // Only index.ts touches the shell module.
    for (const file of files.filter((f) => f !== path.join('src', 'main', 'index.ts'))) expect(read(file), file).not.toMatch(/\bshell\.(open|trash|write)/)
  })

  it('loads the page from app://, never from file://, and checks every download', () => {
    for (const file of MAIN_FILES) expect(read(file), file).not.toMatch(/\bloadFile\s*\(|pathToFileURL\(renderer|['"`]file:\/\//)
    const loads = callsOf(main, 'loadURL')
    expect(loads).toHaveLength(1)
    expect(loads[0]!.arguments[0]!.getText()).toBe('devServerUrl ?? APP_ENTRY_URL')
    const downloads = callsOf(main, 'on').filter((c) => c.arguments[0] && literalValue(c.arguments[0]) === 'will-download')
    expect(downloads).toHaveLength(1)
    expect(downloads[0]!.expression.getText()).toBe('session.defaultSession.on')
    expect(callsOf(main, 'requestSingleInstanceLock')).toHaveLength(1)
  })
})

describe('the built bundle', () => {
  const built = path.join(root, 'out/main/index.js')
  it.skipIf(!fs.existsSync(built))('keeps the settings after bundling (out/main, out/preload)', () => {
    const text = fs.readFileSync(built, 'utf8')
    expect(text).toMatch(/contextIsolation:\s*(true|!0)/)
    expect(text).toMatch(/sandbox:\s*(true|!0)/)
    expect(text).toMatch(/nodeIntegration:\s*(false|!1)/)
    expect(text).not.toMatch(/webSecurity:\s*(false|!1)|nodeIntegration:\s*(true|!0)|contextIsolation:\s*(false|!1)/)
    expect(text).toContain(CONTENT_SECURITY_POLICY.split(';')[1]!.trim())
    expect(text).toMatch(/action:\s*"deny"/)
    expect(text).not.toMatch(/openExternal/)
    const preloadFile = ['index.cjs', 'index.js', 'index.mjs'].map((f) => path.join(root, 'out/preload', f)).find((f) => fs.existsSync(f))
    expect(preloadFile).toBeDefined()
    const preloadText = fs.readFileSync(preloadFile!, 'utf8')
    expect(preloadText).toMatch(/exposeInMainWorld\("lms"/)
    expect(preloadText).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/)
  })
})

describe('the electronegativity gate (scripts/electronegativity.mjs)', () => {
  it('fails on a window with Node in the page and on an excuse without a reason, and passes a clean file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-eneg-'))
    const gate = (files: Record<string, string>) => {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir)
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
      return spawnSync(process.execPath, [path.join(root, 'scripts/electronegativity.mjs'), dir], { encoding: 'utf8', timeout: 120_000 })
    }
    try {
      const bad = gate({
        'main.js': [
          "const { BrowserWindow } = require('electron')",
          "const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, disableBlinkFeatures: 'Auxclick' } })",
          'w.webContents.openDevTools() // eng-disable OPEN_DEVTOOLS',
        ].join('\n'),
      })
      expect(bad.status, bad.stdout + bad.stderr).toBe(1)
      expect(bad.stderr).toMatch(/FAIL (HIGH|MEDIUM) CONTEXT_ISOLATION_JS_CHECK/)
      expect(bad.stderr).toMatch(/FAIL (HIGH|MEDIUM) SANDBOX_JS_CHECK/)
      expect(bad.stderr).toMatch(/FAIL (HIGH|MEDIUM) LIMIT_NAVIGATION_GLOBAL_CHECK/)
      expect(bad.stderr).toMatch(/FAIL (HIGH|MEDIUM) PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK/)
      expect(bad.stderr).toMatch(/main\.js:3: eng-disable names OPEN_DEVTOOLS, which is not an Electronegativity check/)
      expect(bad.stderr).toMatch(/main\.js:3: eng-disable without a reason/)

      const good = gate({
        'main.js': [
          "const { BrowserWindow } = require('electron')",
          "const w = new BrowserWindow({ webPreferences: { nodeIntegration: false, contextIsolation: true, sandbox: true, disableBlinkFeatures: 'Auxclick',",
          "  preload: 'p.cjs' } }) // eng-disable PRELOAD_JS_CHECK: the preload in this fixture exposes nothing",
          "w.webContents.on('will-navigate', (event) => event.preventDefault())",
          "w.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))",
          'w.webContents.session.setPermissionRequestHandler((contents, permission, callback) => callback(false))',
        ].join('\n'),
        'index.html': `<html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"></head><body></body></html>`,
      })
      expect(good.stderr).not.toMatch(/FAIL/)
      expect(good.status, good.stdout + good.stderr).toBe(0)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
