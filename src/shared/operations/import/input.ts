// The input every pipeline step shares: the file (by path or as bytes), how to read it and
// what to enroll the imported users in.
import { z } from 'zod'
import { idList } from '../../contract/list-params'
import { jobId, optionalInt } from '../../contract/fields'
import { FULL_NAME_ORDERS, IMPORT_DELIMITERS, IMPORT_ENCODINGS, IMPORT_FIELDS, IMPORT_MAX_BYTES, IMPORT_MODES } from './settings'

// Enrollment options: the bulk upload's own names, so an import and a bulk upload read alike.
export const enrollmentOptions = {
  groupId: optionalInt('group id', 1, Number.MAX_SAFE_INTEGER),
  selectedCourses: idList.max(500).optional(),
  membershipId: optionalInt('membership id', 1, Number.MAX_SAFE_INTEGER),
  classIds: idList.max(500).optional(),
}

/** A path names a file on this computer: only the desktop app (the file the user picked) may ask for one. */
export const LOCAL_PATH = {
  path: 'Reading a file by its path is only possible in the desktop app. Send the file itself as contentBase64 (with its fileName).',
} as const

const sourceInput = {
  /** A file this process can read: from the desktop app and in-process callers only (LOCAL_PATH). */
  path: z.string().trim().min(1).max(4096).optional(),
  /** The file's bytes; base64 grows a 50 MB file to about 67 MB. */
  contentBase64: z.string().max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 1024).optional(),
  fileName: z.string().trim().max(255).optional(),
}

export const importFields = {
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

export function oneSource(v: { path?: string; contentBase64?: string }, ctx: z.RefinementCtx): void {
  if ((v.path === undefined) === (v.contentBase64 === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: "Send either a path or contentBase64 (the file's bytes), not both." })
  }
}

export const importInput = z.object(importFields).superRefine(oneSource)

export type ImportInput = z.output<typeof importInput>
