// Browser mode's first load: the renderer built as shipped, served by `serve --web` on the
// demo world, opened on the Users page in Debian's Chromium with an empty cache, each run in a
// fresh browser context. Reported: the compressed bytes of the JavaScript the first page loads
// (target < 300 KB), its uncompressed size, the CSS, and the time to first paint (Chromium's
// `first-contentful-paint` entry) and until the users table shows, on this machine's loopback
// and with a Lighthouse-desktop-like network (40 ms round trip, 10 Mbit/s).
// WEB_ROOT=<dir> measures another build (say, an older commit's) instead of building this one.
import { spawn, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { signIn, type SessionCookie } from '../test/e2e/launch-session'
import { percentile, type Figure } from './harness'

const RUNS = 12
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

interface Load {
  fcp: number
  tableShown: number
  jsEncoded: number
  jsDecoded: number
  cssEncoded: number
  scripts: number
}

async function startServer(webRoot: string, dataDir: string): Promise<{ url: string; session: SessionCookie; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/server/cli.ts', '--web', webRoot, '--demo', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const [url, launch] = await new Promise<[string, string]>((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      const launchUrl = /(http:\/\/127\.0\.0\.1:\d+\/\?launch=[A-Za-z0-9_-]+)/.exec(out)
      if (match && launchUrl) resolve([match[1], launchUrl[1]])
    })
    void exited.then(() => reject(new Error(`serve --web exited: ${out}`)))
  })
  return {
    url,
    session: await signIn(launch),
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}

async function firstLoad(browser: Browser, url: string, session: SessionCookie, network: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  await context.addCookies([{ ...session, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }])
  try {
    const page = await context.newPage()
    if (network) {
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: (10 * 1024 * 1024) / 8, uploadThroughput: (10 * 1024 * 1024) / 8 })
    }
    await page.goto(`${url}/#/users`)
    await page.getByRole('table', { name: 'Users' }).locator('tbody tr').first().waitFor()
    const tableShown = await page.evaluate(() => performance.now())
    // Text, not a function: tsx would wrap named helpers in a __name() the page lacks.
    const measured = (await page.evaluate(`(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0]
      const resources = performance.getEntriesByType('resource')
      const scripts = resources.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
      const styles = resources.filter((r) => r.name.endsWith('.css'))
      return {
        fcp: paint ? paint.startTime : NaN,
        jsEncoded: scripts.reduce((n, r) => n + r.encodedBodySize, 0),
        jsDecoded: scripts.reduce((n, r) => n + r.decodedBodySize, 0),
        cssEncoded: styles.reduce((n, r) => n + r.encodedBodySize, 0),
        scripts: scripts.length,
      }
    })()`)) as Omit<Load, 'tableShown'>
    return { ...measured, tableShown }
  } finally {
    await context.close()
  }
}

export async function benchWeb(): Promise<Figure[]> {
  const given = process.env.WEB_ROOT
  if (!given) execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'ignore' })
  const webRoot = path.resolve(given ?? 'out/renderer')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-bench-web-'))
  const server = await startServer(webRoot, dataDir)
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    await firstLoad(browser, server.url, server.session, false)
    const figures: Figure[] = []
    for (const network of [false, true]) {
      const loads: Load[] = []
      for (let i = 0; i < RUNS; i++) loads.push(await firstLoad(browser, server.url, server.session, network))
      const median = (key: keyof Load) => percentile(loads.map((l) => l[key]).sort((a, b) => a - b), 50)
      const label = network ? '40 ms RTT, 10 Mbit/s' : 'loopback'
      if (!network) {
        figures.push({ name: 'first-load JavaScript, compressed (Users page)', unit: 'KB', value: median('jsEncoded') / 1024, target: '< 300 KB', note: `${median('scripts')} files` })
        figures.push({ name: 'first-load JavaScript, uncompressed', unit: 'KB', value: median('jsDecoded') / 1024 })
        figures.push({ name: 'first-load CSS, compressed', unit: 'KB', value: median('cssEncoded') / 1024 })
      }
      const fcps = loads.map((l) => l.fcp).sort((a, b) => a - b)
      figures.push({ name: `first contentful paint, median (${label})`, unit: 'ms', value: percentile(fcps, 50), note: `p95 ${percentile(fcps, 95).toFixed(0)} ms, ${RUNS} cold loads` })
      figures.push({ name: `users table shown, median (${label})`, unit: 'ms', value: median('tableShown') })
    }
    return figures
  } finally {
    await browser.close()
    await server.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1]?.endsWith('web.bench.ts')) {
  const { report } = await import('./harness')
  report(await benchWeb())
}
