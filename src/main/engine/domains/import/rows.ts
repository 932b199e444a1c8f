// Checks of one row alone: its email (or a user name that is one), its names (or a full
// name split in two), its password, and the courses and classes it names, looked up by
// name, slug or id. Checks across rows and against users are plan.ts's.
import { email as emailField } from '../../../../shared/contract/fields'
import { unneutralisedCell } from '../../../../shared/format/csv'
import type { FullNameOrder, ImportColumn, ImportRowError } from '../../../../shared/operations/import'
import type { EngineContext } from '../../context'
import { splitFullName } from './names'
import type { CsvRecord } from './parse'
import { ClassIndex, CourseIndex, splitRefs, type Resolved } from './resolve'
import { said, type Said } from './said'

export interface PlannedRow {
  row: number
  action: 'create' | 'update' | 'skip' | 'error'
  email: string
  /** The email passed its check (only such emails can make a later row a repeat). */
  emailOk: boolean
  firstName: string
  lastName: string
  /** The full-name cell the names came from; null when they came from name columns. */
  fullName: string | null
  nameFrom: 'columns' | 'full_name' | 'corrected'
  /** A split that is not plainly "First Last" or "Last, First". */
  nameUncertain: boolean
  /** null: generated (new users) or kept (existing users). */
  password: string | null
  courses: number[]
  classes: number[]
  custom: string[]
  existingId: number | null
  reason: Said | null
}

export interface PlanSettings {
  /** A file's cells (not the documented bulk upload's users): masked passwords and neutralised formulas are read back. */
  fromFile: boolean
  fullNameOrder: FullNameOrder
  names?: readonly { row: number; first_name: string; last_name: string }[]
}

export const API_SETTINGS: PlanSettings = { fromFile: false, fullNameOrder: 'first_last' }

// Built once: a zod schema per row cost more than everything else in a 50,000-row dry run.
const emailSchema = emailField()
export const isEmail = (text: string) => emailSchema.safeParse(text).success
/**
 * A text without an "@" is refused without running the schema: zod's failure path (an
 * error object per row) made a file of millions of garbage rows take minutes.
 */
function emailWrong(text: string): boolean {
  if (text !== '' && text.length <= 191 && !text.includes('@')) return true
  return !emailSchema.safeParse(text).success
}
/** How exports hide passwords (Google Workspace writes "****"): no password given. */
const MASKED = /^\*+$/

export function rowChecker(ctx: EngineContext, width: number, columns: readonly ImportColumn[], settings: PlanSettings) {
  const col = (field: string) => columns.find((c) => c.field === field)
  const emailCol = col('email')
  const usernameCol = col('username')
  const firstCol = col('first_name')
  const lastCol = col('last_name')
  const fullCol = col('full_name')
  const passwordCol = col('password')
  const courseCols = columns.filter((c) => c.field === 'courses')
  const classCols = columns.filter((c) => c.field === 'classes')
  const customCols = columns.filter((c) => c.field === 'custom')
  const courses = courseCols.length || classCols.length ? CourseIndex.load(ctx) : null
  const classes = classCols.length ? ClassIndex.load(ctx) : null
  const nowIso = ctx.nowIso()
  const corrections = new Map((settings.names ?? []).map((n) => [n.row, n]))
  // Many rows name the same courses: each distinct cell is read once.
  const cellRefs = new Map<string, { ids: number[]; problems: Said[] }>()

  const refsOf = (kind: 'courses' | 'classes', text: string) => {
    const key = `${kind}\u0000${text}`
    let refs = cellRefs.get(key)
    if (!refs) {
      const index = courses as CourseIndex
      const items = kind === 'courses' ? splitRefs(text, (t) => index.names(t)) : splitRefs(text, (t) => (classes as ClassIndex).names(t, index))
      const answers: Resolved<{ id: number }>[] = items.map((item) => (kind === 'courses' ? index.resolve(item) : (classes as ClassIndex).resolve(item, index, nowIso)))
      refs = {
        ids: [...new Set(answers.flatMap((a) => (a.ok ? [a.value.id] : [])))],
        problems: [...new Map(answers.flatMap((a) => (a.ok ? [] : [[a.said.message, a.said] as const]))).values()],
      }
      cellRefs.set(key, refs)
    }
    return refs
  }

  // Defined once, not per row (millions of rows: every closure made per row counts).
  const cellOf = (cells: readonly string[], c: ImportColumn | undefined) => {
    if (!c) return ''
    const text = (cells[c.index] ?? '').trim()
    // A cell the error CSV neutralised ("'=...", "'+44..."): read back as it was.
    return settings.fromFile ? unneutralisedCell(text) : text
  }
  const problem = (row: number, c: ImportColumn | string, value: string, { message, reason }: Said): ImportRowError => ({ row, column: typeof c === 'string' ? c : c.header, value, message, reason })
  const refIds = (kind: 'courses' | 'classes', cols: readonly ImportColumn[], row: number, cells: readonly string[], rowErrors: ImportRowError[]): number[] => {
    const ids: number[] = []
    for (const c of cols) {
      const text = cellOf(cells, c)
      if (text === '') continue
      const refs = refsOf(kind, text)
      ids.push(...refs.ids)
      for (const p of refs.problems) rowErrors.push(problem(row, c, text, p))
    }
    return ids.length > 1 ? [...new Set(ids)] : ids
  }

  return ({ row, cells }: CsvRecord, errors: ImportRowError[]): PlannedRow => {
    const rowErrors: ImportRowError[] = []
    if (cells.length > width) {
      const extra = cells.slice(width).filter((c) => c.trim() !== '')
      if (extra.length) rowErrors.push(problem(row, '(beyond the header)', extra.join(' | ').slice(0, 500), said('reason.import.row_width', { cells: cells.length, width })))
    }

    // The email column first; where it is empty (or missing), a user name that is an email.
    let email = cellOf(cells, emailCol)
    let emailFrom = emailCol ?? usernameCol
    if (email === '' && usernameCol) {
      const name = cellOf(cells, usernameCol)
      if (!emailCol || isEmail(name)) {
        email = name
        emailFrom = usernameCol
      }
    }
    const emailErrors = rowErrors.length
    if (emailFrom === usernameCol && email !== '' && !isEmail(email)) {
      rowErrors.push(problem(row, usernameCol as ImportColumn, email, said('reason.import.username_not_email', { value: email })))
    } else {
      if (emailWrong(email)) rowErrors.push(problem(row, emailFrom as ImportColumn, email, said('reason.import.email_invalid')))
    }
    const emailOk = rowErrors.length === emailErrors

    let firstName = cellOf(cells, firstCol)
    let lastName = cellOf(cells, lastCol)
    let fullName: string | null = null
    let nameFrom: PlannedRow['nameFrom'] = 'columns'
    let nameUncertain = false
    if (fullCol && firstName === '' && lastName === '') {
      const full = cellOf(cells, fullCol)
      if (full !== '') {
        fullName = full
        const fix = corrections.get(row)
        if (fix) {
          firstName = fix.first_name
          lastName = fix.last_name
          nameFrom = 'corrected'
        } else {
          const split = splitFullName(full, settings.fullNameOrder)
          firstName = split.first
          lastName = split.last
          nameFrom = 'full_name'
          nameUncertain = !split.certain
        }
      }
    }
    const lastFrom = nameFrom === 'columns' ? lastCol : fullCol
    if (lastName.length > 255) rowErrors.push(problem(row, lastFrom ?? 'last_name', lastName.slice(0, 300), said('reason.import.last_name_long')))

    const given = passwordCol ? (cells[passwordCol.index] ?? '') : ''
    const rawPassword = settings.fromFile ? unneutralisedCell(given) : given
    const password = rawPassword === '' || (settings.fromFile && MASKED.test(rawPassword)) ? null : rawPassword
    if (password !== null && password.length < 8) rowErrors.push(problem(row, passwordCol as ImportColumn, '(hidden)', said('reason.import.password_short')))
    if (password !== null && password.length > 200) rowErrors.push(problem(row, passwordCol as ImportColumn, '(hidden)', said('reason.import.password_long')))

    const courseIds = courseCols.length ? refIds('courses', courseCols, row, cells, rowErrors) : []
    const classIds = classCols.length ? refIds('classes', classCols, row, cells, rowErrors) : []
    const custom = customCols.length ? customCols.map((c) => [c, cellOf(cells, c)] as const).filter(([, v]) => v !== '').map(([c, v]) => `${c.header}: ${v}`) : []
    errors.push(...rowErrors)
    return {
      row,
      action: rowErrors.length ? 'error' : 'create',
      email,
      emailOk,
      firstName,
      lastName,
      fullName,
      nameFrom,
      nameUncertain,
      password,
      courses: courseIds,
      classes: classIds,
      custom,
      existingId: null,
      reason: null,
    }
  }
}
