// Browser mode's static files (`serve --web`, a child process on 127.0.0.1): hashed assets
// come brotli- or gzip-compressed as the client accepts (the build's precompressed copies, or
// made on the spot when a build has none), with Vary and a year of immutable caching; the page
// is never stored (it names the newest assets); unhashed files are revalidated. Requests
// carry the session cookie the run's launch address gave (browser mode signs a browser in).
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compressBoth } from '../../src/main/server/compression'
import { removeDir, tempDir } from '../engine/helpers'
import { repoRoot } from './server'

const JS = `export const pages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ page: `page ${i}`, label: `Label ${i}` })))};\n`
const CSS = Array.from({ length: 200 }, (_, i) => `.rule-${i} { color: #${(i * 4099).toString(16).padStart(6, '0').slice(0, 6)}; margin: ${i}px; }`).join('\n')

let webRoot = ''
let dataDir = ''
let child: ChildProcess
let port = 0
let exited: Promise<void>
let cookie = ''

beforeAll(async () => {
  webRoot = tempDir('lms-static-')
  dataDir = tempDir('lms-static-data-')
  fs.mkdirSync(path.join(webRoot, 'assets'))
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><head><title>t</title><script type="module" src="./assets/app-Ab12-d34.js"></script></head><body></body></html>')
  fs.writeFileSync(path.join(webRoot, 'assets/app-Ab12-d34.js'), JS)
  // As the build leaves them: best-ratio copies beside the file (electron.vite.config.ts).
  const copies = await compressBoth(Buffer.from(JS), true)
  fs.writeFileSync(path.join(webRoot, 'assets/app-Ab12-d34.js.br'), copies.br)
  fs.writeFileSync(path.join(webRoot, 'assets/app-Ab12-d34.js.gz'), copies.gzip)
  // A build without copies: compressed when first asked for.
  fs.writeFileSync(path.join(webRoot, 'assets/style-Zz99Yy88.css'), CSS)
  fs.writeFileSync(path.join(webRoot, 'assets/tiny-Qq11Ww22.js'), 'export {}\n')
  fs.writeFileSync(path.join(webRoot, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(80)}</svg>`)
  const args = ['--import', 'tsx', path.join(repoRoot, 'src/main/server/cli.ts'), '--port', '0', '--data', dataDir, '--web', webRoot]
  child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  exited = new Promise((resolve) => child.once('exit', () => resolve()))
  let launch = ''
  port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      launch = /http:\/\/127\.0\.0\.1:\d+(\/\?launch=[A-Za-z0-9_-]+)/.exec(out)?.[1] ?? ''
      if (match && launch) resolve(Number(match[1]))
    })
    void exited.then(() => reject(new Error(`serve --web exited before listening: ${out}`)))
  })
  const signedIn = await get(launch)
  cookie = (signedIn.headers['set-cookie']?.[0] ?? '').split(';')[0]
})
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGTERM')
  await exited
  removeDir(webRoot)
  removeDir(dataDir)
})

function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers: { Host: `127.0.0.1:${port}`, ...(cookie ? { Cookie: cookie } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const decode = (body: Buffer, encoding: string | undefined) =>
  (encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8')

describe('hashed assets', () => {
  it('come brotli-compressed to a browser, with Vary and a year of immutable caching', async () => {
    const answer = await get('/assets/app-Ab12-d34.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-encoding']).toBe('br')
    expect(answer.headers['vary']).toBe('Accept-Encoding')
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length)
    expect(answer.body.length).toBeLessThan(JS.length / 4)
    expect(decode(answer.body, 'br')).toBe(JS)
  })

  it('come gzip-compressed to a client without brotli, or when brotli is refused, and plain to one without either', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip', 'x-gzip', 'deflate, gzip;q=0.5']) {
      const answer = await get('/assets/app-Ab12-d34.js', { 'Accept-Encoding': accept })
      expect(answer.headers['content-encoding'], accept).toBe('gzip')
      expect(decode(answer.body, 'gzip'), accept).toBe(JS)
    }
    for (const accept of [undefined, 'identity', 'gzip;q=0, br;q=0', 'deflate']) {
      const answer = await get('/assets/app-Ab12-d34.js', accept === undefined ? {} : { 'Accept-Encoding': accept })
      expect(answer.headers['content-encoding'], String(accept)).toBeUndefined()
      expect(answer.headers['vary']).toBe('Accept-Encoding')
      expect(answer.body.toString('utf8')).toBe(JS)
    }
  })

  it('are compressed on the spot when the build left no copies, and the same copy is served again', async () => {
    const first = await get('/assets/style-Zz99Yy88.css', { 'Accept-Encoding': 'br' })
    expect(first.headers['content-encoding']).toBe('br')
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(decode(first.body, 'br')).toBe(CSS)
    const again = await get('/assets/style-Zz99Yy88.css', { 'Accept-Encoding': 'br' })
    expect(again.body.equals(first.body)).toBe(true)
    const gz = await get('/assets/style-Zz99Yy88.css', { 'Accept-Encoding': 'gzip' })
    expect(decode(gz.body, 'gzip')).toBe(CSS)
  })

  it('answer HEAD with the headers and no body, and send tiny files as they are', async () => {
    const head = await get('/assets/app-Ab12-d34.js', { 'Accept-Encoding': 'br' }, 'HEAD')
    expect(head.headers['content-encoding']).toBe('br')
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0)
    expect(head.body.length).toBe(0)
    const tiny = await get('/assets/tiny-Qq11Ww22.js', { 'Accept-Encoding': 'br' })
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body.toString()).toBe('export {}\n')
  })
})

describe('the page and unhashed files', () => {
  it('never stores the page, and sends it for unknown paths', async () => {
    for (const pathname of ['/', '/index.html', '/some/deep/link']) {
      const page = await get(pathname, { 'Accept-Encoding': 'gzip, br' })
      expect(page.status).toBe(200)
      expect(page.headers['cache-control'], pathname).toBe('no-store')
      expect(page.headers['content-encoding']).toBeUndefined()
      expect(page.body.toString()).toContain('<meta name="lms-api" content="http"></head>')
    }
  })

  it('revalidates files without a hash in their name', async () => {
    const icon = await get('/favicon.svg', { 'Accept-Encoding': 'gzip' })
    expect(icon.headers['cache-control']).toBe('no-cache')
    expect(icon.headers['content-encoding']).toBe('gzip')
    expect(decode(icon.body, 'gzip')).toMatch(/^<svg/)
  })
})
