// Which column holds what: headers recognised by headers.ts, overridable per header by the
// caller. Where two columns name one field, the field's own name wins over a synonym (an
// export's "mail" over its "Work email") and the other is ignored with a note; two of equal
// standing are refused. Unknown headers are reported so the screen can offer them as
// custom user fields; they are ignored unless chosen.
import { ERROR_CSV_COLUMN, type ImportColumn, type ImportField } from '../../../../shared/operations/import'
import { invalid } from '../../errors'
import { foldHeader, guessEmailHeader, matchHeader, type HeaderMatch } from './headers'

export const normalizeHeader = foldHeader

/** Fields one column at most may hold (courses and classes may come from several: course1, course2...). */
const SINGLE: readonly ImportField[] = ['email', 'username', 'first_name', 'last_name', 'full_name', 'password']
const FIELD_WORDS: Partial<Record<ImportField, string>> = {
  email: 'the email',
  username: 'the user name',
  first_name: 'the first name',
  last_name: 'the last name',
  full_name: 'the full name',
  password: 'the password',
}

interface Draft extends ImportColumn {
  /** 0: chosen by the caller; else the header's rank. */
  rank: number
  match: HeaderMatch | null
}

export function mapColumns(header: readonly string[], overrides: Record<string, ImportField> = {}): ImportColumn[] {
  const byNormalized = new Map(Object.entries(overrides).map(([h, f]) => [normalizeHeader(h), f]))
  const errorColumn = normalizeHeader(ERROR_CSV_COLUMN)
  const columns: Draft[] = header.map((raw, index) => {
    const text = raw.trim()
    const key = normalizeHeader(text)
    const chosen = key ? byNormalized.get(key) : undefined
    // The error CSV's own column: what was wrong, never imported again.
    const match = key === errorColumn ? null : text ? matchHeader(text) : null
    const known = key === errorColumn || match !== null
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
      const where = top.map((c) => `"${c.header}" (column ${c.index + 1})`).join(' and ')
      throw invalid('columns', `Two columns would both be ${field}: ${where}. Rename or ignore one of them.`)
    }
    for (const c of all) {
      if (c === top[0]) continue
      c.field = 'ignore'
      c.note = `Not imported: "${top[0].header}" holds ${FIELD_WORDS[field]}.`
    }
  }

  if (holding('email').length === 0 && holding('username').length === 0) {
    const guess = guessEmailHeader(columns.map((c) => (c.field === 'ignore' && c.rank > 0 ? c.header : '')))
    if (guess !== null) {
      columns[guess].field = 'email'
      columns[guess].note = 'Taken as the email from its header; choose another column if it is not.'
    }
  }
  if (holding('email').length === 0 && holding('username').length === 0) {
    const found = header.filter((h) => h.trim() !== '').map((h) => `"${h.trim()}"`).join(', ')
    throw invalid(
      'columns',
      `The file has no email column, and every user needs an email. The header row has ${found || 'no names'}; add an "email" column or choose which column holds the email.`,
    )
  }
  return columns.map(({ rank: _rank, match: _match, ...column }) => column)
}
