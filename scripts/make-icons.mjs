// Draws the app icon (an open book on a rounded blue square) as PNGs with no image library:
// resources/icon.png (512x512, electron-builder derives the .ico and .icns from it) and
// resources/icons/<n>x<n>.png for Linux desktops. Run: node scripts/make-icons.mjs
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const resources = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources')

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size)
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0 // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x / size, y / size, 1 / size)
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

/** Coverage of (u, v) in 0..1 coordinates, 4x4 supersampled for smooth edges. */
function icon(u, v, px) {
  let blue = 0
  let white = 0
  for (let i = 0; i < 16; i++) {
    const x = u + ((i % 4) + 0.5) * (px / 4)
    const y = v + (Math.floor(i / 4) + 0.5) * (px / 4)
    const r = 0.18 // corner radius of the square
    const cx = Math.min(Math.max(x, 0.04 + r), 0.96 - r)
    const cy = Math.min(Math.max(y, 0.04 + r), 0.96 - r)
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) continue
    // Two pages, each a slanted quadrilateral, with a gutter in the middle.
    const sag = 0.05 * Math.sin(Math.PI * Math.abs(x - 0.5) / 0.3)
    const page = Math.abs(x - 0.5) > 0.02 && Math.abs(x - 0.5) < 0.3 && y > 0.3 + sag && y < 0.72 + sag
    if (page) white++
    else blue++
  }
  const bg = [31, 102, 196]
  const fg = [255, 255, 255]
  const a = (blue + white) / 16
  if (a === 0) return [0, 0, 0, 0]
  const mix = (k) => Math.round((bg[k] * blue + fg[k] * white) / (blue + white))
  return [mix(0), mix(1), mix(2), Math.round(a * 255)]
}

fs.mkdirSync(path.join(resources, 'icons'), { recursive: true })
fs.writeFileSync(path.join(resources, 'icon.png'), png(512, icon))
for (const size of [512, 256]) fs.writeFileSync(path.join(resources, 'icons', `${size}x${size}.png`), png(size, icon))
console.log('icons written to resources/icon.png and resources/icons/')
