// What the import pipeline answers: the check's findings, a commit's counts, an undo, past batches.
import type { Reason } from '../../contract/result'
import { csvText } from '../../format/csv'
import type { IMPORT_DELIMITERS, IMPORT_ENCODINGS, ImportField, ImportMode } from './settings'

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

/** The error list as CSV (the one CSV writer: UTF-8 with BOM, formula-safe): row, column, value, message. */
export function errorsToCsv(errors: readonly ImportRowError[]): string {
  return csvText([['row', 'column', 'value', 'message'], ...errors.map((e) => [String(e.row), e.column, e.value, e.message])])
}

