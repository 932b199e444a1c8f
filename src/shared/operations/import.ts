// Bulk user import: the documented bulk upload, its sample file and the user sources, and
// the app's CSV import pipeline (dry run, commit, cancel, progress, undo). Tools outside
// the app call the pipeline by these names at POST /app/<name>; keep them stable.
import { z } from 'zod'
import type { Reason } from '../contract/result'
import documentsAr from '../i18n/documents/ar.json'
import documentsEn from '../i18n/documents/en.json'
import documentsEs from '../i18n/documents/es.json'
import documentsFr from '../i18n/documents/fr.json'
import { LOCALES } from '../i18n/locales'
import { defineOperation, returns, type JobPhase } from '../contract/operation'
import { id, idList, intLike } from '../contract/list-params'
import { jobId, optionalInt } from '../contract/fields'
import { csvText } from '../format/csv'

export const IMPORT_MODES = ['add_new', 'add_update', 'update_only'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]
export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  add_new: 'Add new users only (skip existing)',
  add_update: 'Add new users and update existing ones',
  update_only: 'Update existing users only (skip new)',
}

/**
 * What a column can become. `username`: a sign-in name, used as the email where it is one
 * and the row has no email of its own. `full_name`: split into first and last name where
 * the row has none. `custom` keeps the value as a custom user field ("Header: value").
 * Several columns may hold courses or classes (Moodle's course1, course2, ...).
 */
export const IMPORT_FIELDS = ['email', 'username', 'first_name', 'last_name', 'full_name', 'password', 'courses', 'classes', 'custom', 'ignore'] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

/** How a full name is written: "Ann Lee" or "Lee Ann" (family name first). "Lee, Ann" is read either way. */
export const FULL_NAME_ORDERS = ['first_last', 'last_first'] as const
export type FullNameOrder = (typeof FULL_NAME_ORDERS)[number]

/** The first column of the error CSV (in English); an import of that file ignores it. */
export const ERROR_CSV_COLUMN = documentsEn['importErrors.column']
/** That column as every shipped language names it: an error CSV written in any of them is read back. */
export const ERROR_CSV_COLUMNS: readonly string[] = [documentsEn, documentsEs, documentsFr, documentsAr].map((d) => d['importErrors.column'])

export const IMPORT_DELIMITERS = [',', ';', '\t'] as const
export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252'] as const
/** Files above this size are refused before any parsing. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024

export interface ImportRowError {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number
  column: string
  value: string
  message: string
  /** `message` as a reason code with its values, for the screen's language. */
  reason?: Reason
}

export interface ImportColumn {
  index: number
  header: string
  field: ImportField
  /** True when the header matched no known field (offer custom or ignore). */
  unknown: boolean
  /** Why a recognised column is ignored or was guessed (another column holds the same field). */
  note?: string
  noteReason?: Reason
}

export interface ImportCourseTarget {
  id: number
  name: string
  /** The row's own courses column, or the options chosen for everyone. */
  from: 'file' | 'options'
  /** Enrolled already: nothing changes for this course. */
  enrolled: boolean
}

export interface ImportClassTarget {
  id: number
  courseName: string
  start: string
  end: string
  location: string | null
  from: 'file' | 'options'
  registered: boolean
}

/** A group or membership plan; `name` is null when this computer does not know it. */
export interface ImportNamedId {
  id: number
  name: string | null
}

export interface ImportOptionsView {
  courses: { id: number; name: string }[]
  classes: Omit<ImportClassTarget, 'from' | 'registered'>[]
  group: ImportNamedId | null
  membership: ImportNamedId | null
}

/** A name split from a full-name column that is worth a look (not plainly "First Last" or "Last, First"), or corrected. */
export interface ImportNameCheck {
  row: number
  full_name: string
  first_name: string
  last_name: string
  corrected: boolean
}

export interface ImportPreviewRow {
  row: number
  action: 'create' | 'update' | 'skip' | 'error'
  email: string
  first_name: string
  last_name: string
  /** The full-name cell the names were split from, when they were. */
  full_name: string | null
  name_from: 'columns' | 'full_name' | 'corrected'
  password: 'given' | 'generated' | 'kept'
  /** Every enrollment the row gets: its own courses and classes, then the options' ones. */
  courses: ImportCourseTarget[]
  classes: ImportClassTarget[]
  /** The group new users are created in and new enrollments made in. */
  group: ImportNamedId | null
  /** The membership plan: given to users the import creates (the bulk upload's rule). */
  membership: ImportNamedId | null
  custom: string[]
}

export interface DryRunResult {
  rows: number
  valid: number
  /** The first 1,000 problems in row order (the error CSV lists the rows of all of them). */
  errors: ImportRowError[]
  /** Every problem found, listed or not. */
  errorCount: number
  create: number
  update: number
  skip: number
  skipped: { row: number; email: string; reason: string; reasonCode?: Reason }[]
  encoding: (typeof IMPORT_ENCODINGS)[number]
  delimiter: (typeof IMPORT_DELIMITERS)[number]
  bytes: number
  columns: ImportColumn[]
  preview: ImportPreviewRow[]
  /** The options chosen on the page, by name: what every imported row gets. */
  options: ImportOptionsView
  nameChecks: ImportNameCheck[]
}

export interface CommitResult {
  batchId: number
  created: number
  updated: number
  skipped: number
  failed: number
  cancelled: boolean
  /** The first 1,000 problems, as in the dry run; `errorCount` counts them all. */
  errors: ImportRowError[]
  errorCount: number
  jobId: string
}

export interface UndoResult {
  batchId: number
  removed: number
  restored: number
  refused: { userId: number; email: string; reason: string; reasonCode?: Reason }[]
  /** Updated users whose old password came back here (the hosted LMS keeps the imported one). */
  passwordsRestored: number
  message: string
}

export interface ImportBatchRecord {
  id: number
  source: 'file' | 'api'
  fileName: string | null
  mode: ImportMode
  /** interrupted: it stopped before the end (a batch failed, or the app was closed or killed); what it wrote can be undone. */
  state: 'running' | 'done' | 'cancelled' | 'interrupted' | 'undone'
  created: number
  updated: number
  skipped: number
  failed: number
  createdAt: string
  finishedAt: string | null
  undoneAt: string | null
}

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

// Enrollment options: the bulk upload's own names, so an import and a bulk upload read alike.
const enrollmentOptions = {
  groupId: optionalInt('group id', 1, Number.MAX_SAFE_INTEGER),
  selectedCourses: idList.max(500).optional(),
  membershipId: optionalInt('membership id', 1, Number.MAX_SAFE_INTEGER),
  classIds: idList.max(500).optional(),
}

/** A path names a file on this computer: only the desktop app (the file the user picked) may ask for one. */
const LOCAL_PATH = {
  path: 'Reading a file by its path is only possible in the desktop app. Send the file itself as contentBase64 (with its fileName).',
} as const

const sourceInput = {
  /** A file this process can read: from the desktop app and in-process callers only (LOCAL_PATH). */
  path: z.string().trim().min(1).max(4096).optional(),
  /** The file's bytes; base64 grows a 50 MB file to about 67 MB. */
  contentBase64: z.string().max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 1024).optional(),
  fileName: z.string().trim().max(255).optional(),
}

const importFields = {
  ...sourceInput,
  mode: z.enum(IMPORT_MODES, { error: `The mode must be one of: ${IMPORT_MODES.join(', ')}.` }).default('add_new'),
  delimiter: z.enum(IMPORT_DELIMITERS, { error: 'The delimiter must be a comma, a semicolon or a tab.' }).optional(),
  encoding: z.enum(IMPORT_ENCODINGS, { error: 'The encoding must be utf-8 or windows-1252.' }).optional(),
  /** Header (as in the file) → field; overrides the automatic matching. */
  columns: z.record(z.string().max(500), z.enum(IMPORT_FIELDS)).optional(),
  fullNameOrder: z.enum(FULL_NAME_ORDERS, { error: 'The full name order must be first_last or last_first.' }).default('first_last'),
  /** Names corrected on the screen, for rows whose names are split from a full-name column. */
  names: z
    .array(z.object({ row: z.number().int().min(2), first_name: z.string().trim().max(255), last_name: z.string().trim().max(255) }))
    .max(100_000)
    .optional(),
  ...enrollmentOptions,
  /** The job's name in its progress events, for app.cancelJob (import.cancel) too; generated when absent. */
  jobId,
}

function oneSource(v: { path?: string; contentBase64?: string }, ctx: z.RefinementCtx): void {
  if ((v.path === undefined) === (v.contentBase64 === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: "Send either a path or contentBase64 (the file's bytes), not both." })
  }
}

const importInput = z.object(importFields).superRefine(oneSource)

export type ImportInput = z.output<typeof importInput>

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

export interface ErrorCsvResult {
  csv: string
  fileName: string
  /** For a file: rows listed, and rows refused in all (the file lists the first 100,000). */
  rowsListed?: number
  rowsWithProblems?: number
}

export interface ImportChoices {
  /** The hosted LMS's user groups (user categories) known here. */
  groups: { id: number; name: string }[]
  /** Membership plans held by users on this computer. */
  memberships: { id: number; name: string; holders: number }[]
  /** Classes that can still take learners (not over, not signed off). */
  classes: Omit<ImportClassTarget, 'from' | 'registered'>[]
}

export const importChoices = defineOperation({
  name: 'import.choices',
  summary: 'Groups, membership plans and open classes, by name, for the import options',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({}),
  output: returns<ImportChoices>(),
})

const bulkUser = z.object({
  email: z.string().max(191),
  first_name: z.string().max(255).optional(),
  last_name: z.string().max(255).nullish(),
  password: z.string().max(200).nullish(),
})

export const usersBulkUpload = defineOperation({
  name: 'users.bulkUpload',
  summary: 'Create users in bulk',
  kind: 'write',
  method: 'POST',
  route: 'api/user/bulkUpload',
  input: z.object({
    userList: z.array(bulkUser, { error: 'The user list field is required.' }).min(1, { error: 'The user list field is required.' }).max(5000),
    ...enrollmentOptions,
  }),
  output: returns<{ message: string }>(),
  // The queued record is one chunk of an import (its local id an import_chunks row): one request for many users.
  sync: { entity: 'import_chunk', refs: { selectedCourses: 'course', classIds: 'class' } },
})

export const usersBulkUploadSample = defineOperation({
  name: 'users.bulkUploadSample',
  summary: 'The sample file for bulk upload',
  kind: 'read',
  method: 'GET',
  route: 'api/user/getBulkUploadSampleFile',
  input: z.object({}),
  output: returns<{ headers: string[]; records: { email: string; first_name: string; last_name: string; password: string }[] }>(),
})

export const userSources = defineOperation({
  name: 'users.sources',
  summary: 'Where users can be imported from',
  kind: 'read',
  method: 'GET',
  route: 'api/user-source',
  input: z.object({}),
  output: returns<{ records: { id: number; name: string; identifier: string; description: string; logoUrl: string }[] }>(),
})

/** The error list as CSV (the one CSV writer: UTF-8 with BOM, formula-safe): row, column, value, message. */
export function errorsToCsv(errors: readonly ImportRowError[]): string {
  return csvText([['row', 'column', 'value', 'message'], ...errors.map((e) => [String(e.row), e.column, e.value, e.message])])
}

export const importOperations = [
  usersBulkUpload,
  usersBulkUploadSample,
  userSources,
  importDryRun,
  importCommit,
  importCancel,
  importProgress,
  importUndo,
  importBatches,
  importErrorCsv,
  importChoices,
] as const
