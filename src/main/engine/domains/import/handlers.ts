import { errorsToCsv, type ImportBatchRecord } from '../../../../shared/operations/import'
import { LmsError } from '../../errors'
import { defineHandlers } from '../../handlers'
import { hashPassword } from '../../password'
import { importRunning } from './jobs'
import { errorCsvOf } from './error-csv'
import { commit, dryRun, enrollmentOptionsOf } from './pipeline'
import { checkOptions, planRows } from './plan'
import type { ImportColumn, ImportProgress } from '../../../../shared/operations/import'
import type { EngineContext } from '../../context'
import { ClassIndex, classView } from './resolve'
import { API_SETTINGS } from './rows'
import { undoImport } from './undo'
import { createBatch, writeRows } from './write'
import { documentLocale } from '../../documents'

/** An import job's last progress (a job of another operation is not an import's). */
function importProgressOf(ctx: EngineContext, jobId: string): ImportProgress | null {
  const p = ctx.jobs.progress(jobId)
  if (!p?.operation.startsWith('import.')) return null
  return { jobId: p.jobId, phase: p.phase as ImportProgress['phase'], done: p.done, total: p.total }
}

const BULK_COLUMNS: ImportColumn[] = (['email', 'first_name', 'last_name', 'password'] as const).map((field, index) => ({ index, header: field, field, unknown: false }))

export const importHandlers = defineHandlers({
  'users.bulkUpload'(ctx, input) {
    checkOptions(ctx, input)
    // The documented call carries users, not a file: the same checks as an import's rows,
    // but any problem refuses the whole call (a 422 naming each user), as the hosted API does.
    const file = {
      header: BULK_COLUMNS.map((c) => c.header),
      records: input.userList.map((u, i) => ({ row: i, cells: [u.email, u.first_name ?? '', u.last_name ?? '', u.password ?? ''] })),
      problems: [],
      delimiter: ',' as const,
    }
    const plan = planRows(ctx, file, BULK_COLUMNS, 'add_new', API_SETTINGS)
    const fields: Record<string, string[]> = {}
    for (const e of plan.errors) (fields[`userList.${e.row}.${e.column}`] ??= []).push(e.message.replace(/ on row (\d+) /, (_m, n) => ` on user ${Number(n) + 1} `))
    for (const r of plan.rows) if (r.action === 'skip') (fields[`userList.${r.row}.email`] ??= []).push('The email has already been taken.')
    const messages = Object.values(fields).flat()
    if (messages.length) throw new LmsError('validation', messages.length > 1 ? `${messages[0]} (and ${messages.length - 1} more errors)` : messages[0], fields)
    const options = enrollmentOptionsOf(input)
    const batchId = createBatch(ctx, { source: 'api', fileName: null, mode: 'add_new', options })
    const hashes = new Map(plan.rows.filter((r) => r.password !== null).map((r) => [r.row, hashPassword(r.password as string)]))
    const outcome = writeRows(ctx, batchId, plan.rows, hashes, options)
    ctx.sql.run(ctx.qb.updateTable('import_batches').set({ state: 'done', created: outcome.created, finished_at: ctx.nowIso() }).where('id', '=', batchId))
    return { message: 'User(s) uploaded successfully' }
  },

  'users.bulkUploadSample'() {
    return {
      headers: ['email', 'first_name', 'last_name', 'password'],
      records: [
        { email: 'learner.one@example.org', first_name: 'Fake FName1', last_name: 'Fake LName1', password: 'Qwerty@123' },
        { email: 'learner.two@example.org', first_name: 'Fake FName2', last_name: 'Fake LName2', password: '' },
      ],
    }
  },

  'users.sources'() {
    return {
      records: [
        { id: 1, name: 'Excel', identifier: 'excel', description: 'Bulk upload user from excel.', logoUrl: 'https://demo.aomlms.com/images/excel.svg' },
        { id: 2, name: 'Hubspot', identifier: 'hubspot', description: 'Bulk import user from hubspot.', logoUrl: 'https://demo.aomlms.com/images/hubspot.svg' },
      ],
    }
  },

  'import.dryRun': dryRun,

  'import.commit': commit,

  // import.cancel and import.progress are app.cancelJob and the job's last progress, for imports only (tools call them by these names).
  'import.cancel'(ctx, input) {
    const progress = importProgressOf(ctx, input.jobId)
    if (!progress) return { cancelled: false, message: `No import with job id ${input.jobId} is running.` }
    if (!ctx.jobs.cancel(input.jobId).cancelled) return { cancelled: false, message: 'That import has ended already.' }
    return { cancelled: true, message: 'The import stops after the batch being written; what was written stays, and can be undone.' }
  },

  'import.progress'(ctx, input) {
    return importProgressOf(ctx, input.jobId)
  },

  'import.undo'(ctx, input) {
    return undoImport(ctx, input.batchId)
  },

  'import.batches'(ctx, input) {
    const rows = ctx.sql.all(ctx.qb.selectFrom('import_batches').selectAll().orderBy('id', 'desc').limit(input.limit))
    const active = importRunning(ctx)
    return rows.map(
      (b): ImportBatchRecord => ({
        id: b.id,
        source: b.source,
        fileName: b.file_name,
        mode: b.mode,
        // A batch still 'running' with no import running was cut short (a failed batch, the app closed or killed): what it wrote can be undone.
        state: b.state === 'running' && !active ? 'interrupted' : b.state,
        created: b.created,
        updated: b.updated,
        skipped: b.skipped,
        failed: b.failed,
        createdAt: b.created_at,
        finishedAt: b.finished_at,
        undoneAt: b.undone_at,
      }),
    )
  },

  async 'import.errorCsv'(ctx, input, job) {
    if (input.errors) return { csv: errorsToCsv(input.errors), fileName: 'import-errors.csv' }
    return errorCsvOf(ctx, input, documentLocale(ctx.sql, input.locale), job)
  },

  'import.choices'(ctx) {
    const groups = ctx.sql.all(ctx.qb.selectFrom('categories').select(['id', 'name']).where('type', '=', 'user').orderBy('name').orderBy('id'))
    const memberships = ctx.sql.all(
      ctx.qb
        .selectFrom('user_memberships')
        .select(['plan_id as id', (eb) => eb.fn.max('name').as('name'), (eb) => eb.fn.countAll<number>().as('holders')])
        .groupBy('plan_id')
        .orderBy('name')
        .orderBy('plan_id'),
    )
    const classes = ClassIndex.load(ctx).open(ctx.nowIso()).map(classView)
    return { groups, memberships: memberships.map((m) => ({ id: m.id, name: String(m.name), holders: Number(m.holders) })), classes }
  },
})
