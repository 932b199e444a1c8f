// Width and height of a PNG or JPEG from its header, read synchronously (writes run inside
// a transaction and cannot wait for a full decode).
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
