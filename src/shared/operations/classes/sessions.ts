// Class sessions: creating, editing, listing and deleting the classes of a course.
import { z } from 'zod'
import { defineOperation, returns } from '../../contract/operation'
import { boolish, id, intLike, listParams, type ListPage } from '../../contract/list-params'
import { oneOf } from '../../contract/fields'
import { classFields, dateTime, datesFilter, docValue, recurrenceSchema, unquote, type Recurrence } from './fields'

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
export const coursesLocationsLookup = defineOperation({
  name: 'courses.locationsLookup',
  summary: 'Locations of the classes of a course',
  kind: 'read',
  method: 'GET',
  route: 'api/courses/locations/lookup',
  input: z.object({ course_id: id.optional(), group_id: id.optional() }),
  output: returns<Record<string, { id: number; name: string; courseId: string; classId: number }>>(),
})
