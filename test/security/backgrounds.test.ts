// Issue 16, finding 12: certificate backgrounds. A background URL was fetched wherever it
// pointed (redirects to loopback followed, no cap), and no background had a pixel limit: a
// 3.5 MB PNG declaring 30000×30000 pixels blocked the engine 30-65 s at 7 GB. Here real
// servers on 127.0.0.1 serve the images: the refusal of loopback is tested against them
// as they are; for redirects and sizes, the one server a test names is let through by the
// fetch's test allow-list (BACKGROUND_FETCH.allowed), and every other hop is checked. The
// huge image is a PNG header crafted for the run: IHDR of 12000×12000, almost no pixel data.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CertificateFieldInput } from '../../src/shared/operations/certificates'
import type { BinaryAnswer } from '../../src/shared/contract/binary'
import { BACKGROUND_FETCH } from '../../src/main/engine/domains/certificates/render'
import { writeUploadFile } from '../../src/main/engine/files/uploads'
import { refusedAddress } from '../../src/main/net/public-address'
import { reasonText } from '../../src/main/engine/reasons'
import { certificateBackgroundPng } from '../../src/main/pdf/sample-background'
import { openTestEngine, rows, type OpenedTestEngine } from '../engine/helpers'

/** A PNG whose header declares width×height and whose data is a few bytes: cheap to send, ruinous to decode. */
function craftedPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))])
}

interface Served {
  url: (path: string) => string
  port: number
  hits: string[]
  close(): Promise<void>
}

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, self: Served) => void, host = '127.0.0.1'): Promise<Served> {
  const hits: string[] = []
  const self = {} as Served
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '')
    handler(req, res, self)
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  Object.assign(self, {
    port,
    hits,
    url: (path: string) => `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  })
  return self
}

const png = certificateBackgroundPng(400, 300)
const image = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'image/png' })
  res.end(png)
}

let t: OpenedTestEngine
const servers: Served[] = []
beforeEach(async () => {
  t = await openTestEngine()
})
afterEach(async () => {
  BACKGROUND_FETCH.allowed = undefined
  await Promise.all(servers.splice(0).map((s) => s.close()))
  t.dispose()
})

const field: CertificateFieldInput = { key: 'custom_text', value: 'Hello', font_size: 22, align_center: true, font_family: 'Arial', font_color: '#000000', top: 100, left: 10, width: 380, height: 40 }
/** The warnings of a preview of a template with this background, and whether a copy of it was kept. */
async function previewWith(bgUrl: string): Promise<{ warnings: string; kept: boolean }> {
  const id = (await t.async.call('certificateTemplates.create', { name: `T ${Math.random()}`, bg_url: bgUrl, width: 400, height: 300, fields: [field] })).id
  const pdf = await t.async.call('certificateTemplates.preview', { id })
  return { warnings: pdf.warnings.join(' '), kept: rows(t.engine, 'SELECT url FROM certificate_backgrounds WHERE url = ?', bgUrl).length > 0 }
}

describe('background URLs: public addresses only', () => {
  it('refuses loopback in every spelling, and the server is never asked', async () => {
    const local = await serve(image)
    servers.push(local)
    const p = local.port
    for (const url of [`http://127.0.0.1:${p}/a.png`, `http://localhost:${p}/b.png`, `http://127.1:${p}/c.png`, `http://2130706433:${p}/d.png`, `http://0x7f.0.0.1:${p}/e.png`, `http://0.0.0.0:${p}/f.png`, `http://[::ffff:127.0.0.1]:${p}/g.png`, `http://[::1]:${p}/h.png`]) {
      const { warnings, kept } = await previewWith(url)
      expect(warnings, url).toMatch(/is not fetched: .* is an? (loopback|unspecified \("this network"\)) address \([^)]+\); only public web addresses are fetched/)
      expect(kept).toBe(false)
    }
    expect(local.hits).toEqual([])
  })

  it('checks every hop of a redirect: a public-looking first hop that sends the fetch to loopback is refused', async () => {
    const target = await serve(image)
    const first = await serve((_req, res) => {
      res.writeHead(302, { Location: target.url('/inside.png') })
      res.end()
    })
    servers.push(target, first)
    // The first server stands for a public one; the one it redirects to is not let through.
    BACKGROUND_FETCH.allowed = new Set([`127.0.0.1:${first.port}`])
    const { warnings, kept } = await previewWith(first.url('/start.png'))
    expect(warnings).toMatch(/is not fetched: .* is a loopback address \(127\.0\.0\.1\)/)
    expect(kept).toBe(false)
    expect(first.hits).toEqual(['/start.png'])
    expect(target.hits).toEqual([])
  })

  it('follows at most 3 redirects', async () => {
    const hops = await serve((req, res, self) => {
      const n = Number(/\/hop(\d+)/.exec(req.url ?? '')?.[1] ?? 0)
      if (n < Number(/limit=(\d+)/.exec(req.url ?? '')?.[1])) {
        res.writeHead(302, { Location: self.url(`/hop${n + 1}?limit=${/limit=(\d+)/.exec(req.url ?? '')?.[1]}`) })
        res.end()
      } else image(req, res)
    })
    servers.push(hops)
    BACKGROUND_FETCH.allowed = new Set([`127.0.0.1:${hops.port}`])
    const three = await previewWith(hops.url('/hop0?limit=3'))
    expect(three).toEqual({ warnings: '', kept: true })
    const four = await previewWith(hops.url('/hop0?limit=4'))
    expect(four.warnings).toMatch(/could not be downloaded \(the address redirects more than 3 times\)/)
    expect(four.kept).toBe(false)
    expect(hops.hits.filter((h) => h.endsWith('limit=4'))).toHaveLength(4)
  })

  it('stops reading a body past 10 MB, declared or not', async () => {
    const big = await serve((req, res) => {
      if (req.url === '/declared.png') res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(11 * 1024 * 1024) })
      else res.writeHead(200, { 'Content-Type': 'image/png' })
      res.write(png)
      // An endless body: the fetch must stop reading it.
      const more = () => (res.write(Buffer.alloc(1024 * 1024)) ? setImmediate(more) : res.once('drain', more))
      res.on('close', () => res.removeAllListeners('drain'))
      more()
    })
    servers.push(big)
    BACKGROUND_FETCH.allowed = new Set([`127.0.0.1:${big.port}`])
    for (const path of ['/declared.png', '/chunked.png']) {
      const { warnings, kept } = await previewWith(big.url(path))
      expect(warnings, path).toMatch(/could not be downloaded \(the file is larger than 10 MB\)/)
      expect(kept).toBe(false)
    }
  })

  it('judges addresses as IPv4, IPv6 and the IPv6 forms that carry an IPv4 address', () => {
    const refused = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::', '::1', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', '64:ff9b::10.0.0.1', '2002:7f00:1::1', '2002:c0a8:101::', '2001::1', '::127.0.0.1', '2001:db8::1']
    const allowed = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']
    for (const a of refused) expect(refusedAddress(a), a).not.toBeNull()
    for (const a of allowed) expect(refusedAddress(a), a).toBeNull()
  })
})

describe('background pixels: checked from the header before any decoding', () => {
  const huge = craftedPng(12_000, 12_000)

  it('an upload declaring 12000×12000 pixels is a 422 that says so', async () => {
    expect(huge.length).toBeLessThan(1024)
    const e = await t.async.fails('certificates.uploadBackground', { file: { name: 'huge.png', contentBase64: huge.toString('base64') } })
    expect(e.status).toBe(422)
    expect(e.message).toMatch(/"huge\.png" cannot be a certificate background: it is 12000×12000 pixels \(144 megapixels\); a background may be at most 10000 pixels a side and 25 megapixels/)
    // The refusal's reason code and figures, for the screen to say it in the trainer's language.
    expect(e.fieldReasons?.file?.[0]).toEqual({
      key: 'reason.background_too_large',
      values: { name: 'huge.png', width: '12000', height: '12000', megapixels: '144', maxSide: '10000', maxMegapixels: '25' },
    })
    expect(reasonText('fr', e.reason, e.message)).toMatch(/« huge\.png » ne peut pas servir de fond de certificat : elle mesure 12000×12000 pixels \(144 mégapixels\)/)
    // A large one within the limits is taken.
    await t.async.call('certificates.uploadBackground', { file: { name: 'fine.png', contentBase64: craftedPng(3508, 2480).toString('base64') } })
  })

  it('a URL serving it: not decoded, not kept, the page printed without it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png' })
      res.end(huge)
    })
    servers.push(server)
    BACKGROUND_FETCH.allowed = new Set([`127.0.0.1:${server.port}`])
    const { warnings, kept } = await previewWith(server.url('/huge.png'))
    expect(warnings).toMatch(/is not used: it is 12000×12000 pixels/)
    expect(kept).toBe(false)
  })

  it('a stored file that a template names (however it got there): not decoded', async () => {
    const sha256 = writeUploadFile(t.dir, huge)
    const { warnings } = await previewWith(`lms-file://uploads/${sha256}/huge.png`)
    expect(warnings).toMatch(/background image is not used: it is 12000×12000 pixels/)
  })
})
