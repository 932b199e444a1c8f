// Course administration (Courses group): slug, clone, quick edit, auto-enroll courses, the
// group seat list, and the bulk actions on enrollments (reset, revoke, grant, expiry).
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { boolish, id, idList, orderByParam } from '../contract/list-params'
import { requiredString } from '../contract/fields'

export const coursesUpdateSlug = defineOperation({
  name: 'courses.updateSlug',
  summary: "Change a course's slug (unique; stored in lower case)",
  kind: 'write',
  method: 'PUT',
  route: 'api/course/update-slug/{id}',
  // The reference's example sends "Awesome-course": capitals are accepted and lowered.
  input: z.object({
    id,
    slug: requiredString('slug', 191).pipe(
      z.string().regex(/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/, { error: 'The slug may only contain letters, numbers and single dashes.' }),
    ),
  }),
  output: returns<string>(),
  sync: { entity: 'course', refs: { id: 'course' } },
})

export const coursesClone = defineOperation({
  name: 'courses.clone',
  summary: 'Copy a course: shallow (same library modules) or deep (copies of its modules)',
  kind: 'write',
  method: 'POST',
  route: 'api/course/clone',
  input: z.object({ course_id: id, course_name: requiredString('course name'), isDeepCopy: boolish }),
  output: returns<{ message: string; id: number }>(),
  sync: { entity: 'course', refs: { course_id: 'course' } },
})

export const coursesQuickEdit = defineOperation({
  name: 'courses.quickEdit',
  summary: 'Set the author and add categories for several courses',
  kind: 'write',
  method: 'POST',
  route: 'api/course/quickEdit',
  input: z.object({
    course_ids: idList.min(1, { error: 'The course ids field is required.' }),
    author_id: id.nullish(),
    categories_id: idList.max(100).optional(),
  }),
  output: returns<{ message: string }>(),
  sync: { entity: 'course', refs: { course_ids: 'course', author_id: 'user', categories_id: 'category' } },
})

export const coursesDropdownList = defineOperation({
  name: 'courses.dropdownList',
  summary: 'Courses with the seats a group uses in each',
  kind: 'read',
  method: 'GET',
  route: 'api/courses/dropdownlist',
  input: z.object({ group_id: id.optional() }),
  output: returns<{ id: number; name: string; used_seats: number | null; total_seats: number | null }[]>(),
})

export const coursesAutoEnrollCourses = defineOperation({
  name: 'courses.autoEnrollCourses',
  summary: 'Courses every new user is enrolled into',
  kind: 'read',
  method: 'GET',
  route: 'api/courses/auto-enroll-courses',
  input: z.object({ order_by: orderByParam(['created_at', 'name', 'id'] as const).optional() }),
  output: returns<{ value: string; label: string }[]>(),
})

export const coursesAutoEnrollUpdate = defineOperation({
  name: 'courses.autoEnrollUpdate',
  summary: 'Replace the auto-enroll courses',
  kind: 'write',
  method: 'POST',
  route: 'api/courses/auto-enroll-courses/update',
  // An empty list clears them.
  input: z.object({ id: idList.max(1000) }),
  output: returns<{ message: string; type: string; title: string }>(),
  sync: { entity: 'course', refs: { id: 'course' } },
})

const enrollmentAction = {
  id,
  enrollmentIds: idList.min(1, { error: 'The enrollment ids field is required.' }),
}

export const coursesReset = defineOperation({
  name: 'courses.reset',
  summary: 'Reset the progress of enrollments of a course',
  kind: 'write',
  method: 'POST',
  route: 'api/course/reset/{id}',
  input: z.object(enrollmentAction),
  output: returns<{ message: string }>(),
  sync: { entity: 'enrollment', refs: { id: 'course', enrollmentIds: 'enrollment' } },
})

export const coursesRevoke = defineOperation({
  name: 'courses.revoke',
  summary: 'Revoke the access of enrollments of a course',
  kind: 'write',
  method: 'PUT',
  route: 'api/course/revoke/{id}',
  input: z.object(enrollmentAction),
  output: returns<{ message: string }>(),
  sync: { entity: 'enrollment', refs: { id: 'course', enrollmentIds: 'enrollment' } },
})

export const coursesGrant = defineOperation({
  name: 'courses.grant',
  summary: 'Grant the access of enrollments of a course again',
  kind: 'write',
  method: 'PUT',
  route: 'api/course/grant/{id}',
  input: z.object(enrollmentAction),
  output: returns<{ message: string }>(),
  sync: { entity: 'enrollment', refs: { id: 'course', enrollmentIds: 'enrollment' } },
})

export const coursesSetExpiry = defineOperation({
  name: 'courses.setExpiry',
  summary: 'Set (or clear, with no date) the access expiry of enrollments of a course',
  kind: 'write',
  method: 'PUT',
  route: 'api/course/setExpiry/{id}',
  input: z.object({
    ...enrollmentAction,
    expiryDate: z
      .string({ error: 'The expiry date must be a date.' })
      .max(40)
      .nullish()
      .transform((v, ctx) => {
        if (v === undefined || v === null || v.trim() === '') return null
        const date = new Date(v.trim().replace(' ', 'T'))
        if (Number.isNaN(date.getTime())) {
          ctx.addIssue({ code: 'custom', message: 'The expiry date is not a valid date.' })
          return z.NEVER
        }
        return date.toISOString()
      }),
  }),
  output: returns<{ message: string }>(),
  sync: { entity: 'enrollment', refs: { id: 'course', enrollmentIds: 'enrollment' } },
})

export const courseAdminOperations = [
  coursesUpdateSlug,
  coursesClone,
  coursesQuickEdit,
  coursesDropdownList,
  coursesAutoEnrollCourses,
  coursesAutoEnrollUpdate,
  coursesReset,
  coursesRevoke,
  coursesGrant,
  coursesSetExpiry,
] as const
