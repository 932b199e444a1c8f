// Courses group of the hosted API (the parts the foundation implements): courses,
// enrollment, lookups and course activities.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id, idList, listParams, type ListPage } from '../contract/list-params'
import { oneOf, optionalInt, optionalNumber, optionalString, requiredString } from '../contract/fields'
import { enrollmentStatusList } from './users'

export const COURSE_STATUSES = ['draft', 'publish'] as const
export const GRADING_RULES = ['no_grading', 'avg_all_modules', 'avg_specific_modules'] as const
export const DURATION_RULES = ['unlimited', 'on_specific_date', 'x_days_after_start', 'x_days_after_enrollment'] as const
export const DRIP_RULES = ['immediately', 'fixed_date', 'specific_interval'] as const
export const DRIP_INTERVAL_UNITS = ['day', 'week', 'month'] as const
export const DRIP_REFERENCES = ['registration_date', 'started_date'] as const
export const COURSE_TYPES = ['self_paced', 'instructor_led'] as const
export const MODULE_TYPES = ['text', 'video', 'quiz', 'assignment', 'discussion', 'scorm', 'file', 'class'] as const

/** The activity verbs the hosted API documents (activities/verb/lookup). */
export const ACTIVITY_VERBS = [
  'ENROLLED',
  'STARTED',
  'ACCESSED',
  'COMPLETED',
  'SUBMITTED',
  'EVALUATED',
  'REJECTED',
  'RETAKE',
  'ACHIEVED CERTIFICATE',
  'RESET',
  'REMOVED',
  'REVOKED',
  'GRANTED',
  'UPDATED EXPIRY DATE',
] as const
export type ActivityVerb = (typeof ACTIVITY_VERBS)[number]

export interface CourseModule {
  module_id: number
  name: string
  type: string
  icon: string
  is_locked: boolean
  drip_rules: string
  drip_fixed_date: string | null
  drip_interval: number | null
  drip_interval_unit: string
  drip_calculation_reference: string
  minSpentHour: number
  minSpentMinutes: number
}

export interface CourseDetails {
  id: number
  name: string
  slug: string
  featuredImageUrl: string | null
  instructions: string | null
  completionRedirectionUrl: string | null
  credits: number | null
  minPassingPercentage: number | null
  gradingRule: string
  durationRule: string
  durationSpecificDate: string | null
  durationDays: number | null
  status: string
  courseType: string
  certificateTemplates: number[]
  certificateExpiresAfter: number | null
  certificateExpiresAfterGracePeriod: number | null
  associatedProduct: unknown[]
  hasAssociatedProduct: boolean
  modules: CourseModule[]
  categories: number[]
  gradeModules: number[]
}

export interface CourseListRecord {
  id: number
  name: string
  slug: string
  status: string
  categories: string
  author: string
  created_at: string
  enrolled: number
}

/** An enrollment's dates as the enrollment lists answer them. */
export interface EnrollmentDateTexts {
  registered_on: string
  started_on: string
  completed_on: string
  expire_on: string
}

/** One enrollment's progress as the course and user reports answer it. */
export interface EnrollmentReportFields extends EnrollmentDateTexts {
  status: string
  percent_complete: number
  access_status: string
  last_accessed_on: string
  total_time_spent: string
  certifcate_issued: string
}

/** The filters of a course's student lists (its enrolled students, its insight report). */
export const courseStudentFilters = {
  nameOrEmail: z.string().max(255).optional(),
  status: enrollmentStatusList.optional(),
}

/** What a course's student lists answer besides the page. */
export interface CourseStudentTotals {
  courseName: string
  featuredImage: string | null
  totalNotStarted: number
  totalInProgress: number
  totalCompleted: number
}

/** The parameters of the activity lists (a course's, a user's): sorted by time, id or verb. */
export const activityListParams = <S extends z.ZodObject>(filters: S) => ({
  context: z.string().max(50).optional(),
  ...listParams(['created_at', 'id', 'verb'] as const, filters),
})

export interface EnrolledStudentRecord extends EnrollmentDateTexts {
  id: number
  user_id: number
  first_name: string
  last_name: string
  email: string
  avatar: string
  status: string
  percentComplete: number
  access_status: string
  last_accessed_on: string
}

export interface CourseActivityRecord {
  id: number
  verb: string
  created_at: string
  message: string
  student: string
}

const slug = requiredString('slug', 191).pipe(
  z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'The slug may only contain lowercase letters, numbers and single dashes.',
  }),
)

/**
 * A module placed in a course. Modules live in the module library and are placed by id;
 * name, type and icon are the library's and are accepted here only because the hosted
 * course form echoes them back.
 */
const moduleInput = z.object({
  module_id: id,
  name: z.string().max(255).optional(),
  type: z.string().max(50).optional(),
  icon: z.string().max(500).optional(),
  is_locked: z.boolean().optional(),
  drip_rules: oneOf('drip rule', DRIP_RULES).optional(),
  drip_fixed_date: z.string().max(40).nullish(),
  drip_interval: z.number().int().min(0).max(100_000).nullish(),
  drip_interval_unit: oneOf('drip interval unit', DRIP_INTERVAL_UNITS).optional(),
  drip_calculation_reference: oneOf('drip calculation reference', DRIP_REFERENCES).optional(),
  minSpentHour: z.number().int().min(0).max(10_000).optional(),
  minSpentMinutes: z.number().int().min(0).max(59).optional(),
})
export type CourseModuleInput = z.output<typeof moduleInput>

const courseBody = {
  name: requiredString('name'),
  slug,
  instructions: optionalString('instructions', 65_535),
  featuredImageUrl: optionalString('featured image url', 2048),
  completionRedirectionUrl: optionalString('completion redirection url', 2048),
  credits: optionalInt('credits', 0, 100_000),
  minPassingPercentage: optionalNumber('min passing percentage', 0, 100),
  gradingRule: oneOf('grading rule', GRADING_RULES),
  durationRule: oneOf('duration rule', DURATION_RULES),
  durationSpecificDate: optionalString('duration specific date', 40),
  durationDays: optionalInt('duration days', 1, 100_000),
  status: oneOf('status', COURSE_STATUSES),
  courseType: oneOf('course type', COURSE_TYPES).optional(),
  certificateTemplates: idList.max(100).optional(),
  modules: z.array(moduleInput).max(500).optional(),
  certificateExpiresAfter: optionalInt('certificate expires after', 0, 1200),
  certificateExpiresAfterGracePeriod: optionalInt('certificate expires after grace period', 0, 36_500),
  categories: idList.max(100).optional(),
  gradeModules: idList.max(500).optional(),
}

export const coursesTabularList = defineOperation({
  name: 'courses.tabularList',
  summary: 'Courses in pages, sorted and filtered',
  kind: 'read',
  method: 'GET',
  route: 'api/courses/tabularlist',
  input: z.object(
    listParams(
      ['id', 'name', 'slug', 'status', 'created_at', 'author'] as const,
      z.object({
        courseCategoryIds: z.array(z.union([z.number(), z.string()])).max(1000).optional(),
        courseName: z.string().max(255).optional(),
        // The documented example filters by an enrollment status ("In Progress"); only the
        // course statuses (draft, publish) narrow the list.
        status: z.union([z.string().max(50), z.array(z.string().max(50)).max(10)]).optional(),
      }),
    ),
  ),
  output: returns<ListPage<CourseListRecord>>(),
})

export const coursesGet = defineOperation({
  name: 'courses.get',
  summary: 'One course with its modules',
  kind: 'read',
  method: 'GET',
  route: 'api/course/{id}',
  input: z.object({ id }),
  output: returns<CourseDetails>(),
})

export const coursesCreate = defineOperation({
  name: 'courses.create',
  summary: 'Create a course',
  kind: 'write',
  method: 'POST',
  route: 'api/course',
  input: z.object(courseBody),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'course', refs: { categories: 'category', 'modules[].module_id': 'module', gradeModules: 'module', certificateTemplates: 'certificate_template' } },
})

export const coursesUpdate = defineOperation({
  name: 'courses.update',
  summary: 'Update a course',
  kind: 'write',
  method: 'PUT',
  route: 'api/course/{id}',
  input: z.object({ id, ...courseBody }),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'course', refs: { id: 'course', categories: 'category', 'modules[].module_id': 'module', gradeModules: 'module', certificateTemplates: 'certificate_template' } },
})

export const coursesDelete = defineOperation({
  name: 'courses.delete',
  summary: 'Delete courses without enrollments',
  kind: 'write',
  method: 'POST',
  route: 'api/course/delete',
  input: z.object({ delete_ids: idList.min(1, { error: 'The delete ids field is required.' }) }),
  output: returns<{ message: string; deleted: number[]; notDeleted: number[] }>(),
  sync: { entity: 'course', refs: { delete_ids: 'course' } },
})

export const coursesLookup = defineOperation({
  name: 'courses.lookup',
  summary: 'Courses for dropdowns',
  kind: 'read',
  method: 'POST',
  route: 'api/course/lookup',
  input: z.object({ group_id: id.optional(), search_term: z.string().max(255).optional() }),
  output: returns<{ value: number; label: string }[]>(),
})

export const coursesName = defineOperation({
  name: 'courses.name',
  summary: "A course's name",
  kind: 'read',
  method: 'GET',
  route: 'api/course/name/{id}',
  input: z.object({ id }),
  output: returns<{ course_name: string }>(),
})

export const coursesEnroll = defineOperation({
  name: 'courses.enroll',
  summary: 'Enroll students into a course',
  kind: 'write',
  method: 'POST',
  route: 'api/course/enroll/{id}',
  input: z.object({
    id,
    studentIds: idList.min(1, { error: 'The student ids field is required.' }),
    groupId: id.nullish(),
  }),
  output: returns<{ message: string; enrolled: number; alreadyEnrolled: number[] }>(),
  sync: { entity: 'enrollment', refs: { id: 'course', studentIds: 'user' } },
})

export const coursesRemove = defineOperation({
  name: 'courses.remove',
  summary: 'Remove enrollments from a course',
  kind: 'write',
  method: 'POST',
  route: 'api/course/remove/{id}',
  input: z.object({
    id,
    enrollmentIds: idList.min(1, { error: 'The enrollment ids field is required.' }),
    groupId: id.nullish(),
  }),
  output: returns<{ message: string }>(),
  sync: { entity: 'enrollment', refs: { id: 'course', enrollmentIds: 'enrollment' } },
})

export const coursesEnrolledStudents = defineOperation({
  name: 'courses.enrolledStudents',
  summary: 'Students enrolled in a course, with totals per status',
  kind: 'read',
  method: 'GET',
  route: 'api/course/enrolled-students',
  input: z.object({
    course_id: id,
    // Groups arrive with the categories of type "user"; until then the filter is accepted and not applied.
    group_id: id.optional(),
    ...listParams(
      ['registered_on', 'first_name', 'last_name', 'email', 'status', 'percentComplete', 'last_accessed_on'] as const,
      z.object(courseStudentFilters),
    ),
  }),
  output: returns<ListPage<EnrolledStudentRecord> & CourseStudentTotals>(),
})

export const coursesEnrolledUsersLookup = defineOperation({
  name: 'courses.enrolledUsersLookup',
  summary: 'Users enrolled in a course, for dropdowns',
  kind: 'read',
  method: 'GET',
  route: 'api/enrolled/course/{id}',
  input: z.object({ id, group_id: id.optional(), search_term: z.string().max(255).optional() }),
  output: returns<{ id: number; full_name: string; email: string }[]>(),
})

type Option = { db_value: string; display_value: string }
const lookup = <const N extends string>(name: N, route: string, summary: string) =>
  defineOperation({ name, summary, kind: 'read', method: 'GET', route, input: z.object({}), output: returns<Option[]>() })

export const coursesStatusLookup = lookup('courses.statusLookup', 'api/courses/status/lookup', 'Enrollment statuses')
export const coursesGradingRulesLookup = lookup('courses.gradingRulesLookup', 'api/courses/grading-rules/lookup', 'Grading rules')
export const coursesDurationRulesLookup = lookup('courses.durationRulesLookup', 'api/courses/duration-rules/lookup', 'Access duration rules')
export const coursesTypeLookup = lookup('courses.typeLookup', 'api/courses/type/lookup', 'Course types')
export const activitiesVerbLookup = lookup('activities.verbLookup', 'api/activities/verb/lookup', 'Course activity verbs')

export const coursesDripLookup = defineOperation({
  name: 'courses.dripLookup',
  summary: 'Drip options',
  kind: 'read',
  method: 'GET',
  route: 'api/courses/drip/lookup',
  input: z.object({}),
  output: returns<{ options: Option[]; intervals: Option[]; calculation_ref: Option[] }[]>(),
})

export const coursesActivities = defineOperation({
  name: 'courses.activities',
  summary: 'Activities of the students of a course',
  kind: 'read',
  method: 'GET',
  route: 'api/course-activities',
  input: z.object({
    course_id: id,
    ...activityListParams(
      z.object({
        user_id: z.union([id, z.literal(''), z.null()]).optional(),
        activityName: z.union([z.enum(ACTIVITY_VERBS), z.literal('')]).optional(),
        dates: z.array(z.string().max(40)).max(2).optional(),
      }),
    ),
  }),
  output: returns<ListPage<CourseActivityRecord> & { courseName: string; featuredImage: string | null }>(),
})

export const courseOperations = [
  coursesTabularList,
  coursesGet,
  coursesCreate,
  coursesUpdate,
  coursesDelete,
  coursesLookup,
  coursesName,
  coursesEnroll,
  coursesRemove,
  coursesEnrolledStudents,
  coursesEnrolledUsersLookup,
  coursesStatusLookup,
  coursesGradingRulesLookup,
  coursesDurationRulesLookup,
  coursesTypeLookup,
  coursesDripLookup,
  activitiesVerbLookup,
  coursesActivities,
] as const
