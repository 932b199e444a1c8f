// A class's roster: learners registered in it, their attendance status, removal and certificates.
import { z } from 'zod'
import { defineOperation, returns } from '../../contract/operation'
import { id, idList, listParams, type ListPage } from '../../contract/list-params'
import { classStatus, type ClassStatus } from './fields'

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
