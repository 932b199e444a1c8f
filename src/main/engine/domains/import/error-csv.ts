// The rows a dry run refuses, as a file to fix and import again: the file's own header and
// each refused row's cells as they were, after a first column saying what is wrong (which
// the import ignores), in the file's delimiter, UTF-8 with a BOM so spreadsheets read
// accents. Cells go through the one CSV writer, so none runs as a formula; the import reads
// the apostrophe it adds back off (rows.ts). The file is read again part by part, as the dry
// run reads it, and only the lines of refused rows are kept, up to ERROR_CSV_ROWS of them.
import path from 'node:path'
import { csvLine, CSV_BOM } from '../../../../shared/format/csv'
import type { Locale } from '../../../../shared/i18n/locales'
import { ERROR_CSV_COLUMNS, type ErrorCsvResult, type ImportInput } from '../../../../shared/operations/import'
import { documentText } from '../../documents'
import { reasonText } from '../../reasons'
import type { EngineContext } from '../../context'
import { normalizeHeader } from './mapping'
import type { ImportJob } from './jobs'
import { analyse } from './pipeline'

/** Rows listed in one error file: more than anyone fixes by hand, and a bound on the answer's size whatever the file holds. */
export const ERROR_CSV_ROWS = 100_000

export function errorFileName(source: string | null | undefined): string {
  const base = source ? path.basename(source).replace(/\.[^.]+$/, '') : ''
  return `${base || 'import'}-errors.csv`
}

export async function errorCsvOf(ctx: EngineContext, input: ImportInput, locale: Locale, job: ImportJob): Promise<ErrorCsvResult> {
  const errorColumns = new Set(ERROR_CSV_COLUMNS.map(normalizeHeader))
  const lines: string[] = []
  let own: ((cells: readonly string[]) => string[]) | null = null
  let rowsWithProblems = 0
  const { source } = await analyse(ctx, input, {
    job,
    onPart(part, planned, { header, delimiter }) {
      if (!own) {
        // A file that is itself an error CSV (in any language) gets its old problems replaced by the new ones.
        const kept = header.map((_, i) => i).filter((i) => !errorColumns.has(normalizeHeader(header[i])))
        own = (cells) => [...kept.map((i) => cells[i] ?? ''), ...cells.slice(header.length)]
        lines.push(csvLine([documentText(locale, 'importErrors.column'), ...own(header)], delimiter))
      }
      if (planned.errors.length === 0) return
      if (rowsWithProblems >= ERROR_CSV_ROWS) {
        // Past the bound only counted: no text is made for rows the file does not list.
        const refused = new Set(planned.errors.map((e) => e.row))
        for (const record of part.records) if (refused.has(record.row)) rowsWithProblems++
        return
      }
      const problems = new Map<number, string[]>()
      for (const e of planned.errors) {
        const found = problems.get(e.row)
        const where = e.column === '(file)' ? '' : e.column
        const message = reasonText(locale, e.reason, e.message)
        if (found) found.push(where ? documentText(locale, 'importErrors.columnMessage', { column: where, message }) : message)
        else problems.set(e.row, [where ? documentText(locale, 'importErrors.rowColumn', { row: e.row, column: where, message }) : documentText(locale, 'importErrors.row', { row: e.row, message })])
      }
      for (const record of part.records) {
        const found = problems.get(record.row)
        if (!found) continue
        rowsWithProblems++
        if (rowsWithProblems <= ERROR_CSV_ROWS) lines.push(csvLine([found.join(' | '), ...own(record.cells)], delimiter))
      }
    },
  })
  return {
    csv: CSV_BOM + lines.join('\r\n') + '\r\n',
    fileName: errorFileName(source.fileName),
    rowsListed: Math.min(rowsWithProblems, ERROR_CSV_ROWS),
    rowsWithProblems,
  }
}
