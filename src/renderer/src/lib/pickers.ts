// What the server-search pickers (components/ServerSearchSelect) ask for users and courses:
// the first matches with the count of all matches (users.pick, courses.pick), and chosen
// values by id for their labels. Searches are reads of the data layer, so an open picker
// follows the engine's changed events (a user created in another window is offered).
import type { OpInput } from '../../../shared/operations/index'
import type { PickedCourse, PickedUser } from '../../../shared/operations/pickers'
import type { PickerOption, PickerPage } from '../components/ServerSearchSelect'
import { fetchLms, lmsRead, type LmsRead } from '../data/queries'

/** How many matches a picker offers unless it says otherwise. */
const SHOWN = 20

export const userLabel = (u: Pick<PickedUser, 'firstName' | 'lastName' | 'email'>) => `${`${u.firstName} ${u.lastName}`.trim()} (${u.email})`

const userOption = (u: PickedUser): PickerOption => ({ value: String(u.id), label: userLabel(u) })
const courseOption = (c: PickedCourse): PickerOption => ({ value: String(c.id), label: c.name })

type UserScope = Pick<OpInput<'users.pick'>, 'notInCourse' | 'classId'>

/** Users whose name or email holds the text, in name order. */
export const searchUsers =
  (scope: UserScope = {}) =>
  (text: string, limit = SHOWN): LmsRead<PickerPage> =>
    lmsRead('users.pick', { ...scope, search: text || undefined, limit }, (found) => ({ total: found.total, options: found.options.map(userOption) }))

export async function userLabels(values: string[]): Promise<PickerOption[]> {
  const ids = values.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0)
  return ids.length ? (await fetchLms('users.pick', { ids, limit: ids.length })).options.map(userOption) : []
}

/** Courses whose name holds the text, in name order. */
export const searchCourses =
  (scope: Pick<OpInput<'courses.pick'>, 'withClasses'> = {}) =>
  (text: string, limit = SHOWN): LmsRead<PickerPage> =>
    lmsRead('courses.pick', { ...scope, search: text || undefined, limit }, (found) => ({ total: found.total, options: found.options.map(courseOption) }))

export async function courseLabels(values: string[]): Promise<PickerOption[]> {
  const ids = values.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0)
  return ids.length ? (await fetchLms('courses.pick', { ids, limit: ids.length })).options.map(courseOption) : []
}

/** The name of one course, for a picker whose value was set from outside (the address). */
export function courseNameRead(id: number): LmsRead<string | null> {
  return lmsRead('courses.pick', { ids: [id], limit: 1 }, (found) => found.options[0]?.name ?? null)
}
