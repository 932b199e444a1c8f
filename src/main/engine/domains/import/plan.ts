// The dry run's core: every row checked, and what the commit would do with it. The commit
// runs the same plan, so what the dry run promised is what gets written.
import type { ImportColumn, ImportMode, ImportRowError } from '../../../../shared/operations/import'
import { requiredString } from '../../../../shared/contract/fields'
import type { EngineContext } from '../../context'
import { invalid, invalidFields } from '../../errors'
import type { ReasonKey } from '../../reasons'
import { emailKey } from '../users/queries'
import { classProblems } from './classes'
import type { ParsedFile } from './parse'
import { rowChecker, type PlanSettings, type PlannedRow } from './rows'
import { said, type Said } from './said'

export type { PlannedRow, PlanSettings } from './rows'

export interface Plan {
  rows: PlannedRow[]
  errors: ImportRowError[]
}

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

/** The whole plan at once; the documented bulk upload (a few thousand users at most) uses it inside its transaction. */
export function planRows(ctx: EngineContext, file: ParsedFile, columns: readonly ImportColumn[], mode: ImportMode, settings: PlanSettings): Plan {
  const check = rowChecker(ctx, file, columns, settings)
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
  settings: PlanSettings,
  onProgress: (done: number) => void,
): Promise<Plan> {
  const check = rowChecker(ctx, file, columns, settings)
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

/** Checks across rows and against the database: duplicates in the file, existing users by mode, first names of new users. */
function finishPlan(ctx: EngineContext, file: ParsedFile, columns: readonly ImportColumn[], mode: ImportMode, rows: PlannedRow[], errors: ImportRowError[]): Plan {
  const col = (field: string) => columns.find((c) => c.field === field)
  const emailCol = col('email')
  const usernameCol = col('username')
  const firstCol = col('first_name')
  const fullCol = col('full_name')
  // A file whose only address column holds sign-in names that are not emails has no email column at all.
  const refusedNames = !emailCol && usernameCol ? new Set(errors.filter((e) => e.column === usernameCol.header).map((e) => e.row)) : null
  if (usernameCol && refusedNames && rows.length > 0 && rows.every((r) => refusedNames.has(r.row))) {
    throw invalid('columns', 'reason.import.usernames_only', { column: usernameCol.header })
  }
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
    errors.push({ row: r.row, column: (emailCol ?? usernameCol)?.header ?? 'email', value: r.email, ...said('reason.import.email_twice', { row: String(first) }) })
    r.action = 'error'
  }

  const existing = existingByEmail(ctx, [...firstRowOf.keys()])
  for (const r of rows) {
    if (r.action === 'error') continue
    const firstColumn = (r.nameFrom === 'columns' ? firstCol : fullCol)?.header ?? 'first_name'
    const id = existing.get(emailKey(r.email)) ?? null
    r.existingId = id
    if (id !== null) {
      if (mode === 'add_new') {
        r.action = 'skip'
        r.reason = said('reason.import.exists_add_new')
      } else r.action = 'update'
    } else if (mode === 'update_only') {
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
  for (const p of file.problems) {
    errors.push({ row: p.row, column: '(file)', value: '', ...said('reason.import.unclosed_quote') })
    for (const r of rows) if (r.row === p.row) r.action = 'error'
  }
  errors.sort((a, b) => a.row - b.row)
  return { rows, errors }
}
