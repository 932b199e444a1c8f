// Issue 16, finding 11: every CSV the app makes is safe to open in a spreadsheet, whatever
// separator the spreadsheet is set to. Each export is made through the engine with hostile
// cells (formulas, and formulas hidden behind a `;`, a tab, a comma, a line break or a
// quote) and read back the way spreadsheets read CSV, with `,`, `;` and tab as separator:
// no cell may start a formula. Read with its own separator, each file still holds the
// values as they were (the leading apostrophe is how spreadsheets show text).
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { csvText } from '../../src/shared/format/csv'
import { b64 } from '../engine/import-helpers'
import { openTestEngine, rows, type OpenedTestEngine } from '../engine/helpers'

const HOSTILE = [
  "=cmd|' /C calc'!A0",
  '+SUM(1,2)',
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(A1:A9)',
  "Late;=cmd|' /C calc'!A0",
  'Left\t=HYPERLINK("http://evil.example","x")',
  'Fine,=1+1',
  'Two lines\n=1+1',
  'Quote "=1+1"',
  'Sep;+1;-1;@x',
]

const SEPARATORS = [',', ';', '\t'] as const

/** Every cell of the text as a spreadsheet set to this separator reads it. */
function cellsReadWith(csv: string, delimiter: string): string[] {
  const parsed = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { delimiter, skipEmptyLines: true })
  return parsed.data.flat()
}

/** Cells that a spreadsheet would run: starting with = + - @ (also after spaces or an opening quote it did not take as quoting). */
const formulas = (cells: readonly string[]) => cells.filter((c) => /^\s*"?\s*[=+\-@]/.test(c))

function expectNoFormula(csv: string): void {
  for (const separator of SEPARATORS) expect(formulas(cellsReadWith(csv, separator)), `read with ${JSON.stringify(separator)}`).toEqual([])
}

let t: OpenedTestEngine
beforeEach(async () => {
  t = await openTestEngine({ demo: true })
})
afterEach(() => t.dispose())

describe('CSV exports with hostile cells', () => {
  it('attendance.exportCsv: notes and names never become formulas', () => {
    const registrations = rows<{ id: number; user_id: number }>(t.engine, 'SELECT id, user_id FROM class_enrollments WHERE class_id = 1 ORDER BY id')
    expect(registrations.length).toBeGreaterThanOrEqual(HOSTILE.length)
    HOSTILE.forEach((note, i) => t.call('attendance.note', { enrollmentId: registrations[i].id, note }))
    t.engine.sql.raw.prepare('UPDATE users SET first_name = ?, last_name = ? WHERE id = ?').run('=1+1;@A1', 'x;-1', registrations[0].user_id)
    const { csv } = t.call('attendance.exportCsv', { classId: 1 })
    expectNoFormula(csv)
    // Read with its own separator, every note is there, shown as text.
    const notes = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { delimiter: ',' }).data.map((cells) => cells[8])
    for (const note of HOSTILE) expect(notes).toContain(shownAsText(note))
  })

  it('import.errorCsv of a file: the refused rows, whatever the file\'s delimiter', async () => {
    for (const delimiter of SEPARATORS) {
      const lines = [['email', 'first_name', 'last_name'].join(delimiter)]
      HOSTILE.forEach((cell, i) => lines.push(Papa.unparse([[`not-an-email-${i}`, cell, cell]], { delimiter, quotes: true })))
      const file = lines.join('\r\n') + '\r\n'
      const dry = await t.async.call('import.dryRun', { contentBase64: b64(file), delimiter })
      expect(dry.errorCount).toBe(HOSTILE.length)
      const { csv } = await t.async.call('import.errorCsv', { contentBase64: b64(file), delimiter })
      expectNoFormula(csv)
      const back = Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { delimiter }).data
      for (const cell of HOSTILE) expect(back.some((r) => r[2] === shownAsText(cell))).toBe(true)
    }
  })

  it('import.errorCsv of an error list (older tools)', async () => {
    const errors = HOSTILE.map((value, i) => ({ row: i + 2, column: value, value, message: value }))
    const { csv } = await t.async.call('import.errorCsv', { errors })
    expectNoFormula(csv)
  })

  it('the shared writer, as the import screen\'s sample file uses it', () => {
    const csv = csvText([['email', 'first_name'], ...HOSTILE.map((h) => [h, h])])
    expectNoFormula(csv)
    expect(Papa.parse<string[]>(csv.replace(/^\ufeff/, ''), { delimiter: ',' }).data.slice(1, -1).map((r) => r[0])).toEqual(HOSTILE.map(shownAsText))
  })
})

/** How the writer shows a value as text: an apostrophe before a formula's first character, wherever a separator could start a cell. */
function shownAsText(value: string): string {
  return value.replace(/^[=+\-@\t\r]/, "'$&").replace(/([,;\t\r\n"])([=+\-@])/g, "$1'$2")
}
