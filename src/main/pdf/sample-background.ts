// A certificate background drawn in code (a cream page with a double frame and corner
// marks), written as a PNG: the demo world, the benchmark and the tests use it, so no
// image file has to be shipped for them.
import zlib from 'node:zlib'

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

export function certificateBackgroundPng(width: number, height: number, accent: [number, number, number] = [0x1f, 0x3a, 0x5f]): Buffer {
  const cream: [number, number, number] = [0xfb, 0xf7, 0xec]
  const gold: [number, number, number] = [0xc2, 0x9b, 0x4a]
  const row = Buffer.alloc(1 + width * 3)
  const raw = Buffer.alloc((1 + width * 3) * height)
  const band = (d: number) => (d >= 18 && d < 30 ? accent : d >= 38 && d < 42 ? gold : null)
  for (let y = 0; y < height; y++) {
    row[0] = 0
    for (let x = 0; x < width; x++) {
      const d = Math.min(x, y, width - 1 - x, height - 1 - y)
      // Corner squares inside the frame.
      const cx = Math.min(x, width - 1 - x)
      const cy = Math.min(y, height - 1 - y)
      const corner = cx >= 48 && cx < 78 && cy >= 48 && cy < 78
      const c = band(d) ?? (corner ? gold : cream)
      row[1 + x * 3] = c[0]
      row[2 + x * 3] = c[1]
      row[3 + x * 3] = c[2]
    }
    row.copy(raw, y * row.length)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
