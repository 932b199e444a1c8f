// Course submissions (the grading queue), the gradebook, progress editing and launch,
// from the Courses group of the hosted API.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { boolish, id, listParams, type ListPage } from '../contract/list-params'
import type { ModuleProgress } from './assignments'

export const GRADING_STATES = ['ungraded', 'graded', 'rejected'] as const
export type GradingState = (typeof GRADING_STATES)[number]
export const MODULE_STATUSES = ['Not Started', 'In Progress', 'Submitted', 'Completed', 'Rejected'] as const

export interface SubmissionRecord {
  status_row_id: number
  module_id: number
  module_name: string
  module_type: string
  first_name: string
  last_name: string
  email: string
  avatar: string
  submission_id: number
  submitted_on: string
  // Beyond the documented keys: what the grading queue shows.
  course_id: number
  course_name: string
  user_id: number
  registration_id: number
  status: string
  grading_status: GradingState
  points_awarded: number | null
  total_points: number | null
  submitted_at: string
  evaluated_on: string
  unsynced: boolean
}

const submissionColumns = ['updated_at', 'submitted_on', 'first_name', 'last_name', 'email', 'module_name', 'course_name', 'status'] as const

const submissionFilters = z.object({
  nameOrEmail: z.string().max(255).optional(),
  type: z.enum(['assignment', 'discussion', '']).optional(),
  // Beyond the documented filters: the grading queue's.
  ungradedOnly: boolish.optional(),
  status: z.enum([...GRADING_STATES, '']).optional(),
  courseId: z.union([id, z.literal(''), z.null()]).optional(),
  moduleId: z.union([id, z.literal(''), z.null()]).optional(),
  unsyncedOnly: boolish.optional(),
  /** One row: the submission the grading screen reopens after a reload. */
  statusRowId: id.optional(),
})

export const courseSubmissions = defineOperation({
  name: 'courses.submissions',
  summary: 'Submissions of one course',
  kind: 'read',
  method: 'GET',
  route: 'api/course/submissions',
  input: z.object({ course_id: id, ...listParams(submissionColumns, submissionFilters) }),
  output: returns<ListPage<SubmissionRecord> & { courseName: string; featuredImage: string | null }>(),
})

export const allSubmissions = defineOperation({
  name: 'courses.allSubmissions',
  summary: 'Submissions of every course: the grading queue',
  kind: 'read',
  method: 'GET',
  route: 'api/course/all-submissions',
  input: z.object(listParams(submissionColumns, submissionFilters)),
  output: returns<ListPage<SubmissionRecord>>(),
})

export interface GradebookModule extends ModuleProgress {
  totalMarks: number | null
  obtainedMarks: number | null
  countsTowardsGrade: boolean
}

/** One enrollment as the learner's course pages show it (the launch page, the gradebook). */
export interface EnrollmentOverview {
  permalink: string
  featuredImageUrl: string | null
  instructions: string | null
  accessStatus: string
  status: string
  completionPercentage: number
  timeSpent: { hours: number; minutes: number; seconds: number; totalSeconds: number }
  enrollmentDate: string
  isExpired: boolean
  daysToExpire: string
  lastAccessed: string
}

export interface Gradebook extends EnrollmentOverview {
  name: string
  modules: GradebookModule[]
  id: number
  userId: number
  isCertificateAvailable: boolean
  gradingRule: string
  totalMarks: number
  obtainedMarks: number
  percentage: number | null
}

export const gradebook = defineOperation({
  name: 'courses.gradebook',
  summary: "One learner's progress and marks in a course",
  kind: 'read',
  method: 'GET',
  route: 'api/progress/course/{id}',
  input: z.object({ id, userId: id.optional() }),
  output: returns<Gradebook>(),
})

export interface ProgressEdit {
  name: string
  modules: (ModuleProgress & { display_status: string; is_collapsed: boolean })[]
  id: number
  course_id: number
  userId: number
  userName: string
  email: string
  featuredImageUrl: string | null
  status: string
  completionPercentage: number
  enrollmentDate: string
  expiryDate: string
  completionDate: string
  startDate: string
  lastAccessed: string
}

export const progressEdit = defineOperation({
  name: 'courses.progressEdit',
  summary: "A learner's module statuses in a course, for editing",
  kind: 'read',
  method: 'GET',
  route: 'api/course-progress/edit/{id}',
  input: z.object({ id, userId: id }),
  output: returns<ProgressEdit>(),
})

export const progressUpdate = defineOperation({
  name: 'courses.progressUpdate',
  summary: "Set a learner's module statuses in a course",
  kind: 'write',
  method: 'PUT',
  route: 'api/course-progress/update/{id}',
  // The reference documents no body. Without one, every learner's completion is recalculated
  // from their module statuses; with userId and modules, those statuses are set first.
  input: z
    .object({
      id,
      userId: id.optional(),
      modules: z
      .array(z.object({ module_id: id, status: z.enum(['Not Started', 'In Progress', 'Completed'], { error: 'The status must be Not Started, In Progress or Completed.' }) }))
        .min(1, { error: 'The modules field is required.' })
        .max(500)
        .optional(),
    })
    .superRefine((v, ctx) => {
      if ((v.userId === undefined) !== (v.modules === undefined)) {
        ctx.addIssue({ code: 'custom', path: [v.userId === undefined ? 'userId' : 'modules'], message: 'The user id and modules are sent together.' })
      }
    }),
  output: returns<{ message: string; completionPercentage: number; status: string }>(),
  sync: { entity: 'enrollment', refs: { id: 'course', userId: 'user', 'modules[].module_id': 'module' } },
})

export const courseLaunch = defineOperation({
  name: 'courses.launch',
  summary: 'Open a course for a learner: starts it and answers its modules with their statuses',
  kind: 'write',
  method: 'GET',
  route: 'api/courses/launch',
  input: z.object({ registrationId: id }),
  output: returns<EnrollmentOverview & { name: string; modules: ModuleProgress[] }>(),
  sync: { entity: 'enrollment', refs: { registrationId: 'enrollment' } },
})

export const progressOperations = [courseSubmissions, allSubmissions, gradebook, progressEdit, progressUpdate, courseLaunch] as const
