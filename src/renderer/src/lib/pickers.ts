// What the server-search pickers (components/ServerSearchSelect) ask for users and courses:
// the first matches with the count of all matches (users.pick, courses.pick), and chosen
// values by id for their labels.
import type { OpInput } from '../../../shared/operations/index'
import type { PickedCourse, PickedUser } from '../../../shared/operations/pickers'
import { lms } from '../api/client'
import type { PickerOption, PickerPage } from '../components/ServerSearchSelect'

/** How many matches a picker offers unless it says otherwise. */
const SHOWN = 20

export const userLabel = (u: Pick<PickedUser, 'firstName' | 'lastName' | 'email'>) => `${`${u.firstName} ${u.lastName}`.trim()} (${u.email})`

const userOption = (u: PickedUser): PickerOption => ({ value: String(u.id), label: userLabel(u) })
const courseOption = (c: PickedCourse): PickerOption => ({ value: String(c.id), label: c.name })

type UserScope = Pick<OpInput<'users.pick'>, 'notInCourse' | 'classId'>

/** Users whose name or email holds the text, in name order. */
export const searchUsers =
  (scope: UserScope = {}) =>
  async (text: string, limit = SHOWN): Promise<PickerPage> => {
    const found = await lms.call('users.pick', { ...scope, search: text || undefined, limit })
    return { total: found.total, options: found.options.map(userOption) }
  }

export async function userLabels(values: string[]): Promise<PickerOption[]> {
  const ids = values.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0)
  return ids.length ? (await lms.call('users.pick', { ids, limit: ids.length })).options.map(userOption) : []
}

/** Courses whose name holds the text, in name order. */
export const searchCourses =
  (scope: Pick<OpInput<'courses.pick'>, 'withClasses'> = {}) =>
  async (text: string, limit = SHOWN): Promise<PickerPage> => {
    const found = await lms.call('courses.pick', { ...scope, search: text || undefined, limit })
    return { total: found.total, options: found.options.map(courseOption) }
  }

export async function courseLabels(values: string[]): Promise<PickerOption[]> {
  const ids = values.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0)
  return ids.length ? (await lms.call('courses.pick', { ids, limit: ids.length })).options.map(courseOption) : []
}

/** The name of one course, for a picker whose value was set from outside (the address). */
export async function courseName(id: number | null): Promise<string | null> {
  return id ? ((await courseLabels([String(id)]))[0]?.label ?? null) : null
}
