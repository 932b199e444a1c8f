// Course reports: the overview chart over every course, the Course Insight report of one
// course, and its export's extra headers (one per class of the course).
import type { EngineContext } from '../../context'
import { dashedDateText, relativeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { defineList } from '../../define-list'
import { ENROLLED_STUDENT_ORDER, enrolledStudentFilters, enrolledStudentsScope, enrollmentDates, requireCourse } from '../courses/index'
import { gradeSummaries, type GradeSummary } from '../progress/index'
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

  ...defineList('courseReports.courseDetailed', {
    sort: { ...ENROLLED_STUDENT_ORDER, percent_complete: 'enrollments.percent_complete' },
    defaultOrder: { colName: 'registered_on', direction: 'desc' },
    tieBreaker: 'enrollments.id',
    query: (ctx, input) => enrolledStudentsScope(ctx, requireCourse(ctx, input.course_id).id),
    filters: enrolledStudentFilters,
    records: (rows, ctx) => {
      const seconds = timeSpentByEnrollment(ctx, rows.map((r) => r.id))
      const certified = certificateHolders(ctx, rows)
      const now = ctx.now()
      // Only a started course has a grade to show; the reference answers null before that.
      const grades = rows.length ? gradeSummaries(ctx, rows[0].course_id, rows.filter((r) => r.status !== 'Not Started').map((r) => r.id)) : new Map<number, GradeSummary>()
      return rows.map((r) => {
        const achieved = grades.get(r.id)?.percentage ?? null
        return {
          user_id: r.user_id,
          first_name: r.first_name,
          last_name: r.last_name,
          email: r.email,
          status: r.status,
          percent_complete: r.percent_complete,
          access_status: r.access_status,
          ...enrollmentDates(r, dashedDateText),
          last_accessed_on: relativeText(r.last_accessed_at, now),
          percent_achieved: achieved,
          total_time_spent: hoursMinutesText(seconds.get(r.id) ?? 0),
          certifcate_issued: certified.has(`${r.user_id}:${r.course_id}`) ? 'Yes' : 'No',
        }
      })
    },
    extra: (_page, ctx, input) => {
      const course = requireCourse(ctx, input.course_id)
      return { courseName: course.name, featuredImage: course.featured_image_url, ...enrollmentTotals(ctx, 'course_id', course.id) }
    },
  }),

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
