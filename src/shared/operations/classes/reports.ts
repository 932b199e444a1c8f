// Attendance reports: one class, every class in a month, and one learner's classes.
import { z } from 'zod'
import { defineOperation, returns } from '../../contract/operation'
import { id, listParams, type ListPage } from '../../contract/list-params'
import { classStatus, datesFilter, type ClassStatus } from './fields'
import type { ClassStudentRecord, ClassTotals } from './roster'

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
