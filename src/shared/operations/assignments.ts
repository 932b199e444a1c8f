// Assignments group: assignment modules in the library, learners' submissions, and the
// instructor's evaluation.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { boolish, id, type ListPage } from '../contract/list-params'
import { moduleLibraryListInput } from './module-library'
import { oneOf, optionalInt, requiredString } from '../contract/fields'
import { parseLooseObject } from '../contract/loose-object'
import { FILE_TYPE_EXTENSIONS, type FileTypeName } from '../contract/files'

export const SUBMISSION_TYPES = ['text', 'file'] as const
const FILE_TYPE_NAMES = Object.keys(FILE_TYPE_EXTENSIONS) as [FileTypeName, ...FileTypeName[]]

/** The largest file a learner may upload, in MB (answered as `maxUploadSize`). */
export const MAX_UPLOAD_MB = 5

/** `allowed_filetypes` arrives as a JSON text (`"[\"image\", \"pdf\"]"`) or as an array. */
const allowedFiletypes = z
  .union([z.array(z.string()), z.string().max(1000)])
  .optional()
  .transform((value, ctx): FileTypeName[] => {
    let list: unknown = value ?? []
    if (typeof value === 'string') {
      if (value.trim() === '') list = []
      else {
        try {
          list = JSON.parse(value)
        } catch {
          list = value.split(',').map((s) => s.trim())
        }
      }
    }
    if (!Array.isArray(list)) {
      ctx.addIssue({ code: 'custom', message: 'The allowed filetypes must be a list.' })
      return z.NEVER
    }
    const names = list.filter((v) => v !== '').map(String)
    const unknown = names.filter((n) => !(FILE_TYPE_NAMES as string[]).includes(n))
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `Unknown file types: ${unknown.join(', ')}. Allowed: ${FILE_TYPE_NAMES.join(', ')}.` })
      return z.NEVER
    }
    return [...new Set(names)] as FileTypeName[]
  })

const assignmentBody = {
  name: requiredString('name'),
  content: requiredString('content', 65_535),
  submission_type: oneOf('submission type', SUBMISSION_TYPES),
  totalPoints: optionalInt('total points', 0, 100_000),
  allowed_filetypes: allowedFiletypes,
}

function requireFiletypesForFiles(v: { submission_type: string; allowed_filetypes: string[] }, ctx: z.RefinementCtx): void {
  if (v.submission_type === 'file' && v.allowed_filetypes.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['allowed_filetypes'], message: 'The allowed filetypes field is required when the submission type is file.' })
  }
}

export interface AssignmentListRecord {
  id: number
  name: string
  slug: string
  type: string
  submissionType: string
  totalPoints: number
  icon: string
  author: string
  created_at: string
}

export interface ModuleProgress {
  module_id: number
  name: string
  slug: string
  type: string
  icon: string
  is_locked: boolean
  lock_reason: string
  is_dripped: boolean
  drip_message: string
  is_current: boolean
  status_row_id: number
  status: string
  started_on: string | null
  completed_on: string | null
  last_accessed_on: string
  /** "" when the learner never opened the module, as the hosted API answers. */
  total_time_spent: { hours: number; minutes: number; seconds: number; totalSeconds: number } | ''
  points_awarded: number | ''
  completion_percentage: number
  no_of_times_accessed: number
}

export interface SubmissionEntry {
  id: number
  /** The uploaded file's URL; "" for a text submission or a comment. */
  file_path: string
  student_message: string | null
  instructor_message: string | null
  points_awarded: number | null
  evaluated_by: string
  submitted_on: string
  evaluated_on: string
}

export interface EvaluationEntry {
  id: number
  points_awarded: number
  instructor_message: string | null
  is_accepted: boolean
  evaluated_by: string
  evaluated_on: string
  /** Replaced by an undo of this session; kept in the history. */
  undone: boolean
}

export const assignmentsList = defineOperation({
  name: 'assignments.list',
  summary: 'Assignment modules in pages',
  kind: 'read',
  method: 'GET',
  route: 'api/modules/assignment',
  input: moduleLibraryListInput,
  output: returns<ListPage<AssignmentListRecord>>(),
})

export const assignmentsCreate = defineOperation({
  name: 'assignments.create',
  summary: 'Create an assignment module',
  kind: 'write',
  method: 'POST',
  route: 'api/modules/assignment',
  input: z.object(assignmentBody).superRefine(requireFiletypesForFiles),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'module', refs: {} },
})

export const assignmentsUpdate = defineOperation({
  name: 'assignments.update',
  summary: 'Update an assignment module',
  kind: 'write',
  method: 'PUT',
  route: 'api/modules/assignment/{id}',
  input: z.object({ id, ...assignmentBody }).superRefine(requireFiletypesForFiles),
  output: returns<{ message: string }>(),
  sync: { entity: 'module', refs: { id: 'module' } },
})

export const assignmentsGet = defineOperation({
  name: 'assignments.get',
  summary: 'One assignment module',
  kind: 'read',
  method: 'GET',
  route: 'api/modules/assignment/{id}',
  input: z.object({ id }),
  output: returns<{ name: string; slug: string; content: string; totalPoints: number; submission_type: string; allowed_filetypes: string[] }>(),
})

export const assignmentsDetails = defineOperation({
  name: 'assignments.details',
  summary: "An assignment as a learner of one enrollment sees it, with the course's other modules",
  kind: 'read',
  method: 'GET',
  route: 'api/module/assignment/details',
  input: z.object({ registrationId: id, moduleId: id }),
  output: returns<{
    name: string
    slug: string
    content: string
    courseName: string
    courseSlug: string
    totalPoints: number
    submissionType: string
    maxUploadSize: number
    min_time_spent: number
    allowedFileTypes: string
    otherModules: ModuleProgress[]
    status: string
    statusRowId: number
    prevSubmission: SubmissionEntry[]
  }>(),
})

export const assignmentsSubmissions = defineOperation({
  name: 'assignments.submissions',
  summary: 'The submissions and evaluations of one module status row',
  kind: 'read',
  method: 'GET',
  route: 'api/module/assignment/submissions',
  input: z.object({ statusRowId: id }),
  output: returns<{
    courseId: number
    courseName: string
    assignmentName: string
    moduleId: number
    moduleType: string
    status: string
    content: string
    totalPoints: number
    minComments: number | null
    student: { id: number; name: string; email: string }
    submissions: SubmissionEntry[]
    evaluations: EvaluationEntry[]
  }>(),
})

export const assignmentsSubmit = defineOperation({
  name: 'assignments.submit',
  summary: 'Submit an assignment for a learner',
  kind: 'write',
  method: 'POST',
  route: 'api/module/assignment/submit',
  input: z.object({
    statusRowId: id,
    submission: requiredString('submission', 100_000),
  }),
  output: returns<{ message: string }>(),
  sync: { entity: 'submission', refs: { statusRowId: 'module_status' } },
})

/** A file: as a multipart part (HTTP), `{ name, contentBase64 }` (IPC, JSON) or plain text. */
export const uploadedFile = z.union([
  z.object({
    name: requiredString('file name', 255),
    contentBase64: z.string().max(Math.ceil((MAX_UPLOAD_MB * 1024 * 1024 * 4) / 3) + 16, {
      error: `The file may not be greater than ${MAX_UPLOAD_MB} MB.`,
    }),
    mime: z.string().max(255).optional(),
  }),
  z.string().max(MAX_UPLOAD_MB * 1024 * 1024, { error: `The file may not be greater than ${MAX_UPLOAD_MB} MB.` }),
])

export const assignmentsUpload = defineOperation({
  name: 'assignments.upload',
  summary: 'Store a file for an assignment submission',
  kind: 'write',
  method: 'POST',
  route: 'api/module/assignment/upload',
  input: z.object({
    file: uploadedFile,
    /** Optional: checks the file against that module's allowed file types before storing it. */
    statusRowId: id.optional(),
  }),
  output: returns<{ s3_url: string; sha256: string; size: number; name: string }>(),
  sync: null,
})

export interface EvaluationInput {
  instructorMessage: string | null
  pointsAwarded: number
  isAccepted: boolean
}

/**
 * The documented body sends `evaluation` as a JavaScript-style object text
 * (`{instructorMessage : 'Looks good', pointsAwarded: '50', isAccepted : true }`); JSON text
 * and plain objects are accepted too.
 */
const evaluation = z
  .union([z.string().max(70_000), z.record(z.string(), z.unknown())])
  .transform((value, ctx) => {
    const parsed = typeof value === 'string' ? parseLooseObject(value) : value
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message: 'The evaluation must be an object with instructorMessage, pointsAwarded and isAccepted.' })
      return z.NEVER
    }
    return parsed
  })
  .pipe(
    z.object({
      instructorMessage: z
        .string({ error: 'The instructor message must be text.' })
        .max(65_535, { error: 'The instructor message may not be greater than 65535 characters.' })
        .nullish()
        .transform((v) => (v ? v : null)),
      pointsAwarded: z
        .union([z.number(), z.string().trim().regex(/^\d{1,9}(\.\d{1,2})?$/, { error: 'The points awarded must be a number.' })], {
          error: 'The points awarded must be a number.',
        })
        .transform(Number),
      isAccepted: boolish,
    }),
  )

export const assignmentsEvaluate = defineOperation({
  name: 'assignments.evaluate',
  summary: "Accept or reject a learner's submission with points and a message",
  kind: 'write',
  method: 'POST',
  route: 'api/module/assignment/evaluate',
  input: z.object({ statusRowId: id, evaluation }),
  output: returns<{ message: string; evaluationId: number; status: string }>(),
  sync: { entity: 'evaluation', refs: { statusRowId: 'module_status' } },
})

export const assignmentOperations = [
  assignmentsList,
  assignmentsCreate,
  assignmentsUpdate,
  assignmentsGet,
  assignmentsDetails,
  assignmentsSubmissions,
  assignmentsSubmit,
  assignmentsUpload,
  assignmentsEvaluate,
] as const
