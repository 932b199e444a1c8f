// Certificates as PDF pages: the template's page size, its background stretched over the
// page, and every field at its top/left/width/height with its font, size, colour and
// alignment. Problems a template can have (a field off the page, a character no font has)
// become warnings; the page is still drawn.
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState, rgb, type PDFFont, type PDFPage, type PDFRef } from 'pdf-lib'
import { CERTIFICATE_FONTS, QR_KEY, type CertificateField, type CertificateFont, type CertificateTemplateData } from '../../shared/operations/certificates'
import { cachingFontkit, FALLBACK_FILES, loadFont, visualFontRuns } from './fonts'
import { cacheSubset } from './subset-cache'
import type { PreparedImage } from './images'
import { drawQrCode } from './qr'
import { useNativeDeflate } from './native-deflate'

useNativeDeflate()

export interface CertificatePage {
  template: CertificateTemplateData
  /** Text by field key (custom_text prints the field's own value). */
  values: Record<string, string>
  background: PreparedImage | null
}

export interface RenderedPdf {
  bytes: Uint8Array
  warnings: string[]
}

export function colorOf(hex: string) {
  let h = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim())?.[1] ?? '222'
  if (h.length === 3) h = h.replace(/./g, (c) => c + c)
  const n = parseInt(h, 16)
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255)
}

const fieldLabel = (f: CertificateField) => (f.value && f.key !== 'custom_text' ? `"${f.value}"` : f.key)

/** The page edges a field's box runs past (none when it fits). */
export function edgesPassed(field: Pick<CertificateField, 'top' | 'left' | 'width' | 'height'>, template: { width: number; height: number }): ('left' | 'top' | 'right' | 'bottom')[] {
  const edges: ('left' | 'top' | 'right' | 'bottom')[] = []
  if (field.left < 0) edges.push('left')
  if (field.top < 0) edges.push('top')
  if (field.left + field.width > template.width) edges.push('right')
  if (field.top + field.height > template.height) edges.push('bottom')
  return edges
}

/** Where a field leaves the page, in words; null when it fits. */
export function outsidePage(field: Pick<CertificateField, 'top' | 'left' | 'width' | 'height'>, template: { width: number; height: number }): string | null {
  const edges = edgesPassed(field, template)
  return edges.length ? `past the ${edges.join(' and ')} edge` : null
}

/** The text a field prints: its value by key; custom_text prints the field's own text. */
export function fieldText(field: CertificateField, values: Record<string, string>): string | undefined {
  if (field.key === 'custom_text') return field.value
  return values[field.key]
}

/** `afterPage` is told of each page drawn: a job's checkpoint (progress, a pause, its cancel). */
export async function renderCertificates(pages: readonly CertificatePage[], afterPage?: (done: number, total: number) => Promise<void>): Promise<RenderedPdf> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.registerFontkit(cachingFontkit)
  doc.setProducer('LMS Offline')
  doc.setCreator('LMS Offline')
  const warnings = new Set<string>()
  const fonts = new Map<string, PDFFont>()
  const backgrounds = new Map<PreparedImage, PDFRef>()
  const fontFor = async (file: string) => {
    let font = fonts.get(file)
    if (!font) {
      const loaded = loadFont(file)
      font = await doc.embedFont(loaded.bytes, { subset: true })
      // Fallback fonts draw a few rare characters: no ASCII block for them.
      cacheSubset(font, file, loaded.font, !(FALLBACK_FILES as readonly string[]).includes(file))
      fonts.set(file, font)
    }
    return font
  }

  for (const [index, { template, values, background }] of pages.entries()) {
    if (index > 0) await afterPage?.(index, pages.length)
    const page = doc.addPage([template.width, template.height])
    if (background) {
      let ref = backgrounds.get(background)
      if (!ref) {
        ref = await background.embed(doc)
        backgrounds.set(background, ref)
      }
      const name = page.node.newXObject('Bg', ref)
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(template.width, 0, 0, template.height, 0, 0), drawObject(name), popGraphicsState())
    }
    const missing = new Set<string>()
    for (const field of template.fields) {
      const off = outsidePage(field, template)
      if (off) warnings.add(`The field ${fieldLabel(field)} lies ${off} of the ${template.width}×${template.height} page; it is cut off there.`)
      const box = { x: field.left, y: template.height - field.top - field.height, width: field.width, height: field.height }
      if (field.key === QR_KEY) {
        const code = values.certificate_code
        if (code) drawQrCode(page, code, box)
        continue
      }
      const raw = fieldText(field, values)
      if (raw === undefined) {
        warnings.add(`The field key "${field.key}" is not one this app knows; the field is left empty.`)
        continue
      }
      const text = raw.replace(/\s+/g, ' ').trim()
      if (!text) continue
      await drawFieldText(page, field, text, box, fontFor, missing)
    }
    if (missing.size) warnings.add(`No font here can draw ${[...missing].map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}; a blank box is printed instead.`)
  }
  await afterPage?.(pages.length, pages.length)
  const bytes = await doc.save({ useObjectStreams: true })
  return { bytes, warnings: [...warnings] }
}

async function drawFieldText(
  page: PDFPage,
  field: CertificateField,
  text: string,
  box: { x: number; y: number; width: number; height: number },
  fontFor: (file: string) => Promise<PDFFont>,
  missing: Set<string>,
): Promise<void> {
  const family: CertificateFont = (CERTIFICATE_FONTS as readonly string[]).includes(field.font_family) ? field.font_family : 'Arial'
  // Arabic or Hebrew text (a learner's name, a date in Arabic) in visual order and shaped.
  const runs = visualFontRuns(text, family, missing)
  const embedded = await Promise.all(runs.map((r) => fontFor(r.file)))
  let size = field.font_size
  // Widths scale with the size: measure each run once (a layout each), not per size tried.
  const unitWidths = runs.map((r, i) => embedded[i].widthOfTextAtSize(r.text, 1))
  const total = unitWidths.reduce((a, b) => a + b, 0)
  let width = total * size
  // A long name shrinks to its box rather than running over the next field.
  if (width > box.width && width > 0) {
    size = Math.max(4, box.width / total)
    width = total * size
  }
  const metrics = loadFont(runs[0].file).font
  const ascent = (metrics.ascent / metrics.unitsPerEm) * size
  const descent = (Math.abs(metrics.descent) / metrics.unitsPerEm) * size
  // Vertically centred in the box, as the editor shows it.
  const baseline = box.y + (box.height - (ascent + descent)) / 2 + descent
  let x = field.align_center ? box.x + (box.width - width) / 2 : box.x
  const color = colorOf(field.font_color)
  runs.forEach((run, i) => {
    page.drawText(run.text, { x, y: baseline, size, font: embedded[i], color })
    x += unitWidths[i] * size
  })
}
