// Font subsets encoded once and reused. Encoding a subset (fontkit) was the largest cost
// of a certificate. A subset's bytes depend only on the font and on which glyphs it holds
// in which order, so they are cached by exactly that. To make repeats likely, a template
// font's subset starts with the printable ASCII glyphs in a fixed order: certificates whose
// texts stay within them share one subset per font; other characters follow after.
import type { Font, Glyph } from '@pdf-lib/fontkit'
import type { PDFFont } from 'pdf-lib'
import { markStable } from './native-deflate'

interface SubsetEmbedder {
  subset: { includeGlyph(glyph: Glyph): number; glyphs: number[] }
  glyphs: Glyph[]
  glyphIdMap: Map<number, number>
  glyphCache: { invalidate(): void }
  serializeFont(): Promise<Uint8Array>
}

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')
const baseGlyphsByFont = new WeakMap<Font, Glyph[]>()
const encoded = new Map<string, Uint8Array>()
const CACHE_LIMIT = 400

function baseGlyphs(font: Font): Glyph[] {
  let glyphs = baseGlyphsByFont.get(font)
  if (!glyphs) {
    glyphs = [...ASCII].map((c) => font.glyphForCodePoint(c.codePointAt(0)!)).filter((g) => g.id !== 0)
    baseGlyphsByFont.set(font, glyphs)
  }
  return glyphs
}

/** The embedder pdf-lib made for a subset font, when it has the shape this module relies on. */
function subsetEmbedder(pdfFont: PDFFont): SubsetEmbedder | null {
  const e = (pdfFont as unknown as { embedder?: Partial<SubsetEmbedder> }).embedder
  return e && e.subset && Array.isArray(e.subset.glyphs) && Array.isArray(e.glyphs) && e.glyphIdMap instanceof Map && e.glyphCache && typeof e.serializeFont === 'function'
    ? (e as SubsetEmbedder)
    : null
}

/**
 * Prepares a freshly embedded subset font: with `withAscii`, the ASCII glyphs go in first;
 * its encoded bytes come from the cache when the same glyphs were encoded before. A pdf-lib
 * whose embedder looks different is left alone (slower, same output).
 */
export function cacheSubset(pdfFont: PDFFont, fileKey: string, font: Font, withAscii: boolean): void {
  const embedder = subsetEmbedder(pdfFont)
  if (!embedder) return
  if (withAscii) {
    for (const glyph of baseGlyphs(font)) {
      const id = embedder.subset.includeGlyph(glyph)
      embedder.glyphs[id - 1] = glyph
      embedder.glyphIdMap.set(glyph.id, id)
    }
    embedder.glyphCache.invalidate()
  }
  const serialize = embedder.serializeFont.bind(embedder)
  embedder.serializeFont = async () => {
    const key = `${fileKey}:${embedder.subset.glyphs.join(',')}`
    const hit = encoded.get(key)
    if (hit) return hit
    const bytes = await serialize()
    markStable(bytes)
    if (encoded.size >= CACHE_LIMIT) encoded.delete(encoded.keys().next().value as string)
    encoded.set(key, bytes)
    return bytes
  }
}
