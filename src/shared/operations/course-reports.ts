// Course reports (Courses group): the overview chart, the per-course insight report and
// the extra column headers of its export.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id, listParams, type ListPage } from '../contract/list-params'
import { courseStudentFilters, type CourseStudentTotals, type EnrollmentReportFields } from './courses'

export const courseReportsOverview = defineOperation({
  name: 'courseReports.overview',
  summary: 'Every course with its enrollments by status, for charts',
  kind: 'read',
  method: 'GET',
  route: 'api/course/reports/overview',
  input: z.object({ group_id: id.optional() }),
  output: returns<{
    labels: string[]
    totalNotStarted: number[]
    totalInProgress: number[]
    totalCompleted: number[]
    sumNotStarted: number
    sumInProgress: number
    sumCompleted: number
  }>(),
})

export interface CourseInsightRecord extends EnrollmentReportFields {
  user_id: number
  first_name: string
  last_name: string
  email: string
  percent_achieved: number | null
}

export const courseReportsDetailed = defineOperation({
  name: 'courseReports.courseDetailed',
  summary: "A course's students with progress, grade, time spent and certificates",
  kind: 'read',
  method: 'GET',
  route: 'api/course/reports/course-detailed',
  input: z.object({
    course_id: id,
    // Groups (user categories) have no members locally yet: accepted, not applied.
    group_id: id.optional(),
    userCategoryId: z.union([id, z.string().max(1000)]).optional(),
    ...listParams(
      ['registered_on', 'first_name', 'last_name', 'email', 'status', 'percent_complete', 'last_accessed_on'] as const,
      z.object(courseStudentFilters),
    ),
  }),
  output: returns<ListPage<CourseInsightRecord> & CourseStudentTotals>(),
})

export const courseReportsCustomHeaders = defineOperation({
  name: 'courseReports.customHeaders',
  summary: 'Extra column headers of the Course Insight export: one per class of the course',
  kind: 'read',
  method: 'GET',
  route: 'api/course/reports/course-detailed-custom-headers',
  input: z.object({
    course_id: id.optional(),
    group_id: id.optional(),
    // The list parameters are the export's own, sent along by the hosted client; the
    // headers do not depend on them.
    ...listParams(
      ['created_at', 'id', 'name'] as const,
      z.object({
        ...courseStudentFilters,
        userIdActual: z.union([z.string().max(20), z.number()]).optional(),
        started_on: z.array(z.string().max(40)).max(2).optional(),
        completed_on: z.array(z.string().max(40)).max(2).optional(),
      }),
    ),
  }),
  output: returns<{ id: number; name: string; courseId: string; classId: number | null }[]>(),
})

export const courseReportOperations = [courseReportsOverview, courseReportsDetailed, courseReportsCustomHeaders] as const
