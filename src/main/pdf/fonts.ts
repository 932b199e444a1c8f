// The template fonts (certificate_template/fontFamilyLookup) mapped to free font files in
// resources/fonts, parsed once per process and embedded as subsets. A character the chosen
// font cannot draw is drawn with the first fallback that can (DejaVu Sans, then WenQuanYi
// Micro Hei for CJK), so any name renders and nothing throws.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fontkit, { type Font } from '@pdf-lib/fontkit'
import type { CertificateFont } from '../../shared/operations/certificates'
import { hasRtlLetters, startsRightToLeft, visualRuns } from './bidi'

export const FONT_FILES: Record<CertificateFont, string> = {
  Arial: 'LiberationSans-Regular.ttf',
  Helvetica: 'LiberationSans-Regular.ttf',
  'Times-Roman': 'LiberationSerif-Regular.ttf',
  'Times-Bold': 'LiberationSerif-Bold.ttf',
  Courier: 'LiberationMono-Regular.ttf',
  'Courier-Bold': 'LiberationMono-Bold.ttf',
  'DejaVuSans-Bold': 'DejaVuSans-Bold.ttf',
  'DejaVuSansMono-Bold': 'DejaVuSansMono-Bold.ttf',
}

export const FALLBACK_FILES = ['DejaVuSans.ttf', 'WenQuanYiMicroHei.ttf'] as const

let fontsDir: string | null = null

/** resources/fonts beside the app: the packaged resources folder, or the repository when run from source or a build. */
export function findFontsDir(): string {
  if (fontsDir) return fontsDir
  const candidates: string[] = []
  if (process.env.LMS_FONTS_DIR) candidates.push(process.env.LMS_FONTS_DIR)
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath
  if (resourcesPath) candidates.push(path.join(resourcesPath, 'fonts'), path.join(resourcesPath, 'resources', 'fonts'))
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    candidates.push(path.join(dir, 'resources', 'fonts'))
    dir = path.dirname(dir)
  }
  const found = candidates.find((c) => fs.existsSync(path.join(c, FALLBACK_FILES[0])))
  if (!found) throw new Error(`The certificate fonts were not found (looked in ${candidates.join(', ')}).`)
  fontsDir = found
  return found
}

export interface LoadedFont {
  file: string
  bytes: Uint8Array
  font: Font
}

const loaded = new Map<string, LoadedFont>()
const byBytes = new WeakMap<Uint8Array, Font>()

export function loadFont(file: string): LoadedFont {
  let entry = loaded.get(file)
  if (!entry) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(findFontsDir(), file)))
    const font = fontkit.create(bytes)
    byBytes.set(bytes, font)
    entry = { file, bytes, font }
    loaded.set(file, entry)
  }
  return entry
}

/**
 * The fontkit pdf-lib is given: answers fonts parsed earlier instead of parsing the file
 * again for every document (the CJK fallback alone is 4.6 MB).
 */
export const cachingFontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    return byBytes.get(buffer) ?? fontkit.create(buffer, postscriptName)
  },
}

export interface TextRun {
  file: string
  text: string
}

/**
 * Splits text into runs, each drawn with the first of the chosen font and the fallbacks
 * that has every character of the run. `missing` collects characters no font has.
 */
export function fontRuns(text: string, primary: CertificateFont, missing: Set<string>): TextRun[] {
  const chain = [FONT_FILES[primary] ?? FONT_FILES.Arial, ...FALLBACK_FILES].map(loadFont)
  const runs: TextRun[] = []
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    let file: string
    if (/\s/.test(ch) && runs.length) {
      // Spaces stay in the run they are in: fewer font switches, same look.
      file = runs[runs.length - 1].file
    } else {
      const fit = chain.find((f) => f.font.hasGlyphForCodePoint(cp))
      if (!fit) missing.add(ch)
      file = (fit ?? chain[0]).file
    }
    const last = runs[runs.length - 1]
    if (last && last.file === file) last.text += ch
    else runs.push({ file, text: ch })
  }
  return runs
}

/**
 * The runs to draw from left to right: bidi runs in visual order (bidi.ts), each split by
 * font. A right-to-left run split between fonts has its pieces go from the right too, and a
 * piece with no right-to-left letters in it (punctuation, which fontkit leaves as it is) is
 * turned around here; fontkit orders and shapes the Arabic pieces itself.
 */
export function visualFontRuns(text: string, primary: CertificateFont, missing: Set<string>, rtlLine = startsRightToLeft(text)): TextRun[] {
  const out: TextRun[] = []
  for (const run of visualRuns(text, rtlLine)) {
    const byFont = fontRuns(run.text, primary, missing)
    if (run.rtl) {
      byFont.reverse()
      for (const piece of byFont) if (!hasRtlLetters(piece.text)) piece.text = [...piece.text].reverse().join('')
    }
    out.push(...byFont)
  }
  return out
}
