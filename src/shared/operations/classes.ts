// Class group: instructor-led class sessions of a course, learners registered in them and
// their attendance (Registered, Attended, No Show, Cancelled), plus the class operations the
// Users and Courses groups document. Attendance-screen extras are in ./attendance.ts.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { boolish, id, idList, intLike, listParams, type ListPage } from '../contract/list-params'
import { oneOf } from '../contract/fields'

export const CLASS_STATUSES = ['Registered', 'Attended', 'No Show', 'Cancelled'] as const
export type ClassStatus = (typeof CLASS_STATUSES)[number]
export const classStatus = oneOf('status', CLASS_STATUSES)

/**
 * The reference's own query examples wrap values in literal quotes (`courseId="19"`) and
 * send `null` or an empty string for "not given"; one unwrapping before validation.
 */
function unquote(value: unknown): unknown {
  if (value === null) return undefined
  if (typeof value !== 'string') return value
  const text = value.trim()
  if (text === '' || text === 'null' || text === '""') return undefined
  const quoted = /^"(.*)"$/.exec(text)
  return quoted ? quoted[1] : text
}
const docValue = <S extends z.ZodType>(schema: S) => z.preprocess(unquote, schema)

/** "2024-01-31 10:00:00", "2024-01-1 10:00", or an ISO text; read in the machine's time zone unless it ends in Z. */
export const dateTime = (label: string) =>
  z
    .string({ error: `The ${label} must be a date and time.` })
    .trim()
    .max(40)
    .transform((text, ctx) => {
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z)?$/.exec(text)
      const [y, mo, d, h, mi, sec] = m ? m.slice(1, 7).map((x) => Number(x ?? 0)) : []
      const date = !m ? null : m[7] ? new Date(Date.UTC(y, mo - 1, d, h, mi, sec)) : new Date(y, mo - 1, d, h, mi, sec)
      const fits = date && !Number.isNaN(date.getTime()) && (m![7] ? date.getUTCDate() : date.getDate()) === d && h < 24
      if (!date || !fits) {
        ctx.addIssue({ code: 'custom', message: `The ${label} is not a valid date and time (YYYY-MM-DD HH:MM:SS).` })
        return z.NEVER
      }
      return date.toISOString()
    })

const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const
export const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const

/** The documented recurrence: `{classDays, startDate, startTime, endTime, interval, frequency, end}`. */
export const recurrenceSchema = z.object({
  classDays: z
    .union([z.array(z.string().max(20)).max(7), z.string().max(100)])
    .optional()
    .transform((v, ctx) => {
      const names = (Array.isArray(v) ? v : (v ?? '').split(',')).map((d) => d.trim().toLowerCase()).filter(Boolean)
      const days: number[] = []
      for (const name of names) {
        const index = DAY_NAMES.findIndex((d) => d === name || d.slice(0, 3) === name.slice(0, 3))
        if (index < 0 || name.length < 3) {
          ctx.addIssue({ code: 'custom', message: `The class day "${name}" is not a day of the week.` })
          return z.NEVER
        }
        days.push(index)
      }
      // Full day names, in week order: the form sent on to the hosted LMS as well.
      return [...new Set(days)].sort().map((d) => DAY_NAMES[d])
    }),
  startDate: z.string({ error: 'The recurrence start date field is required.' }).regex(/^\d{4}-\d{1,2}-\d{1,2}$/, { error: 'The recurrence start date must be YYYY-MM-DD.' }),
  startTime: z.string({ error: 'The recurrence start time field is required.' }).regex(/^\d{1,2}:\d{2}(:\d{2})?$/, { error: 'The recurrence start time must be HH:MM.' }),
  endTime: z.string({ error: 'The recurrence end time field is required.' }).regex(/^\d{1,2}:\d{2}(:\d{2})?$/, { error: 'The recurrence end time must be HH:MM.' }),
  interval: intLike('recurrence interval', 1, 52).default(1),
  frequency: oneOf('recurrence frequency', FREQUENCIES),
  end: z.string({ error: 'The recurrence end field is required.' }).regex(/^\d{4}-\d{1,2}-\d{1,2}$/, { error: 'The recurrence end must be YYYY-MM-DD.' }),
})
export type Recurrence = z.output<typeof recurrenceSchema>

const classFields = {
  allowDownload: docValue(boolish.optional()),
  instructor: docValue(id.optional()),
  location: docValue(id.optional()),
  webinarProvider: docValue(z.string().max(50).optional()),
  zoom_host_pwd: docValue(z.string().max(100).optional()),
  zoom_meeting_id: docValue(z.string().max(100).optional()),
}

export const classesCreate = defineOperation({
  name: 'classes.create',
  summary: 'Create a class (one-time, or a recurring series)',
  kind: 'write',
  method: 'POST',
  route: 'api/class/create',
  input: z
    .object({
      ...classFields,
      courseId: id,
      instructor: id,
      disabled: docValue(boolish.optional()),
      type: oneOf('type', ['onetime', 'recurring']).default('onetime'),
      starttime: docValue(dateTime('start time').optional()),
      endTime: docValue(dateTime('end time').optional()),
      recurrence: z.unknown().optional(),
    })
    .transform((v, ctx) => {
      let recurrence: Recurrence | null = null
      if (v.type === 'recurring') {
        let raw = v.recurrence
        if (typeof raw === 'string') {
          try {
            raw = JSON.parse(raw)
          } catch {
            raw = undefined
          }
        }
        const parsed = recurrenceSchema.safeParse(raw)
        if (!parsed.success) {
          for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['recurrence', ...issue.path.map(String)], message: issue.message })
          return z.NEVER
        }
        recurrence = parsed.data
      } else {
        if (!v.starttime) ctx.addIssue({ code: 'custom', path: ['starttime'], message: 'The start time field is required for a one-time class.' })
        if (!v.endTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time field is required for a one-time class.' })
        if (v.starttime && v.endTime && v.endTime <= v.starttime) {
          ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time must be after the start time.' })
        }
        if (!v.starttime || !v.endTime || v.endTime <= v.starttime) return z.NEVER
      }
      return { ...v, recurrence }
    }),
  output: returns<{ id: number; message: string; sessions: number }>(),
  sync: { entity: 'class', refs: { courseId: 'course', location: 'location', instructor: 'instructor' } },
})

export const classesEdit = defineOperation({
  name: 'classes.edit',
  summary: 'One class, for its edit form',
  kind: 'read',
  method: 'GET',
  route: 'api/class/edit',
  input: z.object({ classId: id, courseId: id.optional() }),
  output: returns<{
    classDetails: {
      id: number
      courseId: string
      startTime: string
      endTime: string
      location: number | null
      instructor: number | null
      webinarProvider: string
      allowDownload: boolean
      zoom_meeting_id: string | null
      zoom_host_pwd: string | null
      studyMaterial: StudyMaterial[]
    }
  }>(),
})

export interface StudyMaterial {
  media_id: number
  name: string
  type: string
}
const studyMaterialItem = z.object({ media_id: intLike('study material media id', 1, Number.MAX_SAFE_INTEGER), name: z.string().trim().min(1).max(255), type: z.string().trim().min(1).max(50) })

/** `studyMaterial[0][media_id]=2&studyMaterial[0][name]=...` arrives as flat keys; gather them into the array. */
function gatherStudyMaterial(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input
  const out: Record<string, unknown> = {}
  const indexed = new Map<number, Record<string, unknown>>()
  for (const [key, value] of Object.entries(input)) {
    const m = /^studyMaterial\[(\d{1,3})\]\[(media_id|name|type)\]$/.exec(key)
    if (m) {
      const item = indexed.get(+m[1]) ?? {}
      item[m[2]] = unquote(value)
      indexed.set(+m[1], item)
    } else out[key] = value
  }
  if (indexed.size > 0) out.studyMaterial = [...indexed.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item)
  else if (typeof out.studyMaterial === 'string') {
    try {
      out.studyMaterial = JSON.parse(out.studyMaterial)
    } catch {
      /* left as text: the schema refuses it with a message */
    }
  }
  return out
}

export const classesUpdate = defineOperation({
  name: 'classes.update',
  summary: 'Update a class',
  kind: 'write',
  method: 'POST',
  route: 'api/class/update',
  input: z.preprocess(
    gatherStudyMaterial,
    z.object({
      ...classFields,
      id,
      courseId: docValue(id.optional()),
      startTime: docValue(dateTime('start time').optional()),
      endTime: docValue(dateTime('end time').optional()),
      studyMaterial: z.array(studyMaterialItem, { error: 'The study material must be a list of {media_id, name, type}.' }).max(100).optional(),
    }),
  ),
  output: returns<{ message: string }>(),
  sync: { entity: 'class', refs: { id: 'class', courseId: 'course', location: 'location', instructor: 'instructor' } },
})

const datesFilter = z.array(z.string().max(40)).max(2).optional()

export interface ClassListRecord {
  id: number
  course_id: number
  course_name: string
  start_time: string
  end_time: string
  location: string
  location_id: number | null
  instructor: string
  courseEdit: string
  isAbleToEdit: boolean
  classSize: number
}

export const classesTabularList = defineOperation({
  name: 'classes.tabularList',
  summary: 'Classes in pages',
  kind: 'read',
  method: 'GET',
  route: 'api/class/tabularlist',
  input: z.object({
    group_id: id.optional(),
    ...listParams(
      ['created_at', 'id', 'course_name', 'start_time', 'end_time', 'location'] as const,
      z.object({ location: z.string().max(255).optional(), courseName: z.string().max(255).optional(), dates: datesFilter }),
    ),
  }),
  output: returns<ListPage<ClassListRecord>>(),
})

export interface ClassSchedule {
  id: number
  startDate: string
  endDate: string
  startTime: string
  endTime: string
  location_id: number | null
  location: string
  instructor_id: number | null
  instructor: string
  start_time: string
}

export const classesSchedules = defineOperation({
  name: 'classes.schedules',
  summary: 'Schedules of the classes of a course',
  kind: 'read',
  method: 'GET',
  route: 'api/class/get-class-schedules',
  input: z.object({
    courseId: id.optional(),
    group_id: id.optional(),
    search_param: z
      .union([z.string().max(1000), z.record(z.string(), z.unknown())])
      .optional()
      .transform((v, ctx) => {
        let parsed: unknown = v ?? {}
        if (typeof v === 'string') {
          try {
            parsed = v.trim() === '' ? {} : JSON.parse(v)
          } catch {
            parsed = null
          }
        }
        const shape = z.object({ location: z.union([id, z.literal('')]).optional() }).strict().safeParse(parsed)
        if (!shape.success) {
          ctx.addIssue({ code: 'custom', message: 'The search param must be a JSON object with an optional location id.' })
          return z.NEVER
        }
        return { location: shape.data.location === '' ? undefined : shape.data.location }
      }),
  }),
  output: returns<{ classes: ClassSchedule[] }>(),
})

export const classesCourseClasses = defineOperation({
  name: 'classes.courseClasses',
  summary: 'A course and its classes in pages',
  kind: 'read',
  method: 'GET',
  route: 'api/class/get-course-classes',
  input: z.object({
    course_id: id,
    group_id: id.optional(),
    ...listParams(
      ['registered_on', 'id', 'start_time', 'location', 'instructor'] as const,
      z.object({ location: z.string().max(255).optional(), instructor: z.string().max(255).optional(), dates: datesFilter }),
    ),
  }),
  output: returns<
    ListPage<{ id: number; startDate: string; endDate: string; startTime: string; endTime: string; location: string; instructor: string; classSize: number }> & {
      courseName: string
      instructions: string | null
      featuredImage: string | null
    }
  >(),
})

export interface NotEnrolledUser {
  userId: number
  reason: string
}

export const classesEnroll = defineOperation({
  name: 'classes.enroll',
  summary: 'Enroll learners in a class',
  kind: 'write',
  method: 'POST',
  route: 'api/class/enroll/{id}',
  input: z.object({ id, studentIds: idList.min(1, { error: 'The student ids field is required.' }), groupId: id.nullish() }),
  output: returns<{ message: string; enrolledUsersCount: number; notEnrolledUsers: NotEnrolledUser[] }>(),
  sync: { entity: 'class_enrollment', refs: { id: 'class', studentIds: 'user' } },
})

export interface ClassTotals {
  totalRegistered: number
  totalAttended: number
  totalNoShow: number
  totalCancelled: number
}

export interface ClassStudentRecord {
  id: number
  user_id: number
  first_name: string
  last_name: string
  name: string
  email: string
  status: ClassStatus
  display_status: string
  registered_on: string
  note: string | null
  certificate_issued: string
}

const rosterFilters = z.object({
  nameOrEmail: z.string().max(255).optional(),
  status: z.union([z.literal(''), classStatus, z.array(classStatus).max(4)]).optional(),
})

export const classesEnrolledStudents = defineOperation({
  name: 'classes.enrolledStudents',
  summary: 'Learners of a class with totals per status',
  kind: 'read',
  method: 'GET',
  route: 'api/class/enrolled-students',
  input: z.object({
    class_id: id,
    group_id: id.optional(),
    ...listParams(['registered_on', 'id', 'first_name', 'last_name', 'name', 'email', 'status'] as const, rosterFilters),
  }),
  output: returns<
    ListPage<ClassStudentRecord> &
      ClassTotals & {
        courseId: number
        locationId: number | null
        courseName: string
        featuredImage: string | null
        startDate: string
        endDate: string
        startTime: string
        endTime: string
      }
  >(),
})

const statusInput = z.object({ id, status: classStatus, classId: id.optional() })

export const classesUpdateStatus = defineOperation({
  name: 'classes.updateStatus',
  summary: "Set a learner's attendance status in a class",
  kind: 'write',
  method: 'GET',
  route: 'api/class/update-class-status',
  input: statusInput,
  output: returns<{ message: string }>(),
  sync: { entity: 'class_enrollment', refs: { id: 'class_enrollment', classId: 'class' } },
})

export const usersUpdateClassStatus = defineOperation({
  name: 'users.updateClassStatus',
  summary: "Set a learner's attendance status in a class (Users group route)",
  kind: 'write',
  method: 'GET',
  route: 'api/users/update-class-status',
  input: statusInput,
  output: returns<{ message: string }>(),
  sync: { entity: 'class_enrollment', refs: { id: 'class_enrollment', classId: 'class' } },
})

export const classesRemove = defineOperation({
  name: 'classes.remove',
  summary: 'Remove learners from a class',
  kind: 'write',
  method: 'POST',
  route: 'api/class/remove/{id}',
  input: z.object({ id, enrollmentIds: idList.min(1, { error: 'The enrollment ids field is required.' }), groupID: id.optional() }),
  output: returns<{ message: string }>(),
  sync: { entity: 'class_enrollment', refs: { id: 'class', enrollmentIds: 'class_enrollment' } },
})

export const classesAssignCertificate = defineOperation({
  name: 'classes.assignCertificate',
  summary: 'Issue the course certificate to learners of a class',
  kind: 'write',
  method: 'POST',
  route: 'api/class/assignCertificate/{id}',
  input: z.object({ id, enrollmentIds: idList.min(1, { error: 'The enrollment ids field is required.' }) }),
  output: returns<{ isSucess: boolean; message: string }>(),
  sync: { entity: 'class_enrollment', refs: { id: 'class', enrollmentIds: 'class_enrollment' } },
})

export const classesStudyMaterial = defineOperation({
  name: 'classes.studyMaterial',
  summary: "A registration's class and its study material",
  kind: 'read',
  method: 'GET',
  route: 'api/class/study-material',
  input: z.object({ registrationId: id }),
  output: returns<{
    name: string
    instructions: string | null
    featuredImageUrl: string | null
    status: ClassStatus
    display_status: string
    startDate: string
    endDate: string
    startTime: string
    endTime: string
    location: string
    start: string
    end: string
    instructor: string
    classMaterial: {
      id: number
      file_name: string
      file_type: string
      status: string
      s3_url: string
      mux_url: string
      mux_id: string
      mime_type: string
      created_at: string
    }[]
  }>(),
})

export const classesDelete = defineOperation({
  name: 'classes.delete',
  summary: 'Delete a class and its registrations',
  kind: 'write',
  method: 'POST',
  route: 'api/class/delete',
  input: z.object({ classId: id }),
  output: returns<{ message: string }>(),
  sync: { entity: 'class', refs: { classId: 'class' } },
})

export const classesDeleteCourseClasses = defineOperation({
  name: 'classes.deleteCourseClasses',
  summary: 'Delete every class of a course',
  kind: 'write',
  method: 'POST',
  route: 'api/class/delete-course-classes',
  input: z.object({ courseId: id }),
  output: returns<{ message: string }>(),
  sync: { entity: 'class', refs: { courseId: 'course' } },
})

const registration = z.object({ registrationId: id })

export const classesWebinarDetails = defineOperation({
  name: 'classes.webinarDetails',
  summary: "A registration's webinar class",
  kind: 'read',
  method: 'GET',
  route: 'api/class/webinar/details',
  input: registration,
  output: returns<{
    recordings: unknown[]
    name: string
    instructions: string | null
    status: ClassStatus
    display_status: string
    startTime: string
    endTime: string
    location: string
    instructor: string
    serviceProvider: string
    meetingUrl: string | null
    webinarTimezone: string
    duration: string
    webinarStatus: string
    webinarDetails: { is_success: boolean; message: string; url: string }
  }>(),
})

export const classesWebinarLaunch = defineOperation({
  name: 'classes.webinarLaunch',
  summary: 'Launch a webinar (needs the hosted LMS; refused offline)',
  kind: 'read',
  method: 'GET',
  route: 'api/class/webinar/launch',
  input: registration,
  output: returns<{ provider: string; webinarDetails: { is_success: boolean; message: string; url: string } }>(),
})

export const classesDetailedReport = defineOperation({
  name: 'classes.detailedReport',
  summary: 'Attendance report of one class',
  kind: 'read',
  method: 'GET',
  route: 'api/class/reports/class-detailed',
  input: z.object({
    class_id: id,
    group_id: id.optional(),
    ...listParams(
      ['registered_on', 'id', 'name', 'email', 'status'] as const,
      z.object({
        nameOrEmail: z.string().max(255).optional(),
        status: z.array(classStatus).max(4).optional(),
        userIdActual: z.union([z.literal(''), id]).optional(),
        started_on: datesFilter,
        completed_on: datesFilter,
      }),
    ),
  }),
  output: returns<ListPage<ClassStudentRecord> & ClassTotals & { courseName: string }>(),
})

export const classesOverviewReport = defineOperation({
  name: 'classes.overviewReport',
  summary: 'Attendance per class in a month',
  kind: 'read',
  method: 'GET',
  route: 'api/class/reports/overview',
  input: z.object({
    group_id: id.optional(),
    selectedMonth: z
      .string()
      .regex(/^(0?[1-9]|1[0-2])-\d{4}$/, { error: 'The selected month must be M-YYYY, for example 1-2024.' })
      .optional(),
  }),
  output: returns<{
    labels: string[]
    totalRegistered: number[]
    totalAttended: number[]
    totalNoShow: number[]
    totalCancelled: number[]
    startDate: string[]
    endDate: string[]
    sumRegistered: number
    sumAttended: number
    sumNoShow: number
    sumCancelled: number
  }>(),
})

export interface EnrolledClassRecord {
  id: number
  webinarId: number | null
  classId: number
  title: string
  courseId: number
  studyMethod: string
  featuredImageUrl: string | null
  launchUrl: string
  classStudyMaterial: string
  status: ClassStatus
  display_status: string
  registered_on: string
  last_accessed_on: string
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  location: string
  start: string
  end: string
  instructor: string
  class: string
  add_calendar_link: string
}

export const usersEnrolledClasses = defineOperation({
  name: 'users.enrolledClasses',
  summary: "A learner's class registrations",
  kind: 'read',
  method: 'GET',
  route: 'api/users/enrolled-classes',
  input: z.object({
    user_id: id,
    ...listParams(
      ['registered_on', 'id', 'title', 'startDate', 'status'] as const,
      z.object({ course_id: z.union([z.literal(''), id]).optional() }),
    ),
  }),
  output: returns<ListPage<EnrolledClassRecord>>(),
})

export const usersClassReports = defineOperation({
  name: 'users.classReports',
  summary: "A learner's class attendance report",
  kind: 'read',
  method: 'GET',
  route: 'api/user/class/reports',
  input: z.object({
    user_id: id,
    group_id: id.optional(),
    ...listParams(
      ['registered_on', 'courseName', 'start_time', 'status'] as const,
      z.object({ course: z.string().max(255).optional(), status: z.array(classStatus).max(4).optional(), started_on: datesFilter, completed_on: datesFilter }),
    ),
  }),
  output: returns<
    ListPage<{
      courseName: string
      start_time: string
      end_time: string
      location: string
      status: ClassStatus
      display_status: string
      registered_on: string
      last_accessed_on: string
      certificate_issued: string
    }> & { totalAttended: number; totalNoshow: number; totalCancelled: number; totalRegistered: number }
  >(),
})

export const coursesLocationsLookup = defineOperation({
  name: 'courses.locationsLookup',
  summary: 'Locations of the classes of a course',
  kind: 'read',
  method: 'GET',
  route: 'api/courses/locations/lookup',
  input: z.object({ course_id: id.optional(), group_id: id.optional() }),
  output: returns<Record<string, { id: number; name: string; courseId: string; classId: number }>>(),
})

export const classOperations = [
  classesTabularList,
  classesSchedules,
  classesCreate,
  classesEdit,
  classesUpdate,
  classesCourseClasses,
  classesEnroll,
  classesEnrolledStudents,
  classesUpdateStatus,
  classesRemove,
  classesAssignCertificate,
  classesStudyMaterial,
  classesDelete,
  classesDeleteCourseClasses,
  classesWebinarDetails,
  classesWebinarLaunch,
  classesDetailedReport,
  classesOverviewReport,
  usersUpdateClassStatus,
  usersEnrolledClasses,
  usersClassReports,
  coursesLocationsLookup,
] as const
