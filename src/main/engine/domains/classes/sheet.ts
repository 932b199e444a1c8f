// The paper fallback: a printable A4 sign-in sheet of a class roster (name, email, the mark
// so far, a box to sign), and the marked roster as CSV. Names in any script print: text is
// drawn in runs with the shared font chain of src/main/pdf (Liberation Sans, DejaVu, CJK).
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { cachingFontkit, fontRuns, loadFont } from '../../../pdf/fonts'
import { csvText } from '../../../../shared/format/csv'

export interface SheetLearner {
  name: string
  email: string
  status: string
  note: string | null
}

export interface SheetClass {
  id: number
  courseName: string
  when: string
  location: string
  instructor: string
  signedOff: string | null
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 40
const ROW = 26
const COLUMNS = [
  { key: 'n', label: '#', width: 26 },
  { key: 'name', label: 'Name', width: 150 },
  { key: 'email', label: 'Email', width: 160 },
  { key: 'status', label: 'Marked', width: 62 },
  { key: 'sign', label: 'Signature', width: 117.28 },
] as const

class Writer {
  private readonly fonts = new Map<string, PDFFont>()
  constructor(private readonly doc: PDFDocument) {}

  private async font(file: string): Promise<PDFFont> {
    let font = this.fonts.get(file)
    if (!font) {
      font = await this.doc.embedFont(loadFont(file).bytes, { subset: true })
      this.fonts.set(file, font)
    }
    return font
  }

  async width(text: string, size: number, bold = false): Promise<number> {
    let total = 0
    for (const run of fontRuns(text, bold ? 'DejaVuSans-Bold' : 'Arial', new Set())) total += (await this.font(run.file)).widthOfTextAtSize(run.text, size)
    return total
  }

  /** Draws text at (x, y), cut with an ellipsis to fit `maxWidth`. */
  async text(page: PDFPage, text: string, x: number, y: number, size: number, options: { bold?: boolean; maxWidth?: number } = {}): Promise<void> {
    let shown = text
    if (options.maxWidth) {
      while (shown.length > 1 && (await this.width(shown, size, options.bold)) > options.maxWidth) shown = `${[...shown].slice(0, -2).join('')}…`
    }
    let at = x
    for (const run of fontRuns(shown, options.bold ? 'DejaVuSans-Bold' : 'Arial', new Set())) {
      const font = await this.font(run.file)
      page.drawText(run.text, { x: at, y, size, font, color: rgb(0.1, 0.1, 0.1) })
      at += font.widthOfTextAtSize(run.text, size)
    }
  }
}

export async function signInSheetPdf(cls: SheetClass, learners: readonly SheetLearner[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(cachingFontkit)
  doc.setTitle(`Sign-in sheet: ${cls.courseName}, ${cls.when}`)
  doc.setCreator('LMS Offline')
  const w = new Writer(doc)
  const perPage = Math.floor((A4.height - 2 * MARGIN - 120) / ROW)
  const pages = Math.max(1, Math.ceil(learners.length / perPage))
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([A4.width, A4.height])
    let y = A4.height - MARGIN - 16
    await w.text(page, `Sign-in sheet: ${cls.courseName}`, MARGIN, y, 16, { bold: true, maxWidth: A4.width - 2 * MARGIN })
    y -= 20
    await w.text(page, `${cls.when} · ${cls.location || 'No location'} · Instructor: ${cls.instructor || 'not set'} · Class ${cls.id}`, MARGIN, y, 10, {
      maxWidth: A4.width - 2 * MARGIN,
    })
    y -= 16
    if (cls.signedOff) {
      await w.text(page, cls.signedOff, MARGIN, y, 10, { maxWidth: A4.width - 2 * MARGIN })
    }
    y -= 30
    let x = MARGIN
    for (const c of COLUMNS) {
      await w.text(page, c.label, x + 4, y + 8, 10, { bold: true })
      x += c.width
    }
    page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: A4.width - MARGIN, y: y + 2 }, thickness: 1 })
    const slice = learners.slice(p * perPage, (p + 1) * perPage)
    for (let i = 0; i < slice.length; i++) {
      const l = slice[i]
      y -= ROW
      x = MARGIN
      const cells = [String(p * perPage + i + 1), l.name, l.email, l.status === 'Registered' ? '' : l.status, '']
      for (let c = 0; c < COLUMNS.length; c++) {
        if (cells[c]) await w.text(page, cells[c], x + 4, y + 9, 9, { maxWidth: COLUMNS[c].width - 8 })
        x += COLUMNS[c].width
      }
      page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: A4.width - MARGIN, y: y + 2 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) })
    }
    await w.text(page, `Page ${p + 1} of ${pages} · ${learners.length} learner(s)`, MARGIN, MARGIN - 12, 8)
  }
  return doc.save()
}

export function rosterCsv(cls: SheetClass, learners: readonly (SheetLearner & { markedAt: string | null })[]): string {
  const header = ['Class', 'Course', 'Date', 'Location', 'Name', 'Email', 'Status', 'Marked at', 'Note']
  const lines = [header, ...learners.map((l) => [String(cls.id), cls.courseName, cls.when, cls.location, l.name, l.email, l.status, l.markedAt ?? '', l.note ?? ''])]
  return csvText(lines)
}
