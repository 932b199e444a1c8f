// The rows a dry run refuses, as a file to fix and import again: the file's own header and
// each refused row's cells as they were, after a first column saying what is wrong (which
// the import ignores), in the file's delimiter, UTF-8 with a BOM so spreadsheets read
// accents. Cells go through safeCsvCell, so none runs as a formula; the import reads the
// apostrophe it adds back off (rows.ts).
import path from 'node:path'
import { ERROR_CSV_COLUMNS, safeCsvCell, type ImportInput } from '../../../../shared/operations/import'
import type { Locale } from '../../../../shared/i18n/locales'
import { documentText } from '../../documents'
import { reasonText } from '../../reasons'
import type { EngineContext } from '../../context'
import { normalizeHeader } from './mapping'
import { analyse } from './pipeline'

export function errorFileName(source: string | null | undefined): string {
  const base = source ? path.basename(source).replace(/\.[^.]+$/, '') : ''
  return `${base || 'import'}-errors.csv`
}

export async function errorCsvOf(ctx: EngineContext, input: ImportInput, locale: Locale): Promise<{ csv: string; fileName: string }> {
  const { source, parsed, plan } = await analyse(ctx, input)
  const problems = new Map<number, string[]>()
  for (const e of plan.errors) {
    const found = problems.get(e.row)
    const where = e.column === '(file)' ? '' : e.column
    const message = reasonText(locale, e.reason, e.message)
    if (found) found.push(where ? documentText(locale, 'importErrors.columnMessage', { column: where, message }) : message)
    else problems.set(e.row, [where ? documentText(locale, 'importErrors.rowColumn', { row: e.row, column: where, message }) : documentText(locale, 'importErrors.row', { row: e.row, message })])
  }
  // A file that is itself an error CSV gets its old problems replaced by the new ones.
  const errorColumns = new Set(ERROR_CSV_COLUMNS.map(normalizeHeader))
  const kept = parsed.header.map((_, i) => i).filter((i) => !errorColumns.has(normalizeHeader(parsed.header[i])))
  const own = (cells: readonly string[]) => [...kept.map((i) => cells[i] ?? ''), ...cells.slice(parsed.header.length)]
  const join = (cells: readonly string[]) => cells.map(safeCsvCell).join(parsed.delimiter)
  const lines = [join([documentText(locale, 'importErrors.column'), ...own(parsed.header)])]
  for (const record of parsed.records) {
    const found = problems.get(record.row)
    if (found) lines.push(join([found.join(' | '), ...own(record.cells)]))
  }
  return { csv: '\ufeff' + lines.join('\r\n') + '\r\n', fileName: errorFileName(source.fileName) }
}
