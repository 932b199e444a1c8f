// Users group of the hosted API (the parts the foundation implements).
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { boolish, id, idList, listParams, type ListPage } from '../contract/list-params'
import { email, optionalString, password, requiredString } from '../contract/fields'

export const USER_TYPES = ['admin', 'owner', 'staff', 'group_admin', 'general'] as const
export type UserType = (typeof USER_TYPES)[number]
export const USER_TYPE_LABELS: Record<UserType, string> = {
  admin: 'Admin',
  owner: 'Owner',
  staff: 'Staff',
  group_admin: 'Group Admin',
  general: 'General',
}

export interface UserListRecord {
  id: number
  first_name: string
  last_name: string
  email: string
  avatar: string
  user_type: UserType
  display_user_type: string
  created_at: string
  last_login: string
  disabled: boolean
}

export interface UserDetails {
  id: number
  firstName: string
  lastName: string
  email: string
  lastLoggedIn: string
  avatar: string
  disabled: boolean
  userType: UserType
  customUserMetas: string[]
}

export interface EnrolledCourseRecord {
  id: number
  courseId: number
  featuredImageUrl: string | null
  courseSlug: string
  courseName: string
  lastAccessed: string
  status: string
  display_status: string
  accessStatus: string
  percentComplete: number
  registered_on: string
  started_on: string
  completed_on: string
  expire_on: string
  isExpired: boolean
}

const userColumns = ['id', 'first_name', 'last_name', 'email', 'user_type', 'created_at', 'last_login'] as const
export type UserSortColumn = (typeof userColumns)[number]

export const usersTabularList = defineOperation({
  name: 'users.tabularList',
  summary: 'Users in pages, sorted and filtered',
  kind: 'read',
  method: 'GET',
  route: 'api/users/tabularlist',
  input: z.object(
    listParams(
      userColumns,
      z.object({
        courseCategoryIds: z.array(z.union([z.number(), z.string()])).max(1000).optional(),
        courseName: z.string().max(255).optional(),
        nameOrEmail: z.string().max(255).optional(),
        userType: z.array(z.enum(USER_TYPES)).max(10).optional(),
      }),
    ),
  ),
  output: returns<ListPage<UserListRecord>>(),
})

export const usersLookup = defineOperation({
  name: 'users.lookup',
  summary: 'All users for dropdowns',
  kind: 'read',
  method: 'GET',
  route: 'api/users/lookup',
  input: z.object({}),
  output: returns<{ id: number; full_name: string; email: string }[]>(),
})

export const userTypesLookup = defineOperation({
  name: 'userTypes.lookup',
  summary: 'The user types',
  kind: 'read',
  method: 'GET',
  route: 'api/userType/lookup',
  input: z.object({}),
  output: returns<{ db_value: UserType; display_name: string }[]>(),
})

export const usersByType = defineOperation({
  name: 'users.byType',
  summary: 'Users of one type',
  kind: 'read',
  method: 'GET',
  route: 'api/users/getUsersByType',
  input: z.object({ userType: z.string().max(50).optional() }),
  output: returns<{ records: { id: number; name: string }[] }>(),
})

export const usersCreate = defineOperation({
  name: 'users.create',
  summary: 'Create a user',
  kind: 'write',
  method: 'POST',
  route: 'api/user/create',
  input: z
    .object({
      firstName: requiredString('first name'),
      lastName: optionalString('last name'),
      email: email(),
      password: password(),
      password_confirmation: z.string({ error: 'The password confirmation field is required.' }),
    })
    .superRefine((v, ctx) => {
      if (v.password !== v.password_confirmation) {
        ctx.addIssue({ code: 'custom', path: ['password'], message: 'The password confirmation does not match.', params: { reason: 'reason.field.password_mismatch' } })
      }
    }),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'user', refs: {} },
})

export const usersGet = defineOperation({
  name: 'users.get',
  summary: 'One user',
  kind: 'read',
  method: 'GET',
  route: 'api/user/{id}',
  input: z.object({ id }),
  output: returns<UserDetails>(),
})

export const usersUpdate = defineOperation({
  name: 'users.update',
  summary: 'Update a user',
  kind: 'write',
  method: 'PUT',
  route: 'api/user/{id}',
  input: z.object({
    id,
    firstName: requiredString('first name'),
    lastName: optionalString('last name'),
    email: email(),
    // lastLoggedIn and avatar are documented in the body but are computed by the server;
    // they are accepted (the web client echoes what GET returned) and ignored.
    lastLoggedIn: z.string().max(100).optional(),
    avatar: z.string().max(10_000).optional(),
    disabled: boolish.optional(),
    customUserMetas: z.array(z.string().max(1000)).max(200).optional(),
  }),
  output: returns<{ message: string }>(),
  sync: { entity: 'user', refs: { id: 'user' } },
})

export const usersUpdatePassword = defineOperation({
  name: 'users.updatePassword',
  summary: "Change a user's password",
  kind: 'write',
  method: 'PUT',
  route: 'api/user/updatePassword/{id}',
  // The documented example sends a confirmPassword that differs from password and
  // succeeds, so the API does not compare them; forms check the confirmation themselves.
  input: z.object({ id, password: password(), confirmPassword: z.string().max(200).optional() }),
  output: returns<{ message: string }>(),
  sync: { entity: 'user', refs: { id: 'user' } },
})

export const usersDelete = defineOperation({
  name: 'users.delete',
  summary: 'Delete users without enrollments',
  kind: 'write',
  method: 'POST',
  route: 'api/user/delete',
  input: z.object({ delete_ids: idList.min(1, { error: 'The delete ids field is required.' }) }),
  output: returns<{ message: string; deleted: number[]; notDeleted: number[] }>(),
  sync: { entity: 'user', refs: { delete_ids: 'user' } },
})

export const usersQuickEdit = defineOperation({
  name: 'users.quickEdit',
  summary: 'Enable or disable users and enroll them into courses',
  kind: 'write',
  method: 'POST',
  route: 'api/user/quickEdit',
  input: z.object({
    user_ids: idList.min(1, { error: 'The user ids field is required.' }),
    disabled: boolish,
    course_ids: idList.optional(),
  }),
  output: returns<{ message: string }>(),
  sync: { entity: 'user', refs: { user_ids: 'user', course_ids: 'course' } },
})

export const ENROLLMENT_STATUSES = ['Not Started', 'In Progress', 'Completed'] as const
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number]
/** The enrollment lists' status filter: any of the statuses. */
export const enrollmentStatusList = z.array(z.enum(ENROLLMENT_STATUSES)).max(3)

export const usersEnrolledCourses = defineOperation({
  name: 'users.enrolledCourses',
  summary: 'Courses a user is enrolled in',
  kind: 'read',
  method: 'GET',
  route: 'api/users/enrolled-courses',
  input: z.object({
    user_id: id,
    ...listParams(
      ['registered_on', 'courseName', 'status', 'percentComplete', 'lastAccessed', 'started_on', 'completed_on'] as const,
      z.object({
        status: enrollmentStatusList.optional(),
        courseName: z.string().max(255).optional(),
      }),
    ),
  }),
  output: returns<ListPage<EnrolledCourseRecord>>(),
})

export const userOperations = [
  usersTabularList,
  usersLookup,
  userTypesLookup,
  usersByType,
  usersCreate,
  usersGet,
  usersUpdate,
  usersUpdatePassword,
  usersDelete,
  usersQuickEdit,
  usersEnrolledCourses,
] as const
