// Which column holds what: headers recognised by headers.ts, overridable per header by the
// caller. Where two columns name one field, the field's own name wins over a synonym (an
// export's "mail" over its "Work email") and the other is ignored with a note; two of equal
// standing are refused. Unknown headers are reported so the screen can offer them as
// custom user fields; they are ignored unless chosen.
import { ERROR_CSV_COLUMNS, type ImportColumn, type ImportField } from '../../../../shared/operations/import'
import { invalid } from '../../errors'
import { said } from './said'
import { foldHeader, guessEmailHeader, matchHeader, type HeaderMatch } from './headers'

export const normalizeHeader = foldHeader

/** Fields one column at most may hold (courses and classes may come from several: course1, course2...). */
const SINGLE: readonly ImportField[] = ['email', 'username', 'first_name', 'last_name', 'full_name', 'password']

interface Draft extends ImportColumn {
  /** 0: chosen by the caller; else the header's rank. */
  rank: number
  match: HeaderMatch | null
}

export function mapColumns(header: readonly string[], overrides: Record<string, ImportField> = {}): ImportColumn[] {
  const byNormalized = new Map(Object.entries(overrides).map(([h, f]) => [normalizeHeader(h), f]))
  const errorColumns = new Set(ERROR_CSV_COLUMNS.map(normalizeHeader))
  const columns: Draft[] = header.map((raw, index) => {
    const text = raw.trim()
    const key = normalizeHeader(text)
    const chosen = key ? byNormalized.get(key) : undefined
    // The error CSV's own column: what was wrong, never imported again.
    const match = errorColumns.has(key) ? null : text ? matchHeader(text) : null
    const known = errorColumns.has(key) || match !== null
    // A column without a header (a trailing delimiter) holds nothing to import.
    const field: ImportField = chosen ?? match?.field ?? 'ignore'
    return { index, header: text, field, unknown: text !== '' && !known, rank: chosen ? 0 : (match?.rank ?? 9), match }
  })

  const holding = (field: ImportField) => columns.filter((c) => c.field === field)
  // "Name" beside "Vorname" is the surname; "Nombre" beside "Apellido" the first name.
  for (const c of columns) {
    const beside = c.rank > 0 ? c.match?.beside : undefined
    if (beside && holding(beside.other).length > 0 && holding(beside.becomes).length === 0) c.field = beside.becomes
  }

  for (const field of SINGLE) {
    const all = holding(field)
    if (all.length < 2) continue
    const best = Math.min(...all.map((c) => c.rank))
    const top = all.filter((c) => c.rank === best)
    if (top.length > 1) {
      const headers = top.map((c) => `"${c.header}"`).join(', ')
      const numbers = top.map((c) => c.index + 1).join(', ')
      throw invalid('columns', 'reason.import.columns_same_field', { field, headers, numbers })
    }
    for (const c of all) {
      if (c === top[0]) continue
      c.field = 'ignore'
      const note = said('reason.import.column_ignored', { column: top[0].header, field })
      c.note = note.message
      c.noteReason = note.reason
    }
  }

  if (holding('email').length === 0 && holding('username').length === 0) {
    const guess = guessEmailHeader(columns.map((c) => (c.field === 'ignore' && c.rank > 0 ? c.header : '')))
    if (guess !== null) {
      columns[guess].field = 'email'
      const note = said('reason.import.email_guessed')
      columns[guess].note = note.message
      columns[guess].noteReason = note.reason
    }
  }
  if (holding('email').length === 0 && holding('username').length === 0) {
    const found = header.filter((h) => h.trim() !== '').map((h) => `"${h.trim()}"`).join(', ')
    throw found ? invalid('columns', 'reason.import.no_email_column', { found }) : invalid('columns', 'reason.import.no_email_column_empty')
  }
  return columns.map(({ rank: _rank, match: _match, ...column }) => column)
}
