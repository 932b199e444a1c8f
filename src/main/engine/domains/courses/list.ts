// The course lists: the catalog, a course's enrolled students and its activity log.
import { sql as rawSql } from 'kysely'
import { COURSE_STATUSES } from '../../../../shared/operations/courses'
import { avatarSvg } from '../../avatar'
import { defineList } from '../../define-list'
import { dashedDateText, dayFirstDateTimeText, dateTimeText, relativeText } from '../../format'
import { containsText, inCourseCategories, isAnyOf, isEqual, listCount, withinDates } from '../../list'
import { fullName, requireUser } from '../users/index'
import { ENROLLED_STUDENT_ORDER, enrolledStudentFilters, enrolledStudentsScope, enrollmentDates, requireCourse } from './queries'

export const courseLists = {
  ...defineList('courses.tabularList', {
    sort: {
      id: 'courses.id',
      name: 'courses.name_key',
      slug: 'courses.slug',
      status: 'courses.status',
      created_at: 'courses.created_at',
      author: 'author.first_name_key',
    },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'courses.id',
    query: (ctx) => {
      const base = ctx.qb.selectFrom('courses')
      return {
        total: base.select('courses.id'),
        rows: base
          .leftJoin('users as author', 'author.id', 'courses.author_id')
          .select([
            'courses.id',
            'courses.name',
            'courses.slug',
            'courses.status',
            'courses.created_at',
            'author.first_name as author_first',
            'author.last_name as author_last',
          ])
          .select((eb) => [
            eb
              .selectFrom('course_categories')
              .innerJoin('categories', 'categories.id', 'course_categories.category_id')
              .whereRef('course_categories.course_id', '=', 'courses.id')
              .select(rawSql<string>`group_concat(categories.name, ', ')`.as('names'))
              .as('categories'),
            eb
              .selectFrom('enrollments')
              .whereRef('enrollments.course_id', '=', 'courses.id')
              .select((e) => e.fn.countAll<number>().as('n'))
              .as('enrolled'),
          ]),
      }
    },
    filters: {
      courseName: containsText(['courses.name']),
      status: (status) => isAnyOf('courses.status', ([] as string[]).concat(status).filter((s) => (COURSE_STATUSES as readonly string[]).includes(s))),
      courseCategoryIds: (ids) => inCourseCategories('courses.id', ids),
    },
    records: (rows) =>
      rows.map((c) => ({
        id: c.id,
        name: c.name,
        slug: c.slug,
        status: c.status,
        categories: c.categories ?? '',
        author: c.author_first !== null ? fullName({ first_name: c.author_first, last_name: c.author_last ?? '' }) : '',
        created_at: dayFirstDateTimeText(c.created_at),
        enrolled: Number(c.enrolled ?? 0),
      })),
  }),

  ...defineList('courses.enrolledStudents', {
    sort: { ...ENROLLED_STUDENT_ORDER, percentComplete: 'enrollments.percent_complete' },
    defaultOrder: { colName: 'registered_on', direction: 'desc' },
    tieBreaker: 'enrollments.id',
    query: (ctx, input) => enrolledStudentsScope(ctx, requireCourse(ctx, input.course_id).id),
    filters: enrolledStudentFilters,
    records: (rows, ctx) => {
      const now = ctx.now()
      return rows.map((r) => ({
        id: r.id,
        user_id: r.user_id,
        first_name: r.first_name,
        last_name: r.last_name,
        email: r.email,
        avatar: avatarSvg(r.user_id, r.first_name, r.last_name),
        status: r.status,
        percentComplete: r.percent_complete,
        access_status: r.access_status,
        ...enrollmentDates(r, dashedDateText),
        last_accessed_on: relativeText(r.last_accessed_at, now),
      }))
    },
    extra: (_page, ctx, input) => {
      const course = requireCourse(ctx, input.course_id)
      const totals = Object.fromEntries(
        ctx.sql
          .all(
            ctx.qb
              .selectFrom('enrollments')
              .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
              .where('course_id', '=', course.id)
              .groupBy('status'),
          )
          .map((r) => [r.status, Number(r.n)]),
      )
      return {
        courseName: course.name,
        featuredImage: course.featured_image_url,
        totalNotStarted: totals['Not Started'] ?? 0,
        totalInProgress: totals['In Progress'] ?? 0,
        totalCompleted: totals['Completed'] ?? 0,
      }
    },
  }),

  ...defineList('courses.activities', {
    sort: { created_at: 'created_at', id: 'id', verb: 'verb' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'id',
    query: (ctx, input) => {
      const course = requireCourse(ctx, input.course_id)
      const filters = input.search_param ?? {}
      if (typeof filters.user_id === 'number') requireUser(ctx, filters.user_id)
      const base = ctx.qb.selectFrom('course_activities').where('course_id', '=', course.id)
      // A busy course has hundreds of thousands of activities: its counts are kept by triggers.
      const recordsTotal = listCount(ctx.sql, `course:${course.id}`)
      const byUser = typeof filters.user_id === 'number'
      const dated = Boolean(filters.dates?.some(Boolean))
      const recordsFiltered =
        byUser || dated ? undefined : filters.activityName ? listCount(ctx.sql, `course:${course.id}:${filters.activityName}`) : recordsTotal
      return {
        total: base.select('id'),
        rows: base.select(['id', 'verb', 'created_at', 'message', 'student_name']),
        known: { recordsTotal, recordsFiltered },
      }
    },
    filters: {
      user_id: (userId) => (typeof userId === 'number' ? isEqual('user_id', userId) : undefined),
      activityName: (verb) => (verb ? isEqual('verb', verb) : undefined),
      dates: (dates) => (dates.some(Boolean) ? withinDates('created_at', dates) : undefined),
    },
    records: (rows) =>
      rows.map((a) => ({
        id: a.id,
        verb: a.verb,
        created_at: dateTimeText(a.created_at),
        message: a.message,
        student: a.student_name,
      })),
    extra: (_page, ctx, input) => {
      const course = requireCourse(ctx, input.course_id)
      return { courseName: course.name, featuredImage: course.featured_image_url }
    },
  }),
}
