// A learner's side of a class: their registrations, the class's study material and its webinar.
import { z } from 'zod'
import { defineOperation, returns } from '../../contract/operation'
import { id, listParams, type ListPage } from '../../contract/list-params'
import type { ClassStatus } from './fields'

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
