// pdf-lib compresses every stream it writes (page contents, font subsets, object streams)
// with pako, a JavaScript deflate: half the time of a certificate went there and into the
// garbage its buffers leave. The same zlib-format output comes from Node's native zlib, so
// pdf-lib's pako (a dependency of ours too, pinned to pdf-lib's version, so one instance) is given a deflate that calls zlib when it is
// called the way pdf-lib calls it (no options). Any other use goes to pako unchanged.
import zlib from 'node:zlib'
import pako from 'pako'

let installed = false

// Byte arrays that never change once made (cached font subsets): their compressed form is kept too.
const stable = new WeakSet<Uint8Array>()
const compressed = new WeakMap<Uint8Array, Uint8Array>()

export function markStable(bytes: Uint8Array): void {
  stable.add(bytes)
}

export function useNativeDeflate(): void {
  if (installed) return
  installed = true
  const original = pako.deflate.bind(pako)
  pako.deflate = (data, options) => {
    if (options !== undefined) return original(data, options)
    if (typeof data !== 'string' && stable.has(data)) {
      let out = compressed.get(data)
      if (!out) compressed.set(data, (out = zlib.deflateSync(data, { level: 6 })))
      return out
    }
    const input = typeof data === 'string' ? Buffer.from(data, 'latin1') : data
    // Level 1: a certificate's streams are small and mostly font outlines; speed matters more.
    return zlib.deflateSync(input, { level: 1 })
  }
}
