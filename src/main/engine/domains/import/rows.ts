// Checks of one row alone: its email (or a user name that is one), its names (or a full
// name split in two), its password, and the courses and classes it names, looked up by
// name, slug or id. Checks across rows and against users are plan.ts's.
import { email as emailField } from '../../../../shared/contract/fields'
import type { FullNameOrder, ImportColumn, ImportRowError } from '../../../../shared/operations/import'
import type { EngineContext } from '../../context'
import { splitFullName } from './names'
import type { ParsedFile } from './parse'
import { ClassIndex, CourseIndex, splitRefs, type Resolved } from './resolve'
import { said, type Said } from './said'

export interface PlannedRow {
  row: number
  action: 'create' | 'update' | 'skip' | 'error'
  email: string
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
/** How exports hide passwords (Google Workspace writes "****"): no password given. */
const MASKED = /^\*+$/
/** A cell the error CSV neutralised ("'=...", "'+44..."): read back as it was. */
const NEUTRALISED = /^'[=+\-@\t\r]/

export function rowChecker(ctx: EngineContext, file: ParsedFile, columns: readonly ImportColumn[], settings: PlanSettings) {
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
  const width = file.header.length
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

  return ({ row, cells }: ParsedFile['records'][number], errors: ImportRowError[]): PlannedRow => {
    const cell = (c: ImportColumn | undefined) => {
      if (!c) return ''
      const text = (cells[c.index] ?? '').trim()
      return settings.fromFile && text.charCodeAt(0) === 39 && NEUTRALISED.test(text) ? text.slice(1) : text
    }
    const rowErrors: ImportRowError[] = []
    const fail = (c: ImportColumn | string, value: string, { message, reason }: Said) => rowErrors.push({ row, column: typeof c === 'string' ? c : c.header, value, message, reason })
    const extra = cells.slice(width).filter((c) => c.trim() !== '')
    if (extra.length) fail('(beyond the header)', extra.join(' | ').slice(0, 500), said('reason.import.row_width', { cells: cells.length, width }))

    // The email column first; where it is empty (or missing), a user name that is an email.
    let email = cell(emailCol)
    let emailFrom = emailCol ?? usernameCol
    if (email === '' && usernameCol) {
      const name = cell(usernameCol)
      if (!emailCol || isEmail(name)) {
        email = name
        emailFrom = usernameCol
      }
    }
    if (emailFrom === usernameCol && email !== '' && !isEmail(email)) {
      fail(usernameCol as ImportColumn, email, said('reason.import.username_not_email', { value: email }))
    } else {
      const check = emailSchema.safeParse(email)
      if (!check.success) fail(emailFrom as ImportColumn, email, said('reason.import.email_invalid'))
    }

    let firstName = cell(firstCol)
    let lastName = cell(lastCol)
    let fullName: string | null = null
    let nameFrom: PlannedRow['nameFrom'] = 'columns'
    let nameUncertain = false
    if (fullCol && firstName === '' && lastName === '') {
      const full = cell(fullCol)
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
    if (lastName.length > 255) fail(lastFrom ?? 'last_name', lastName.slice(0, 300), said('reason.import.last_name_long'))

    const given = passwordCol ? (cells[passwordCol.index] ?? '') : ''
    const rawPassword = settings.fromFile && given.charCodeAt(0) === 39 && NEUTRALISED.test(given) ? given.slice(1) : given
    const password = rawPassword === '' || (settings.fromFile && MASKED.test(rawPassword)) ? null : rawPassword
    if (password !== null && password.length < 8) fail(passwordCol as ImportColumn, '(hidden)', said('reason.import.password_short'))
    if (password !== null && password.length > 200) fail(passwordCol as ImportColumn, '(hidden)', said('reason.import.password_long'))

    const refIds = (kind: 'courses' | 'classes', cols: readonly ImportColumn[]): number[] => {
      const ids: number[] = []
      for (const c of cols) {
        const text = cell(c)
        if (text === '') continue
        const refs = refsOf(kind, text)
        ids.push(...refs.ids)
        for (const problem of refs.problems) fail(c, text, problem)
      }
      return ids.length > 1 ? [...new Set(ids)] : ids
    }
    const courseIds = courseCols.length ? refIds('courses', courseCols) : []
    const classIds = classCols.length ? refIds('classes', classCols) : []
    const custom = customCols.length ? customCols.map((c) => [c, cell(c)] as const).filter(([, v]) => v !== '').map(([c, v]) => `${c.header}: ${v}`) : []
    errors.push(...rowErrors)
    return {
      row,
      action: rowErrors.length ? 'error' : 'create',
      email,
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
