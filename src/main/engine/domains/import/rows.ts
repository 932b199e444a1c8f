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

/** Checks each row of a file whose columns are known; what it reads once (indexes, cells naming courses) serves every row. */
export function rowChecker(ctx: EngineContext, width: number, columns: readonly ImportColumn[], settings: PlanSettings) {
  const checker = new RowChecker(ctx, width, columns, settings)
  return (record: CsvRecord, errors: ImportRowError[]): PlannedRow => checker.check(record, errors)
}

const problem = (row: number, c: ImportColumn | string, value: string, { message, reason }: Said): ImportRowError => ({ row, column: typeof c === 'string' ? c : c.header, value, message, reason })

// Methods, not closures made per row (millions of rows: every closure made per row counts);
// each step fills its fields of the row being planned.
class RowChecker {
  private readonly emailCol: ImportColumn | undefined
  private readonly usernameCol: ImportColumn | undefined
  private readonly firstCol: ImportColumn | undefined
  private readonly lastCol: ImportColumn | undefined
  private readonly fullCol: ImportColumn | undefined
  private readonly passwordCol: ImportColumn | undefined
  private readonly courseCols: readonly ImportColumn[]
  private readonly classCols: readonly ImportColumn[]
  private readonly customCols: readonly ImportColumn[]
  private readonly courses: CourseIndex | null
  private readonly classes: ClassIndex | null
  private readonly nowIso: string
  private readonly corrections: ReadonlyMap<number, { row: number; first_name: string; last_name: string }>
  // Many rows name the same courses: each distinct cell is read once.
  private readonly cellRefs = new Map<string, { ids: number[]; problems: Said[] }>()

  constructor(
    ctx: EngineContext,
    private readonly width: number,
    columns: readonly ImportColumn[],
    private readonly settings: PlanSettings,
  ) {
    const col = (field: string) => columns.find((c) => c.field === field)
    this.emailCol = col('email')
    this.usernameCol = col('username')
    this.firstCol = col('first_name')
    this.lastCol = col('last_name')
    this.fullCol = col('full_name')
    this.passwordCol = col('password')
    this.courseCols = columns.filter((c) => c.field === 'courses')
    this.classCols = columns.filter((c) => c.field === 'classes')
    this.customCols = columns.filter((c) => c.field === 'custom')
    this.courses = this.courseCols.length || this.classCols.length ? CourseIndex.load(ctx) : null
    this.classes = this.classCols.length ? ClassIndex.load(ctx) : null
    this.nowIso = ctx.nowIso()
    this.corrections = new Map((settings.names ?? []).map((n) => [n.row, n]))
  }

  check({ row, cells }: CsvRecord, errors: ImportRowError[]): PlannedRow {
    const rowErrors: ImportRowError[] = []
    const width = this.width
    if (cells.length > width) {
      const extra = cells.slice(width).filter((c) => c.trim() !== '')
      if (extra.length) rowErrors.push(problem(row, '(beyond the header)', extra.join(' | ').slice(0, 500), said('reason.import.row_width', { cells: cells.length, width })))
    }
    const planned: PlannedRow = {
      row,
      action: 'create',
      email: '',
      emailOk: false,
      firstName: '',
      lastName: '',
      fullName: null,
      nameFrom: 'columns',
      nameUncertain: false,
      password: null,
      courses: [],
      classes: [],
      custom: [],
      existingId: null,
      reason: null,
    }
    this.readEmail(cells, planned, rowErrors)
    this.readNames(cells, planned, rowErrors)
    this.readPassword(cells, planned, rowErrors)
    const { courseCols, classCols, customCols } = this
    if (courseCols.length) planned.courses = this.refIds('courses', courseCols, row, cells, rowErrors)
    if (classCols.length) planned.classes = this.refIds('classes', classCols, row, cells, rowErrors)
    if (customCols.length) planned.custom = customCols.map((c) => [c, this.cellOf(cells, c)] as const).filter(([, v]) => v !== '').map(([c, v]) => `${c.header}: ${v}`)
    errors.push(...rowErrors)
    if (rowErrors.length) planned.action = 'error'
    return planned
  }

  /** The email column first; where it is empty (or missing), a user name that is an email. */
  private readEmail(cells: readonly string[], planned: PlannedRow, rowErrors: ImportRowError[]): void {
    const { emailCol, usernameCol } = this
    const row = planned.row
    let email = this.cellOf(cells, emailCol)
    let emailFrom = emailCol ?? usernameCol
    if (email === '' && usernameCol) {
      const name = this.cellOf(cells, usernameCol)
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
    planned.email = email
    planned.emailOk = rowErrors.length === emailErrors
  }

  /** The name columns; where both are empty, the full name split in two (or as corrected on the screen). */
  private readNames(cells: readonly string[], planned: PlannedRow, rowErrors: ImportRowError[]): void {
    const { fullCol, lastCol } = this
    const row = planned.row
    let firstName = this.cellOf(cells, this.firstCol)
    let lastName = this.cellOf(cells, lastCol)
    if (fullCol && firstName === '' && lastName === '') {
      const full = this.cellOf(cells, fullCol)
      if (full !== '') {
        planned.fullName = full
        const fix = this.corrections.get(row)
        if (fix) {
          firstName = fix.first_name
          lastName = fix.last_name
          planned.nameFrom = 'corrected'
        } else {
          const split = splitFullName(full, this.settings.fullNameOrder)
          firstName = split.first
          lastName = split.last
          planned.nameFrom = 'full_name'
          planned.nameUncertain = !split.certain
        }
      }
    }
    const lastFrom = planned.nameFrom === 'columns' ? lastCol : fullCol
    if (lastName.length > 255) rowErrors.push(problem(row, lastFrom ?? 'last_name', lastName.slice(0, 300), said('reason.import.last_name_long')))
    planned.firstName = firstName
    planned.lastName = lastName
  }

  private readPassword(cells: readonly string[], planned: PlannedRow, rowErrors: ImportRowError[]): void {
    const { passwordCol, settings } = this
    const given = passwordCol ? (cells[passwordCol.index] ?? '') : ''
    const rawPassword = settings.fromFile ? unneutralisedCell(given) : given
    const password = rawPassword === '' || (settings.fromFile && MASKED.test(rawPassword)) ? null : rawPassword
    if (password !== null && password.length < 8) rowErrors.push(problem(planned.row, passwordCol as ImportColumn, '(hidden)', said('reason.import.password_short')))
    if (password !== null && password.length > 200) rowErrors.push(problem(planned.row, passwordCol as ImportColumn, '(hidden)', said('reason.import.password_long')))
    planned.password = password
  }

  private cellOf(cells: readonly string[], c: ImportColumn | undefined): string {
    if (!c) return ''
    const text = (cells[c.index] ?? '').trim()
    // A cell the error CSV neutralised ("'=...", "'+44..."): read back as it was.
    return this.settings.fromFile ? unneutralisedCell(text) : text
  }

  private refsOf(kind: 'courses' | 'classes', text: string): { ids: number[]; problems: Said[] } {
    const key = `${kind}\u0000${text}`
    let refs = this.cellRefs.get(key)
    if (!refs) {
      const index = this.courses as CourseIndex
      const classes = this.classes as ClassIndex
      const items = kind === 'courses' ? splitRefs(text, (t) => index.names(t)) : splitRefs(text, (t) => classes.names(t, index))
      const answers: Resolved<{ id: number }>[] = items.map((item) => (kind === 'courses' ? index.resolve(item) : classes.resolve(item, index, this.nowIso)))
      refs = {
        ids: [...new Set(answers.flatMap((a) => (a.ok ? [a.value.id] : [])))],
        problems: [...new Map(answers.flatMap((a) => (a.ok ? [] : [[a.said.message, a.said] as const]))).values()],
      }
      this.cellRefs.set(key, refs)
    }
    return refs
  }

  private refIds(kind: 'courses' | 'classes', cols: readonly ImportColumn[], row: number, cells: readonly string[], rowErrors: ImportRowError[]): number[] {
    const ids: number[] = []
    for (const c of cols) {
      const text = this.cellOf(cells, c)
      if (text === '') continue
      const refs = this.refsOf(kind, text)
      ids.push(...refs.ids)
      for (const p of refs.problems) rowErrors.push(problem(row, c, text, p))
    }
    return ids.length > 1 ? [...new Set(ids)] : ids
  }
}
