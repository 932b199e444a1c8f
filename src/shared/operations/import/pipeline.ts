// The app's CSV import pipeline: check, commit, cancel, progress, undo, past batches, the
// error CSV and the option choices. Tools outside the app call these by name at POST /app/<name>.
import { z } from 'zod'
import { LOCALES } from '../../i18n/locales'
import { defineOperation, returns, type JobPhase } from '../../contract/operation'
import { id, intLike } from '../../contract/list-params'
import { importFields, importInput, LOCAL_PATH, oneSource } from './input'
import type { CommitResult, DryRunResult, ErrorCsvResult, ImportBatchRecord, ImportChoices, UndoResult } from './results'

/** A check (dry run, error CSV) reads and checks the file; reading and checking count its bytes. */
const IMPORT_CHECK_PHASES = ['reading', 'checking'] as const
/** A commit then writes rows, or is interrupted (a batch refused, see interrupted.ts). */
const IMPORT_PHASES = [...IMPORT_CHECK_PHASES, 'writing', 'interrupted'] as const

export interface ImportProgress {
  jobId: string
  /** reading and checking count bytes of the file, writing rows. */
  phase: JobPhase<(typeof IMPORT_PHASES)[number]>
  done: number
  total: number
}

export const importDryRun = defineOperation({
  name: 'import.dryRun',
  summary: 'Read a CSV of users and check every row without writing anything',
  // A job: it parses in parts and yields between them, reporting the bytes checked; it writes nothing.
  kind: 'job',
  writes: false,
  phases: IMPORT_CHECK_PHASES,
  method: 'POST',
  route: null,
  localOnly: LOCAL_PATH,
  input: importInput,
  output: returns<DryRunResult>(),
})

export const importCommit = defineOperation({
  name: 'import.commit',
  summary: 'Import a CSV of users in batches, each batch in its own transaction',
  // A job: it commits batch by batch itself, so progress events and cancels are served between batches.
  kind: 'job',
  writes: true,
  phases: IMPORT_PHASES,
  method: 'POST',
  route: null,
  localOnly: LOCAL_PATH,
  input: z
    .object({
      ...importFields,
      batchSize: intLike('batch size', 1, 5000).optional(),
    })
    .superRefine(oneSource),
  output: returns<CommitResult>(),
})

export const importCancel = defineOperation({
  name: 'import.cancel',
  summary: 'Stop a running import after the batch being written (app.cancelJob for any job)',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({ jobId: z.string().trim().min(1).max(100) }),
  output: returns<{ cancelled: boolean; message: string }>(),
})

export const importProgress = defineOperation({
  name: 'import.progress',
  summary: 'Where a running import is (the same as its progress events)',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({ jobId: z.string().trim().min(1).max(100) }),
  output: returns<ImportProgress | null>(),
})

export const importUndo = defineOperation({
  name: 'import.undo',
  summary: 'Remove the users an import created and restore the ones it updated',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ batchId: id }),
  output: returns<UndoResult>(),
  // Queues users.delete / users.update (and edits unsent bulk uploads) itself.
  sync: null,
})

export const importBatches = defineOperation({
  name: 'import.batches',
  summary: 'Recent imports, newest first',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({ limit: intLike('limit', 1, 200).default(20) }),
  output: returns<ImportBatchRecord[]>(),
})

export const importErrorCsv = defineOperation({
  name: 'import.errorCsv',
  summary: "The rows a dry run refuses, with the file's own columns and the problems, as CSV whose cells cannot run as spreadsheet formulas",
  // A job: the file is read again part by part, as the dry run reads it.
  kind: 'job',
  writes: false,
  phases: IMPORT_CHECK_PHASES,
  method: 'POST',
  route: null,
  localOnly: LOCAL_PATH,
  // The file and settings of the dry run (its failed rows with every original cell, ready
  // to fix and import again); or, for older tools, a list of errors (row, column, value, message).
  input: z
    .object({
      ...importFields,
      errors: z
        .array(z.object({ row: z.number().int(), column: z.string().max(500), value: z.string().max(100_000), message: z.string().max(2000) }))
        .max(1_000_000)
        .optional(),
      /** The language of the problems column; without it the profile's choice, else English. */
      locale: z.enum(LOCALES).optional(),
    })
    .superRefine((v, ctx) => {
      if (v.errors === undefined) oneSource(v, ctx)
      else if (v.path !== undefined || v.contentBase64 !== undefined) ctx.addIssue({ code: 'custom', path: ['errors'], message: 'Send either the file or a list of errors, not both.' })
    }),
  output: returns<ErrorCsvResult>(),
})

export const importChoices = defineOperation({
  name: 'import.choices',
  summary: 'Groups, membership plans and open classes, by name, for the import options',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({}),
  output: returns<ImportChoices>(),
})

