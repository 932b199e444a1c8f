// The import pipeline behind import.dryRun and import.commit: read, decode, parse, map,
// check every row part by part (yielding between parts, keeping only what the answer
// needs); then (commit) write in batches, each its own transaction, hashing the batch's
// passwords on the thread pool first, with progress events and cancel in between. Both
// are jobs (engine/jobs.ts): a cancel stops the check after the part being read, and the
// writing after the batch being written.
import type { CommitResult, DryRunResult, ImportColumn, ImportInput, ImportRowError } from '../../../../shared/operations/import'
import type { EngineContext } from '../../context'
import { invalid } from '../../errors'
import { hashPasswordAsync } from '../../password'
import { checkText, detectEncoding, type ImportEncoding } from './decode'
import { nextTurn } from '../../jobs'
import { endImport, startImport, type ImportJob } from './jobs'
import { mapColumns } from './mapping'
import { CsvReader, type CsvPart, type Delimiter } from './parse'
import { checkOptions, ERRORS_KEPT, Planner, type PlannedRow } from './plan'
import { nameChecksOf, optionsView, previewOf } from './preview'
import { readSource, type ImportSource } from './source'
import { interrupted } from './interrupted'
import { createBatch, writeBatch, type EnrollmentOptions } from './write'

// Rows per transaction: each commit waits for the disk (synchronous = FULL), so fewer, larger ones.
const DEFAULT_BATCH = 1000
const PREVIEW_ROWS = 20
const NAME_CHECKS = 500

export interface Analysis {
  source: ImportSource
  encoding: ImportEncoding
  delimiter: Delimiter
  header: string[]
  columns: ImportColumn[]
  planner: Planner
  /** The first rows, as the preview shows them. */
  first: PlannedRow[]
  /** The first skipped rows and names worth a look, as many as the answer lists. */
  skipped: PlannedRow[]
  names: PlannedRow[]
  /** Every row to create or update, in file order (kept only for a commit). */
  work: PlannedRow[]
  /** False when a cancel stopped the check before the end of the file (a commit then writes nothing). */
  complete: boolean
}

export interface AnalyseOptions {
  job?: ImportJob
  /** Keep the rows to write (a commit); a dry run keeps only what it answers. */
  keepWork?: boolean
  /** Sees each part with its planned rows and problems (the error CSV). */
  onPart?: (part: CsvPart, planned: { rows: PlannedRow[]; errors: ImportRowError[] }, file: { header: string[]; delimiter: Delimiter }) => void
}

export async function analyse(ctx: EngineContext, input: ImportInput, options: AnalyseOptions = {}): Promise<Analysis> {
  const { job } = options
  const source = await readSource(input)
  const field = input.path ? 'path' : 'contentBase64'
  checkText(source.bytes, field)
  const encoding = input.encoding ?? detectEncoding(source.bytes)
  job?.progress('reading', 0, source.bytes.length)
  const reader = new CsvReader(source.bytes, encoding, input.delimiter)
  let columns: ImportColumn[] = []
  let planner: Planner | null = null
  const start = () => {
    columns = mapColumns(reader.header, input.columns)
    checkOptions(ctx, input)
    return new Planner(ctx, reader.header, columns, input.mode, { fromFile: true, fullNameOrder: input.fullNameOrder, names: input.names })
  }
  const out = { first: [] as PlannedRow[], skipped: [] as PlannedRow[], names: [] as PlannedRow[], work: [] as PlannedRow[] }
  let complete = true
  for (const part of reader.parts()) {
    if (job?.signal.aborted) {
      complete = false
      break
    }
    if (reader.header.length === 0) continue
    planner ??= start()
    const planned = planner.add(part.records, part.problems)
    for (const r of planned.rows) {
      if (out.first.length < PREVIEW_ROWS) out.first.push(r)
      if (r.action === 'skip' && out.skipped.length < ERRORS_KEPT) out.skipped.push(r)
      if (r.fullName !== null && out.names.length < NAME_CHECKS) out.names.push(r)
      if (options.keepWork && (r.action === 'create' || r.action === 'update')) out.work.push(r)
    }
    options.onPart?.(part, planned, { header: reader.header, delimiter: reader.delimiter })
    job?.progress('checking', part.bytesRead, source.bytes.length)
    // Other calls are answered between parts.
    await nextTurn()
  }
  // A check that writes nothing answers a cancel as such; a commit says what it saved (nothing, then).
  if (!complete && !options.keepWork) job?.signal.throwIfAborted()
  if (complete && reader.header.length === 0) throw invalid(field, 'reason.import.file_empty')
  planner ??= start()
  planner.finish()
  return { source, encoding, delimiter: reader.delimiter, header: reader.header, columns, planner, ...out, complete }
}

export async function dryRun(ctx: EngineContext, input: ImportInput, job: ImportJob): Promise<DryRunResult> {
  const a = await analyse(ctx, input, { job })
  const { counts } = a.planner
  const options = optionsView(ctx, enrollmentOptionsOf(input))
  return {
    rows: a.planner.rows,
    valid: a.planner.rows - counts.error,
    errors: a.planner.errors.kept,
    errorCount: a.planner.errors.count,
    create: counts.create,
    update: counts.update,
    skip: counts.skip,
    skipped: a.skipped.map((r) => ({ row: r.row, email: r.email, reason: r.reason?.message ?? '', ...(r.reason ? { reasonCode: r.reason.reason } : {}) })),
    encoding: a.encoding,
    delimiter: a.delimiter,
    bytes: a.source.bytes.length,
    columns: a.columns,
    preview: previewOf(ctx, a.first, options),
    options,
    nameChecks: nameChecksOf(a.names),
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

export async function commit(ctx: EngineContext, input: ImportInput & { batchSize?: number }, job: ImportJob): Promise<CommitResult> {
  startImport(ctx)
  try {
    const { source, planner, work, complete } = await analyse(ctx, input, { job, keepWork: true })
    const options = enrollmentOptionsOf(input)
    const batchId = ctx.sql.transaction(() => createBatch(ctx, { source: 'file', fileName: source.fileName, mode: input.mode, options }))
    const size = input.batchSize ?? DEFAULT_BATCH
    const totals = { created: 0, updated: 0 }
    const failed = planner.counts.error
    const skipped = planner.counts.skip
    job.progress('writing', 0, work.length)
    let written = 0
    for (let at = 0; at < work.length; at += size) {
      if (job.signal.aborted) break
      const slice = work.slice(at, at + size)
      try {
        const hashes = await hashSlice(slice)
        // Cancel may have arrived while hashing: nothing of this slice is written then.
        if (job.signal.aborted) break
        const outcome = writeBatch(ctx, batchId, slice, hashes, options)
        totals.created += outcome.created
        totals.updated += outcome.updated
      } catch (error) {
        // What the batches before wrote stays, and the answer says so (never "nothing was saved").
        throw interrupted(ctx, { batchId, error, rows: slice, totals, skipped, failed, remaining: work.length - written, report: job.progress })
      }
      written += slice.length
      job.progress('writing', written, work.length)
      await nextTurn()
    }
    const cancelled = job.signal.aborted && (!complete || written < work.length)
    ctx.sql.transaction(() =>
      ctx.sql.run(
        ctx.qb
          .updateTable('import_batches')
          .set({ state: cancelled ? 'cancelled' : 'done', created: totals.created, updated: totals.updated, skipped, failed, finished_at: ctx.nowIso() })
          .where('id', '=', batchId),
      ),
    )
    job.progress(cancelled ? 'cancelled' : 'done', written, work.length)
    return { batchId, ...totals, skipped, failed, cancelled, errors: planner.errors.kept, errorCount: planner.errors.count, jobId: job.id }
  } finally {
    endImport(ctx)
  }
}
