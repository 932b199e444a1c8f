// Pickers over more rows than a dropdown can hold (every user or course of a site): the
// first matches of what is typed, how many match in all (a real count, so the picker can
// say "1,204 users match; 20 shown"), and chosen values by id, for their labels. App
// operations (no documented route, POST /app/<name>); the documented lookups answer every
// row at once, which is right for an export but not for a box that is typed into.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id, intLike } from '../contract/list-params'

export interface PickedUser {
  id: number
  firstName: string
  lastName: string
  email: string
  /** Whether the user is registered in the class asked about (`classId`); absent otherwise. */
  inClass?: boolean
}

export interface PickedCourse {
  id: number
  name: string
}

export interface Picked<T> {
  /** How many rows match in all; `options` are the first `limit` of them. */
  total: number
  options: T[]
}

const pickerInput = {
  /** Name (or email) text to search for; all rows when empty. */
  search: z.string().max(255).optional(),
  /** Only these rows: the labels of values already chosen (an announcement's recipients). */
  ids: z.array(id).max(5000, { error: 'At most 5000 ids can be named.' }).optional(),
  limit: intLike('limit', 1, 5000).default(20),
}

export const usersPick = defineOperation({
  name: 'users.pick',
  summary: 'Users for a picker: the first matches of a name or email, in name order, and how many match',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({
    ...pickerInput,
    /** Leaves out the course's learners (enrolling). */
    notInCourse: id.optional(),
    /** Says of each user whether they are registered in this class (walk-ins). */
    classId: id.optional(),
  }),
  output: returns<Picked<PickedUser>>(),
})

export const coursesPick = defineOperation({
  name: 'courses.pick',
  summary: 'Courses for a picker: the first matches of a name, in name order, and how many match',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({
    ...pickerInput,
    /** Only courses that have classes (the attendance screen's filter). */
    withClasses: z.boolean().optional(),
  }),
  output: returns<Picked<PickedCourse>>(),
})

export const pickerOperations = [usersPick, coursesPick] as const
