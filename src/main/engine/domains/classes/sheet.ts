// The paper fallback: a printable A4 sign-in sheet of a class roster (name, email, the mark
// so far, a box to sign), and the marked roster as CSV, both in the chosen language. Names
// in any script print: text is drawn in runs with the shared font chain of src/main/pdf
// (Liberation Sans, DejaVu, CJK), right-to-left lines in visual order (bidi.ts), and an
// Arabic sheet is laid out from the right.
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { isRtl, type Locale } from '../../../../shared/i18n/locales'
import { cachingFontkit, loadFont, visualFontRuns } from '../../../pdf/fonts'
import { documentText, type DocumentKey } from '../../documents'
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
  /** Day and times, already in the sheet's language. */
  when: string
  location: string
  instructor: string
  /** "Signed off by … on …", already in the sheet's language. */
  signedOff: string | null
}

const STATUS_KEYS: Record<ClassStatus, DocumentKey> = {
  Attended: 'status.attended',
  'No Show': 'status.noShow',
  Cancelled: 'status.cancelled',
  Registered: 'status.registered',
}

/** A status as the sheet's language names it (an unknown one as it is). */
export function statusText(locale: Locale, status: string): string {
  const key = STATUS_KEYS[status as ClassStatus]
  return key ? documentText(locale, key) : status
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 40
const ROW = 26
const COLUMNS = [
  { key: 'n', label: 'sheet.col.number', width: 26 },
  { key: 'name', label: 'sheet.col.name', width: 150 },
  { key: 'email', label: 'sheet.col.email', width: 160 },
  { key: 'status', label: 'sheet.col.marked', width: 62 },
  { key: 'sign', label: 'sheet.col.signature', width: 117.28 },
] as const

interface TextOptions {
  bold?: boolean
  maxWidth?: number
  /** Where x is: the text's left edge, or (right-to-left) its right edge. */
  align?: 'left' | 'right'
}

class Writer {
  private readonly fonts = new Map<string, PDFFont>()
  constructor(
    private readonly doc: PDFDocument,
    private readonly rtl: boolean,
  ) {}

  private async font(file: string): Promise<PDFFont> {
    let font = this.fonts.get(file)
    if (!font) {
      font = await this.doc.embedFont(loadFont(file).bytes, { subset: true })
      this.fonts.set(file, font)
    }
    return font
  }

  /** The pieces to draw from left to right, with their fonts and widths. */
  private async pieces(text: string, size: number, bold: boolean) {
    const out: { text: string; font: PDFFont; width: number }[] = []
    for (const piece of visualFontRuns(text, bold ? 'DejaVuSans-Bold' : 'Arial', new Set(), this.rtl)) {
      const font = await this.font(piece.file)
      out.push({ text: piece.text, font, width: font.widthOfTextAtSize(piece.text, size) })
    }
    return out
  }

  async width(text: string, size: number, bold = false): Promise<number> {
    return (await this.pieces(text, size, bold)).reduce((sum, p) => sum + p.width, 0)
  }

  /** Draws text at (x, y), cut with an ellipsis to fit `maxWidth`. */
  async text(page: PDFPage, text: string, x: number, y: number, size: number, options: TextOptions = {}): Promise<void> {
    const bold = Boolean(options.bold)
    let shown = text
    if (options.maxWidth) {
      while (shown.length > 1 && (await this.width(shown, size, bold)) > options.maxWidth) shown = `${[...shown].slice(0, -2).join('')}…`
    }
    const pieces = await this.pieces(shown, size, bold)
    const total = pieces.reduce((sum, p) => sum + p.width, 0)
    let at = options.align === 'right' ? x - total : x
    for (const p of pieces) {
      page.drawText(p.text, { x: at, y, size, font: p.font, color: rgb(0.1, 0.1, 0.1) })
      at += p.width
    }
  }
}

/** `afterPage` is told of each page drawn: a job's checkpoint (progress, a pause, its cancel). */
export async function signInSheetPdf(locale: Locale, cls: SheetClass, learners: readonly SheetLearner[], afterPage?: (done: number, total: number) => Promise<void>): Promise<Uint8Array> {
  const rtl = isRtl(locale)
  const say = (key: DocumentKey, values?: Record<string, string | number>) => documentText(locale, key, values)
  const doc = await PDFDocument.create()
  doc.registerFontkit(cachingFontkit)
  doc.setTitle(`${say('sheet.title', { course: cls.courseName })}, ${cls.when}`)
  doc.setLanguage(locale)
  doc.setCreator('LMS Offline')
  const w = new Writer(doc, rtl)
  const full = A4.width - 2 * MARGIN
  // Right-to-left, lines start at the right margin and the columns run from the right.
  const lineX = rtl ? A4.width - MARGIN : MARGIN
  const align = rtl ? ('right' as const) : ('left' as const)
  const columnStart = (index: number) => {
    const before = COLUMNS.slice(0, index).reduce((sum, c) => sum + c.width, 0)
    return rtl ? A4.width - MARGIN - before - 4 : MARGIN + before + 4
  }
  const perPage = Math.floor((A4.height - 2 * MARGIN - 120) / ROW)
  const pages = Math.max(1, Math.ceil(learners.length / perPage))
  for (let p = 0; p < pages; p++) {
    if (p > 0) await afterPage?.(p, pages)
    const page = doc.addPage([A4.width, A4.height])
    let y = A4.height - MARGIN - 16
    await w.text(page, say('sheet.title', { course: cls.courseName }), lineX, y, 16, { bold: true, maxWidth: full, align })
    y -= 20
    const details = say('sheet.details', {
      when: cls.when,
      location: cls.location || say('sheet.noLocation'),
      instructor: cls.instructor || say('sheet.instructorNotSet'),
      id: String(cls.id),
    })
    await w.text(page, details, lineX, y, 10, { maxWidth: full, align })
    y -= 16
    if (cls.signedOff) await w.text(page, cls.signedOff, lineX, y, 10, { maxWidth: full, align })
    y -= 30
    for (let c = 0; c < COLUMNS.length; c++) await w.text(page, say(COLUMNS[c].label), columnStart(c), y + 8, 10, { bold: true, align })
    page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: A4.width - MARGIN, y: y + 2 }, thickness: 1 })
    const slice = learners.slice(p * perPage, (p + 1) * perPage)
    for (let i = 0; i < slice.length; i++) {
      const l = slice[i]
      y -= ROW
      const cells = [String(p * perPage + i + 1), l.name, l.email, l.status === 'Registered' ? '' : statusText(locale, l.status), '']
      for (let c = 0; c < COLUMNS.length; c++) {
        if (cells[c]) await w.text(page, cells[c], columnStart(c), y + 9, 9, { maxWidth: COLUMNS[c].width - 8, align })
      }
      page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: A4.width - MARGIN, y: y + 2 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) })
    }
    await w.text(page, say('sheet.footer', { page: p + 1, pages, count: learners.length }), lineX, MARGIN - 12, 8, { align })
  }
  await afterPage?.(pages, pages)
  return doc.save()
}

const CSV_HEADER: readonly DocumentKey[] = ['csv.class', 'csv.course', 'csv.date', 'csv.location', 'csv.name', 'csv.email', 'csv.status', 'csv.markedAt', 'csv.note']

export function rosterCsv(locale: Locale, cls: SheetClass, learners: readonly (SheetLearner & { markedAt: string | null })[]): string {
  const header = CSV_HEADER.map((key) => documentText(locale, key))
  const lines = [header, ...learners.map((l) => [String(cls.id), cls.courseName, cls.when, cls.location, l.name, l.email, statusText(locale, l.status), l.markedAt ?? '', l.note ?? ''])]
  return csvText(lines)
}
