// The class lists: every class, a course's classes, and one learner's classes and class report.
import type { ClassStatus } from '../../../../shared/operations/classes'
import type { EngineContext } from '../../context'
import { defineList } from '../../define-list'
import { sortKeyOf } from '../../db/sort-key'
import { dateText, relativeText } from '../../format'
import { containsText, isAnyOf, isEqual, withinDates } from '../../list'
import { requireCourse } from '../courses/index'
import { classQuery, classTimes, localDateTime, sessionTimes, STATUS_COLOURS } from './queries'
import { rosterLists } from './roster'

/** Adds `class_size`: the learners of each class who have not cancelled. */
const withClassSize = (q: ReturnType<typeof classQuery>) =>
  q.select((eb) =>
    eb
      .selectFrom('class_enrollments')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('class_enrollments.class_id', '=', 'classes.id')
      .where('class_enrollments.status', '!=', 'Cancelled')
      .as('class_size'),
  )

const googleStamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
/** A Google Calendar "add event" link built from the class itself (no hosted LMS needed). */
function calendarLink(title: string, startIso: string, endIso: string, location: string): string {
  const params = new URLSearchParams({ text: title, dates: `${googleStamp(startIso)}/${googleStamp(endIso)}`, details: title, location })
  return `https://calendar.google.com/calendar/r/eventedit?${params.toString()}`
}

const startsWithin = (dates: readonly string[]) => (dates.length ? withinDates('classes.start_at', dates) : undefined)

/** What a list of one learner's class registrations reads of each. */
const REGISTRATION_COLUMNS = [
  'class_enrollments.id',
  'class_enrollments.status',
  'class_enrollments.registered_at',
  'class_enrollments.last_accessed_at',
  'classes.start_at',
  'classes.end_at',
  'courses.name as course_name',
  'locations.name as location_name',
] as const

const NEWEST_REGISTRATION_FIRST = { defaultOrder: { colName: 'registered_on', direction: 'desc' }, tieBreaker: 'class_enrollments.id' } as const

/** A registration's status and dates as a learner's class lists answer them. */
function registrationStatus(r: { status: string; registered_at: string; last_accessed_at: string | null }, now: Date) {
  return {
    status: r.status as ClassStatus,
    display_status: r.status,
    registered_on: dateText(r.registered_at),
    last_accessed_on: relativeText(r.last_accessed_at, now),
  }
}

export const classLists = {
  ...rosterLists,

  ...defineList('classes.tabularList', {
    sort: {
      created_at: 'classes.created_at',
      id: 'classes.id',
      course_name: 'courses.name_key',
      start_time: 'classes.start_at',
      end_time: 'classes.end_at',
      location: sortKeyOf('locations.name'),
    },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'classes.id',
    query: (ctx) => {
      const base = classQuery(ctx)
      return { total: base, rows: withClassSize(base) }
    },
    filters: { location: containsText(['locations.name']), courseName: containsText(['courses.name']), dates: startsWithin },
    records: (rows) =>
      rows.map((c) => {
          const t = classTimes(c)
          return {
            id: c.id,
            course_id: c.course_id,
            course_name: c.course_name,
            start_time: t.startText,
            end_time: t.endText,
            location: c.location_name ?? '',
            location_id: c.location_id,
            instructor: c.instructor_name ?? '',
            // The hosted dashboard's edit page; there is none offline.
            courseEdit: '',
            isAbleToEdit: true,
            classSize: Number(c.class_size),
          }
      }),
  }),

  ...defineList('classes.courseClasses', {
    sort: {
      registered_on: 'classes.created_at',
      id: 'classes.id',
      start_time: 'classes.start_at',
      location: sortKeyOf('locations.name'),
      instructor: sortKeyOf('instructors.name'),
    },
    defaultOrder: { colName: 'start_time', direction: 'asc' },
    tieBreaker: 'classes.id',
    query: (ctx, input) => {
      const base = classQuery(ctx).where('classes.course_id', '=', requireCourse(ctx, input.course_id).id)
      return { total: base, rows: withClassSize(base) }
    },
    filters: { location: containsText(['locations.name']), instructor: containsText(['instructors.name']), dates: startsWithin },
    records: (rows) =>
      rows.map((c) => ({
        id: c.id,
        ...sessionTimes(c),
        location: c.location_name ?? '',
        instructor: c.instructor_name ?? '',
        classSize: Number(c.class_size),
      })),
    extra: (_page, ctx, input) => {
      const course = requireCourse(ctx, input.course_id)
      return { courseName: course.name, instructions: course.instructions, featuredImage: course.featured_image_url }
    },
  }),

  ...defineList('users.enrolledClasses', {
    sort: {
      registered_on: 'class_enrollments.registered_at',
      id: 'class_enrollments.id',
      title: 'courses.name_key',
      startDate: 'classes.start_at',
      status: 'class_enrollments.status',
    },
    ...NEWEST_REGISTRATION_FIRST,
    query: (ctx, input) => {
      const base = learnerClasses(ctx, input.user_id).leftJoin('instructors', 'instructors.id', 'classes.instructor_id')
      return {
        total: base.select('class_enrollments.id'),
        rows: base.select([
          ...REGISTRATION_COLUMNS,
          'classes.id as class_id',
          'classes.webinar_provider',
          'courses.id as course_id',
          'courses.course_type',
          'courses.featured_image_url',
          'instructors.name as instructor_name',
        ]),
      }
    },
    filters: { course_id: (courseId) => (courseId ? isEqual('courses.id', courseId) : undefined) },
    records: (rows, ctx) => {
      const now = ctx.now()
      return rows.map((r) => {
          const t = classTimes(r)
          return {
            id: r.id,
            webinarId: null,
            classId: r.class_id,
            title: r.course_name,
            courseId: r.course_id,
            studyMethod: r.course_type,
            featuredImageUrl: r.featured_image_url,
            // Launch and study-material pages are the hosted LMS's; offline there is no link.
            launchUrl: '',
            classStudyMaterial: '',
            ...registrationStatus(r, now),
            startDate: t.startDate,
            startTime: t.startTime,
            endDate: t.endDate,
            endTime: t.endTime,
            location: r.location_name ?? '',
            start: localDateTime(r.start_at),
            end: localDateTime(r.end_at),
            instructor: r.instructor_name ?? '',
            class: STATUS_COLOURS[r.status] ?? 'orange',
            add_calendar_link: calendarLink(r.course_name, r.start_at, r.end_at, r.location_name ?? ''),
          }
      })
    },
  }),

  ...defineList('users.classReports', {
    sort: {
      registered_on: 'class_enrollments.registered_at',
      courseName: 'courses.name_key',
      start_time: 'classes.start_at',
      status: 'class_enrollments.status',
    },
    ...NEWEST_REGISTRATION_FIRST,
    query: (ctx, input) => {
      const base = learnerClasses(ctx, input.user_id)
      return {
        total: base.select('class_enrollments.id'),
        rows: base.select([...REGISTRATION_COLUMNS, 'class_enrollments.certificate_issued_at']),
      }
    },
    filters: {
      course: containsText(['courses.name']),
      status: (status) => isAnyOf('class_enrollments.status', status),
      started_on: startsWithin,
      completed_on: (dates) => (dates.length ? withinDates('classes.end_at', dates) : undefined),
    },
    records: (rows, ctx) => {
      const now = ctx.now()
      return rows.map((r) => {
          const t = classTimes(r)
          return {
            courseName: r.course_name,
            start_time: t.startText,
            end_time: t.endText,
            location: r.location_name ?? '',
            ...registrationStatus(r, now),
            certificate_issued: r.certificate_issued_at ? 'Yes' : 'No',
          }
      })
    },
    extra: (_page, ctx, input) => {
      const counts = ctx.sql.all(
        learnerClasses(ctx, input.user_id)
          .select(['class_enrollments.status', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('class_enrollments.status'),
      )
      const count = (s: ClassStatus) => Number(counts.find((r) => r.status === s)?.n ?? 0)
      return { totalAttended: count('Attended'), totalNoshow: count('No Show'), totalCancelled: count('Cancelled'), totalRegistered: count('Registered') }
    },
  }),
}

/** One learner's class registrations with their classes, courses and locations. */
function learnerClasses(ctx: EngineContext, userId: number) {
  return ctx.qb
    .selectFrom('class_enrollments')
    .innerJoin('classes', 'classes.id', 'class_enrollments.class_id')
    .innerJoin('courses', 'courses.id', 'classes.course_id')
    .leftJoin('locations', 'locations.id', 'classes.location_id')
    .where('class_enrollments.user_id', '=', userId)
}
