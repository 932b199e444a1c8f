// Course reports: the overview chart over every course, the Course Insight report of one
// course, and its export's extra headers (one per class of the course).
import type { EngineContext } from '../../context'
import { dashedDateText, relativeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { fetchPage } from '../../list'
import { enrolledStudentsScope, requireCourse } from '../courses/index'
import { gradeSummary } from '../progress/index'
import { certificateHolders, hoursMinutesText, enrollmentTotals, timeSpentByEnrollment } from '../reports/index'

function countsByCourse(ctx: EngineContext, groupId: number | undefined) {
  let query = ctx.qb
    .selectFrom('enrollments')
    .select(['course_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['course_id', 'status'])
  if (groupId !== undefined) query = query.where('group_id', '=', groupId)
  const counts = new Map<string, number>()
  for (const r of ctx.sql.all(query)) counts.set(`${r.course_id}:${r.status}`, Number(r.n))
  return (courseId: number, status: string) => counts.get(`${courseId}:${status}`) ?? 0
}

export const courseReportHandlers = defineHandlers({
  'courseReports.overview'(ctx, input) {
    const courses = ctx.sql.all(ctx.qb.selectFrom('courses').select(['id', 'name']).orderBy('id'))
    const count = countsByCourse(ctx, input.group_id)
    const series = (status: string) => courses.map((c) => count(c.id, status))
    const totalNotStarted = series('Not Started')
    const totalInProgress = series('In Progress')
    const totalCompleted = series('Completed')
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
    return {
      labels: courses.map((c) => c.name),
      totalNotStarted,
      totalInProgress,
      totalCompleted,
      sumNotStarted: sum(totalNotStarted),
      sumInProgress: sum(totalInProgress),
      sumCompleted: sum(totalCompleted),
    }
  },

  'courseReports.courseDetailed'(ctx, input) {
    const course = requireCourse(ctx, input.course_id)
    const filters = input.search_param ?? {}
    const { base, filtered } = enrolledStudentsScope(ctx, course.id, filters)
    const page = fetchPage<
      {
        id: number
        user_id: number
        course_id: number
        first_name: string
        last_name: string
        email: string
        status: string
        percent_complete: number
        access_status: string
        registered_at: string
        started_at: string | null
        completed_at: string | null
        expire_at: string | null
        last_accessed_at: string | null
      },
      'registered_on' | 'first_name' | 'last_name' | 'email' | 'status' | 'percent_complete' | 'last_accessed_on'
    >(ctx.sql, {
      total: base.select('enrollments.id'),
      filtered,
      request: input,
      sortColumns: {
        registered_on: 'enrollments.registered_at',
        first_name: 'users.first_name_key',
        last_name: 'users.last_name_key',
        email: 'users.email_key',
        status: 'enrollments.status',
        percent_complete: 'enrollments.percent_complete',
        last_accessed_on: 'enrollments.last_accessed_at',
      },
      defaultOrder: { colName: 'registered_on', direction: 'desc' },
      tieBreaker: 'enrollments.id',
    })
    const totals = enrollmentTotals(ctx, 'course_id', course.id)
    const seconds = timeSpentByEnrollment(ctx, page.rows.map((r) => r.id))
    const certified = certificateHolders(ctx, page.rows)
    const now = ctx.now()
    return {
      courseName: course.name,
      featuredImage: course.featured_image_url,
      recordsTotal: page.recordsTotal,
      ...totals,
      recordsFiltered: page.recordsFiltered,
      records: page.rows.map((r) => {
        const enrollment = ctx.sql.first(ctx.qb.selectFrom('enrollments').selectAll().where('id', '=', r.id))!
        // Only a started course has a grade to show; the reference answers null before that.
        const achieved = r.status === 'Not Started' ? null : gradeSummary(ctx, enrollment).percentage
        return {
          user_id: r.user_id,
          first_name: r.first_name,
          last_name: r.last_name,
          email: r.email,
          status: r.status,
          percent_complete: r.percent_complete,
          access_status: r.access_status,
          registered_on: dashedDateText(r.registered_at),
          started_on: dashedDateText(r.started_at),
          completed_on: dashedDateText(r.completed_at),
          expire_on: r.expire_at ? dashedDateText(r.expire_at) : 'Never',
          last_accessed_on: relativeText(r.last_accessed_at, now),
          percent_achieved: achieved,
          total_time_spent: hoursMinutesText(seconds.get(r.id) ?? 0),
          certifcate_issued: certified.has(`${r.user_id}:${r.course_id}`) ? 'Yes' : 'No',
        }
      }),
    }
  },

  'courseReports.customHeaders'(ctx, input) {
    if (input.course_id !== undefined) requireCourse(ctx, input.course_id)
    let query = ctx.qb
      .selectFrom('classes')
      .leftJoin('locations', 'locations.id', 'classes.location_id')
      .select(['classes.id as class_id', 'classes.course_id', 'classes.start_at', 'locations.id as location_id', 'locations.name as location'])
      .orderBy('classes.start_at')
      .orderBy('classes.id')
    if (input.course_id !== undefined) query = query.where('classes.course_id', '=', input.course_id)
    return ctx.sql.all(query).map((c) => ({
      id: c.location_id ?? c.class_id,
      name: c.location ?? `Class ${c.class_id}`,
      courseId: String(c.course_id),
      classId: c.class_id,
    }))
  },
})
