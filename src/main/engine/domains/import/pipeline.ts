// The import pipeline behind import.dryRun and import.commit: read, decode, parse, map,
// check every row; then (commit) write in batches, each its own transaction, hashing the
// batch's passwords on the thread pool first, with progress events and cancel in between.
import type { CommitResult, DryRunResult, ImportInput, ImportRowError } from '../../../../shared/operations/import'
import type { EngineContext } from '../../context'
import { invalid } from '../../errors'
import { hashPasswordAsync } from '../../password'
import { checkText, detectEncoding } from './decode'
import { endJob, nextTurn, startJob, type ImportJob } from './jobs'
import { mapColumns } from './mapping'
import { parseCsv } from './parse'
import { checkOptions, planRowsYielding, type PlannedRow } from './plan'
import { nameChecksOf, optionsView, previewOf } from './preview'
import { readSource } from './source'
import { createBatch, writeRows, type EnrollmentOptions } from './write'

// Rows per transaction: each commit waits for the disk (synchronous = FULL), so fewer, larger ones.
const DEFAULT_BATCH = 1000

export async function analyse(ctx: EngineContext, input: ImportInput, job?: ImportJob) {
  const source = await readSource(input)
  const field = input.path ? 'path' : 'contentBase64'
  checkText(source.bytes, field)
  const encoding = input.encoding ?? detectEncoding(source.bytes)
  job?.report('reading', 0, 0)
  const parsed = await parseCsv(source.bytes, encoding, input.delimiter, (n) => job?.report('reading', n, n))
  if (parsed.header.length === 0) throw invalid(field, 'reason.import.file_empty')
  const columns = mapColumns(parsed.header, input.columns)
  checkOptions(ctx, input)
  job?.report('checking', 0, parsed.records.length)
  const settings = { fromFile: true, fullNameOrder: input.fullNameOrder, names: input.names }
  const plan = await planRowsYielding(ctx, parsed, columns, input.mode, settings, (n) => job?.report('checking', n, parsed.records.length))
  return { source, encoding, parsed, columns, plan }
}

export async function dryRun(ctx: EngineContext, input: ImportInput): Promise<DryRunResult> {
  const { source, encoding, parsed, columns, plan } = await analyse(ctx, input)
  const count = (action: PlannedRow['action']) => plan.rows.filter((r) => r.action === action).length
  const options = optionsView(ctx, enrollmentOptionsOf(input))
  return {
    rows: plan.rows.length,
    valid: plan.rows.length - count('error'),
    errors: plan.errors,
    create: count('create'),
    update: count('update'),
    skip: count('skip'),
    skipped: plan.rows.filter((r) => r.action === 'skip').map((r) => ({ row: r.row, email: r.email, reason: r.reason?.message ?? '', ...(r.reason ? { reasonCode: r.reason.reason } : {}) })),
    encoding,
    delimiter: parsed.delimiter,
    bytes: source.bytes.length,
    columns,
    preview: previewOf(ctx, plan.rows, options),
    options,
    nameChecks: nameChecksOf(plan.rows),
  }
}

export const enrollmentOptionsOf = (input: { groupId?: number | null; membershipId?: number | null; selectedCourses?: number[]; classIds?: number[] }): EnrollmentOptions => ({
  groupId: input.groupId ?? null,
  membershipId: input.membershipId ?? null,
  selectedCourses: [...new Set(input.selectedCourses ?? [])],
  classIds: [...new Set(input.classIds ?? [])],
})

async function hashSlice(rows: readonly PlannedRow[]): Promise<Map<number, string>> {
  const given = rows.filter((r) => r.password !== null)
  const hashes = await Promise.all(given.map((r) => hashPasswordAsync(r.password as string)))
  return new Map(given.map((r, i) => [r.row, hashes[i]]))
}

export async function commit(ctx: EngineContext, input: ImportInput & { jobId?: string; batchSize?: number }): Promise<CommitResult> {
  const job = startJob(ctx, input.jobId)
  try {
    const { source, plan } = await analyse(ctx, input, job)
    const options = enrollmentOptionsOf(input)
    const batchId = ctx.sql.transaction(() => createBatch(ctx, { source: 'file', fileName: source.fileName, mode: input.mode, options }))
    const work = plan.rows.filter((r) => r.action === 'create' || r.action === 'update')
    const size = input.batchSize ?? DEFAULT_BATCH
    const totals = { created: 0, updated: 0 }
    job.report('writing', 0, work.length)
    let written = 0
    for (let at = 0; at < work.length; at += size) {
      if (job.cancelled) break
      const slice = work.slice(at, at + size)
      const hashes = await hashSlice(slice)
      // Cancel may have arrived while hashing: nothing of this slice is written then.
      if (job.cancelled) break
      const outcome = ctx.sql.transaction(() => writeRows(ctx, batchId, slice, hashes, options))
      totals.created += outcome.created
      totals.updated += outcome.updated
      written += slice.length
      job.report('writing', written, work.length)
      await nextTurn()
    }
    const failed = plan.rows.filter((r) => r.action === 'error').length
    const skipped = plan.rows.filter((r) => r.action === 'skip').length
    const cancelled = job.cancelled && written < work.length
    ctx.sql.transaction(() =>
      ctx.sql.run(
        ctx.qb
          .updateTable('import_batches')
          .set({ state: cancelled ? 'cancelled' : 'done', created: totals.created, updated: totals.updated, skipped, failed, finished_at: ctx.nowIso() })
          .where('id', '=', batchId),
      ),
    )
    job.report(cancelled ? 'cancelled' : 'done', written, work.length)
    const errors: ImportRowError[] = plan.errors
    return { batchId, ...totals, skipped, failed, cancelled, errors, jobId: job.id }
  } finally {
    endJob(ctx, job)
  }
}
