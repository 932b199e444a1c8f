// The dry run's core: every row checked, and what the commit would do with it. The commit
// runs the same plan, so what the dry run promised is what gets written. Rows come in
// parts, in file order (parse.ts); checks across rows (a repeated email) look back at the
// parts before. Every problem is counted and the first ERRORS_KEPT are kept: a file of
// millions of bad rows answers with counts and a first page, not with millions of errors.
import type { Reason } from '../../../../shared/contract/result'
import type { ImportColumn, ImportMode, ImportRowError } from '../../../../shared/operations/import'
import { requiredString } from '../../../../shared/contract/fields'
import type { EngineContext } from '../../context'
import { invalid, invalidFields } from '../../errors'
import type { ReasonKey } from '../../reasons'
import { emailKey } from '../users/index'
import { classProblems } from './classes'
import type { CsvProblem, CsvRecord, ParsedFile } from './parse'
import { rowChecker, type PlanSettings, type PlannedRow } from './rows'
import { said } from './said'

export type { PlannedRow, PlanSettings } from './rows'

export interface Plan {
  rows: PlannedRow[]
  errors: ImportRowError[]
}

/** Problems answered by a dry run or commit; the rest are counted (and listed in the error CSV). */
export const ERRORS_KEPT = 1000

const firstNameField = requiredString('first name')
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
  if (courses.length) throw invalid('selectedCourses', 'reason.courses_missing', { ids: courses.join(', ') })
  const classes = [...classProblems(ctx, options.classIds ?? []).values()]
  if (classes.length) throw invalidFields({ classIds: classes.map((c) => ({ key: c.reason.key as ReasonKey, values: c.reason.values })) })
}

function existingByEmail(ctx: EngineContext, keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (let i = 0; i < keys.length; i += IN_CHUNK) {
    const rows = ctx.sql.all(ctx.qb.selectFrom('users').select(['id', 'email_key']).where('email_key', 'in', keys.slice(i, i + IN_CHUNK)))
    for (const r of rows) out.set(r.email_key, r.id)
  }
  return out
}

/** A copy that holds no slice of the file's text (a kept error would keep its whole part alive). */
const own = (text: string) => (text.length ? Buffer.from(text, 'utf8').toString('utf8') : text)

/** A reason whose values (a cell's text among them) hold no slice of the file's text either. */
const ownReason = (r: Reason): Reason => (r.values ? { key: r.key, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, typeof v === 'string' ? own(v) : v])) } : r)

/** Problems in row order: every one counted, the first `limit` kept. */
export class ErrorList {
  readonly kept: ImportRowError[] = []
  count = 0

  constructor(private readonly limit = ERRORS_KEPT) {}

  push(e: ImportRowError): void {
    this.count++
    if (this.kept.length < this.limit) this.kept.push({ row: e.row, column: own(e.column), value: own(e.value), message: own(e.message), ...(e.reason ? { reason: ownReason(e.reason) } : {}) })
  }
}

export type ActionCounts = Record<PlannedRow['action'], number>

/** The plan of a file, part by part. */
export class Planner {
  readonly errors: ErrorList
  readonly counts: ActionCounts = { create: 0, update: 0, skip: 0, error: 0 }
  private readonly check: ReturnType<typeof rowChecker>
  private readonly firstRowOf = new Map<string, number>()
  private readonly col: (field: string) => ImportColumn | undefined
  private refusedNames = 0

  constructor(
    private readonly ctx: EngineContext,
    header: readonly string[],
    private readonly columns: readonly ImportColumn[],
    private readonly mode: ImportMode,
    settings: PlanSettings,
    keep = ERRORS_KEPT,
  ) {
    this.check = rowChecker(ctx, header.length, columns, settings)
    this.errors = new ErrorList(keep)
    this.col = (field) => columns.find((c) => c.field === field)
  }

  get rows(): number {
    return this.counts.create + this.counts.update + this.counts.skip + this.counts.error
  }

  /** Plans the next records of the file (and marks the rows papaparse had problems with); answers them with this part's problems, in row order. */
  add(records: readonly CsvRecord[], problems: readonly CsvProblem[] = []): { rows: PlannedRow[]; errors: ImportRowError[] } {
    const errors: ImportRowError[] = []
    const rows = records.map((record) => this.check(record, errors))
    this.acrossRows(rows, errors)
    for (const p of problems) {
      errors.push({ row: p.row, column: '(file)', value: '', ...said('reason.import.unclosed_quote') })
      for (const r of rows) if (r.row === p.row) r.action = 'error'
    }
    errors.sort((a, b) => a.row - b.row)
    for (const e of errors) this.errors.push(e)
    for (const r of rows) this.counts[r.action]++
    return { rows, errors }
  }

  /** After the last part: a file whose only address column holds sign-in names that are not emails has no email column at all. */
  finish(): void {
    const usernameCol = this.col('username')
    if (!this.col('email') && usernameCol && this.rows > 0 && this.refusedNames === this.rows) {
      throw invalid('columns', 'reason.import.usernames_only', { column: usernameCol.header })
    }
  }

  /** Checks across rows and against the database: duplicates in the file, existing users by mode, first names of new users. */
  private acrossRows(rows: PlannedRow[], errors: ImportRowError[]): void {
    const emailCol = this.col('email')
    const usernameCol = this.col('username')
    const firstCol = this.col('first_name')
    const fullCol = this.col('full_name')
    if (!emailCol && usernameCol) this.refusedNames += new Set(errors.filter((e) => e.column === usernameCol.header).map((e) => e.row)).size
    // Duplicates inside the file, compared without case: the first keeps the email, later ones are errors.
    const fresh: string[] = []
    // Only emails that are emails count: millions of rows of garbage must not fill this map.
    for (const r of rows) {
      if (!r.emailOk) continue
      const key = emailKey(r.email)
      const first = this.firstRowOf.get(key)
      if (first === undefined) {
        this.firstRowOf.set(key, r.row)
        if (r.action !== 'error') fresh.push(key)
        continue
      }
      errors.push({ row: r.row, column: (emailCol ?? usernameCol)?.header ?? 'email', value: r.email, ...said('reason.import.email_twice', { row: String(first) }) })
      r.action = 'error'
    }

    const existing = existingByEmail(this.ctx, fresh)
    for (const r of rows) {
      if (r.action === 'error') continue
      const firstColumn = (r.nameFrom === 'columns' ? firstCol : fullCol)?.header ?? 'first_name'
      const id = existing.get(emailKey(r.email)) ?? null
      r.existingId = id
      if (id !== null) {
        if (this.mode === 'add_new') {
          r.action = 'skip'
          r.reason = said('reason.import.exists_add_new')
        } else r.action = 'update'
      } else if (this.mode === 'update_only') {
        r.action = 'skip'
        r.reason = said('reason.import.missing_update_only')
      } else {
        const check = firstNameField.safeParse(r.firstName)
        if (!check.success) {
          const why = firstCol || fullCol ? said(r.firstName.trim() ? 'reason.import.first_name_long' : 'reason.import.first_name_required') : said('reason.import.no_first_name_column')
          errors.push({ row: r.row, column: firstColumn, value: r.firstName.slice(0, 300), ...why })
          r.action = 'error'
        }
      }
      if (r.action === 'update' && r.firstName.length > 255) {
        errors.push({ row: r.row, column: firstColumn, value: r.firstName.slice(0, 300), ...said('reason.import.first_name_long') })
        r.action = 'error'
      }
    }
  }
}

/** The whole plan at once, every error kept; the documented bulk upload (5,000 users at most) uses it inside its transaction. */
export function planRows(ctx: EngineContext, file: ParsedFile, columns: readonly ImportColumn[], mode: ImportMode, settings: PlanSettings): Plan {
  const planner = new Planner(ctx, file.header, columns, mode, settings, Number.POSITIVE_INFINITY)
  const { rows } = planner.add(file.records, file.problems)
  planner.finish()
  return { rows, errors: planner.errors.kept }
}
