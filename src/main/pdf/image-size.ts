// Width and height of a PNG or JPEG from its header (PNG's IHDR, JPEG's start-of-frame),
// read before anything is decoded: a 3.5 MB PNG can declare 30000×30000 pixels, which
// decoded took the engine 30-65 s and 7 GB. Every background (uploaded, fetched from a URL,
// or any stored file a template names) is checked here first.
export function imageSize(bytes: Uint8Array): { kind: 'png' | 'jpeg'; width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null
    return { kind: 'png', width: view.getUint32(16), height: view.getUint32(20) }
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null
      const marker = bytes[i + 1]
      if (marker === 0xff) {
        i++
        continue
      }
      const length = view.getUint16(i + 2)
      // Start-of-frame markers carry the size; C4, C8 and CC are other segments.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { kind: 'jpeg', height: view.getUint16(i + 5), width: view.getUint16(i + 7) }
      }
      i += 2 + length
    }
  }
  return null
}

/** A certificate page is at most A3 or US tabloid at 300 dpi (4961×3508, 17.4 megapixels). */
export const MAX_IMAGE_SIDE = 10_000
export const MAX_IMAGE_PIXELS = 25_000_000

const millions = (n: number) => (n / 1e6).toFixed(n < 1e7 ? 1 : 0)
const megapixels = (n: number) => `${millions(n)} megapixels`

/** Why an image may not be a background, with the figures a message names (the engine words it in the trainer's language). */
export type BackgroundRefusal = { why: 'unreadable' } | { why: 'unusable'; width: number; height: number } | { why: 'too_large'; width: number; height: number; megapixels: string; maxSide: number; maxMegapixels: string }

/** The header's kind and size, or why the image may not be decoded (a sentence, and its figures). */
export function backgroundSize(bytes: Uint8Array): { ok: true; kind: 'png' | 'jpeg'; width: number; height: number } | { ok: false; problem: string; refusal: BackgroundRefusal } {
  const size = imageSize(bytes)
  if (!size) return { ok: false, problem: 'it is not a PNG or JPEG image whose size can be read', refusal: { why: 'unreadable' } }
  const { width, height } = size
  if (width < 1 || height < 1) return { ok: false, problem: `its size (${width}×${height}) is unusable`, refusal: { why: 'unusable', width, height } }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    return {
      ok: false,
      problem:
        `it is ${width}×${height} pixels (${megapixels(width * height)}); a background may be at most ${MAX_IMAGE_SIDE} pixels a side ` +
        `and ${megapixels(MAX_IMAGE_PIXELS)} (an A4 page at 300 dpi is 3508×2480). Scale it down and use it again`,
      refusal: { why: 'too_large', width, height, megapixels: millions(width * height), maxSide: MAX_IMAGE_SIDE, maxMegapixels: millions(MAX_IMAGE_PIXELS) },
    }
  }
  return { ok: true, ...size }
}
