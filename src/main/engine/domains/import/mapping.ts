// Which column holds what: headers matched without regard to case, spaces, underscores
// and hyphens ("First Name", "first_name" and "FIRSTNAME" are one field), overridable per
// header by the caller. Unknown headers are reported so the screen can offer them as
// custom user fields; they are ignored unless chosen.
import type { ImportColumn, ImportField } from '../../../../shared/operations/import'
import { untranslated } from '../../errors'

export const normalizeHeader = (header: string) => header.normalize('NFC').toLowerCase().replace(/[\s_\-.]+/g, '')

const ALIASES: Record<string, ImportField> = {
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  useremail: 'email',
  firstname: 'first_name',
  first: 'first_name',
  givenname: 'first_name',
  forename: 'first_name',
  lastname: 'last_name',
  last: 'last_name',
  surname: 'last_name',
  familyname: 'last_name',
  password: 'password',
  courses: 'courses',
  courseids: 'courses',
  selectedcourses: 'courses',
  classes: 'classes',
  classids: 'classes',
}

/** Fields one column at most may hold. */
const SINGLE: readonly ImportField[] = ['email', 'first_name', 'last_name', 'password', 'courses', 'classes']

export function mapColumns(header: readonly string[], overrides: Record<string, ImportField> = {}): ImportColumn[] {
  const byNormalized = new Map(Object.entries(overrides).map(([h, f]) => [normalizeHeader(h), f]))
  const columns: ImportColumn[] = header.map((raw, index) => {
    const text = raw.trim()
    const key = normalizeHeader(text)
    const known = ALIASES[key]
    const chosen = byNormalized.get(key)
    // A column without a header (a trailing delimiter) holds nothing to import.
    const field: ImportField = chosen ?? (text === '' ? 'ignore' : (known ?? 'ignore'))
    return { index, header: text, field, unknown: text !== '' && !known }
  })
  for (const field of SINGLE) {
    const holding = columns.filter((c) => c.field === field)
    if (holding.length > 1) {
      const where = holding.map((c) => `"${c.header}" (column ${c.index + 1})`).join(' and ')
      throw untranslated('validation', 'columns', `Two columns would both be ${field}: ${where}. Rename or ignore one of them.`)
    }
  }
  if (!columns.some((c) => c.field === 'email')) {
    const found = header.filter((h) => h.trim() !== '').map((h) => `"${h.trim()}"`).join(', ')
    throw untranslated('validation', 'columns', `The file has no email column, and every user needs an email. The header row has ${found || 'no names'}; add an "email" column or choose which column holds the email.`,
    )
  }
  return columns
}
