// The dry run's core: every row checked, and what the commit would do with it. The commit
// runs the same plan, so what the dry run promised is what gets written.
import type { ImportColumn, ImportMode, ImportPreviewRow, ImportRowError } from '../../../../shared/operations/import'
import { email as emailField, requiredString } from '../../../../shared/contract/fields'
import type { EngineContext } from '../../context'
import { untranslated } from '../../errors'
import { emailKey } from '../users/queries'
import { classProblems } from './classes'
import type { ParsedFile } from './parse'

export interface PlannedRow {
  row: number
  action: 'create' | 'update' | 'skip' | 'error'
  email: string
  firstName: string
  lastName: string
  /** null: generated (new users) or kept (existing users). */
  password: string | null
  courses: number[]
  classes: number[]
  custom: string[]
  existingId: number | null
  reason: string | null
}

export interface Plan {
  rows: PlannedRow[]
  errors: ImportRowError[]
}

const firstNameField = requiredString('first name')
// Built once: a zod schema per row cost more than everything else in a 50,000-row dry run.
const emailSchema = emailField()
const IN_CHUNK = 500

/** Ids among `ids` that no course has. */
export function missingCourses(ctx: EngineContext, ids: readonly number[]): number[] {
  const found = new Set<number>()
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    for (const r of ctx.sql.all(ctx.qb.selectFrom('courses').select('id').where('id', 'in', ids.slice(i, i + IN_CHUNK)))) found.add(r.id)
  }
  return ids.filter((id) => !found.has(id))
}

/** Unknown ids in the enrollment options stop the import before any row: they would apply to every row. */
export function checkOptions(ctx: EngineContext, options: { selectedCourses?: number[]; classIds?: number[] }): void {
  const courses = missingCourses(ctx, [...new Set(options.selectedCourses ?? [])])
  if (courses.length) throw untranslated('validation', 'selectedCourses', `These courses do not exist: ${courses.join(', ')}.`)
  const classes = [...classProblems(ctx, options.classIds ?? []).values()]
  if (classes.length) throw untranslated('validation', 'classIds', classes.join(' '))
}

function existingByEmail(ctx: EngineContext, keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (let i = 0; i < keys.length; i += IN_CHUNK) {
    const rows = ctx.sql.all(ctx.qb.selectFrom('users').select(['id', 'email_key']).where('email_key', 'in', keys.slice(i, i + IN_CHUNK)))
    for (const r of rows) out.set(r.email_key, r.id)
  }
  return out
}

function idCell(text: string): { ids: number[]; bad: string[] } {
  const parts = text.split(/[\s;|,]+/).filter(Boolean)
  const ids: number[] = []
  const bad: string[] = []
  for (const p of parts) (/^\d{1,12}$/.test(p) && Number(p) > 0 ? ids.push(Number(p)) : bad.push(p))
  return { ids: [...new Set(ids)], bad }
}

/** The whole plan at once; the documented bulk upload (a few thousand users at most) uses it inside its transaction. */
export function planRows(ctx: EngineContext, file: ParsedFile, columns: readonly ImportColumn[], mode: ImportMode): Plan {
  const check = rowChecker(file, columns)
  const errors: ImportRowError[] = []
  const rows = file.records.map((record) => check(record, errors))
  return finishPlan(ctx, file, columns, mode, rows, errors)
}

/** The same plan for a file, yielding every few thousand rows so the engine answers other calls meanwhile. */
export async function planRowsYielding(
  ctx: EngineContext,
  file: ParsedFile,
  columns: readonly ImportColumn[],
  mode: ImportMode,
  onProgress: (done: number) => void,
): Promise<Plan> {
  const check = rowChecker(file, columns)
  const errors: ImportRowError[] = []
  const rows: PlannedRow[] = []
  for (let i = 0; i < file.records.length; i++) {
    rows.push(check(file.records[i], errors))
    if (i % 5000 === 4999) {
      onProgress(i + 1)
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }
  return finishPlan(ctx, file, columns, mode, rows, errors)
}

/** Checks of one row alone: syntax, lengths, password rules, id lists. */
function rowChecker(file: ParsedFile, columns: readonly ImportColumn[]) {
  const col = (field: string) => columns.find((c) => c.field === field)
  const emailCol = col('email') as ImportColumn
  const firstCol = col('first_name')
  const lastCol = col('last_name')
  const passwordCol = col('password')
  const coursesCol = col('courses')
  const classesCol = col('classes')
  const customCols = columns.filter((c) => c.field === 'custom')
  const width = file.header.length

  return ({ row, cells }: ParsedFile['records'][number], errors: ImportRowError[]): PlannedRow => {
    const cell = (c: ImportColumn | undefined) => (c ? (cells[c.index] ?? '').trim() : '')
    const rowErrors: ImportRowError[] = []
    const fail = (c: ImportColumn | string, value: string, message: string) =>
      rowErrors.push({ row, column: typeof c === 'string' ? c : c.header, value, message })
    const extra = cells.slice(width).filter((c) => c.trim() !== '')
    if (extra.length) fail('(beyond the header)', extra.join(' | ').slice(0, 500), `This row has ${cells.length} values but the header names ${width} columns.`)

    const email = cell(emailCol)
    const emailCheck = emailSchema.safeParse(email)
    if (!emailCheck.success) fail(emailCol, email, emailCheck.error.issues[0]?.message ?? 'The email must be a valid email address.')
    const firstName = cell(firstCol)
    const lastName = cell(lastCol)
    if (lastName.length > 255) fail(lastCol as ImportColumn, lastName.slice(0, 300), 'The last name may not be greater than 255 characters.')
    const rawPassword = passwordCol ? (cells[passwordCol.index] ?? '') : ''
    const password = rawPassword === '' ? null : rawPassword
    if (password !== null && password.length < 8) fail(passwordCol as ImportColumn, '(hidden)', 'The password must be at least 8 characters (leave it empty to have one generated).')
    if (password !== null && password.length > 200) fail(passwordCol as ImportColumn, '(hidden)', 'The password may not be greater than 200 characters.')
    const courses = coursesCol ? idCell(cell(coursesCol)) : { ids: [], bad: [] }
    const classes = classesCol ? idCell(cell(classesCol)) : { ids: [], bad: [] }
    if (courses.bad.length) fail(coursesCol as ImportColumn, cell(coursesCol), `Not course ids: ${courses.bad.join(', ')}. Separate ids with ";" or spaces.`)
    if (classes.bad.length) fail(classesCol as ImportColumn, cell(classesCol), `Not class ids: ${classes.bad.join(', ')}. Separate ids with ";" or spaces.`)
    const custom = customCols.map((c) => [c, cell(c)] as const).filter(([, v]) => v !== '').map(([c, v]) => `${c.header}: ${v}`)
    errors.push(...rowErrors)
    return {
      row,
      action: rowErrors.length ? 'error' : 'create',
      email,
      firstName,
      lastName,
      password,
      courses: courses.ids,
      classes: classes.ids,
      custom,
      existingId: null,
      reason: null,
    }
  }
}

/** Checks across rows and against the database: duplicates in the file, courses, classes, existing users by mode. */
function finishPlan(ctx: EngineContext, file: ParsedFile, columns: readonly ImportColumn[], mode: ImportMode, rows: PlannedRow[], errors: ImportRowError[]): Plan {
  const col = (field: string) => columns.find((c) => c.field === field)
  const emailCol = col('email') as ImportColumn
  const firstCol = col('first_name')
  const coursesCol = col('courses')
  const classesCol = col('classes')
  // Duplicates inside the file, compared without case: the first keeps the email, later ones are errors.
  const firstRowOf = new Map<string, number>()
  for (const r of rows) {
    if (!r.email) continue
    const key = emailKey(r.email)
    const first = firstRowOf.get(key)
    if (first === undefined) {
      firstRowOf.set(key, r.row)
      continue
    }
    errors.push({ row: r.row, column: emailCol.header, value: r.email, message: `The same email is on row ${first} (emails are compared without case).` })
    r.action = 'error'
  }

  // Ids that no course or class has, each looked up once for the whole file.
  const unknownCourses = new Set(missingCourses(ctx, [...new Set(rows.flatMap((r) => r.courses))]))
  const badClasses = classProblems(ctx, rows.flatMap((r) => r.classes))
  if (unknownCourses.size || badClasses.size) {
    for (const r of rows) {
      const courses = r.courses.filter((id) => unknownCourses.has(id))
      const classes = r.classes.filter((id) => badClasses.has(id))
      if (courses.length) errors.push({ row: r.row, column: (coursesCol as ImportColumn).header, value: r.courses.join(';'), message: `No course has id ${courses.join(', ')}.` })
      if (classes.length) errors.push({ row: r.row, column: (classesCol as ImportColumn).header, value: r.classes.join(';'), message: classes.map((id) => badClasses.get(id)).join(' ') })
      if (courses.length || classes.length) r.action = 'error'
    }
  }

  const existing = existingByEmail(ctx, [...firstRowOf.keys()])
  for (const r of rows) {
    if (r.action === 'error') continue
    const id = existing.get(emailKey(r.email)) ?? null
    r.existingId = id
    if (id !== null) {
      if (mode === 'add_new') {
        r.action = 'skip'
        r.reason = 'A user with this email exists already (mode: add new only).'
      } else r.action = 'update'
    } else if (mode === 'update_only') {
      r.action = 'skip'
      r.reason = 'No user has this email (mode: update existing only).'
    } else {
      const check = firstNameField.safeParse(r.firstName)
      if (!check.success) {
        const column = firstCol?.header ?? 'first_name'
        errors.push({ row: r.row, column, value: r.firstName.slice(0, 300), message: firstCol ? (check.error.issues[0]?.message ?? 'The first name field is required.') : 'The file has no first name column; new users need a first name.' })
        r.action = 'error'
      }
    }
    if (r.action === 'update' && r.firstName.length > 255) {
      errors.push({ row: r.row, column: firstCol?.header ?? 'first_name', value: r.firstName.slice(0, 300), message: 'The first name may not be greater than 255 characters.' })
      r.action = 'error'
    }
  }
  for (const p of file.problems) {
    errors.push({ row: p.row, column: '(file)', value: '', message: p.message })
    for (const r of rows) if (r.row === p.row) r.action = 'error'
  }
  errors.sort((a, b) => a.row - b.row)
  return { rows, errors }
}

export function previewOf(rows: readonly PlannedRow[], limit = 20): ImportPreviewRow[] {
  return rows.slice(0, limit).map((r) => ({
    row: r.row,
    action: r.action,
    email: r.email,
    first_name: r.firstName,
    last_name: r.lastName,
    password: r.password !== null ? 'given' : r.existingId !== null ? 'kept' : 'generated',
    courses: r.courses,
    classes: r.classes,
    custom: r.custom,
  }))
}
