// Data of their own for the tests that type fast or repeat (--repeat-each): a course of
// assignments with learners who submitted, and a class of today with its learners, all
// made through the documented routes of the running server (nothing written by hand).
import type { Page } from '@playwright/test'
import { api, unique, uniqueEmail } from './helpers'

export interface QueueRow {
  status_row_id: number
  registration_id: number
  first_name: string
  last_name: string
  module_name: string
  total_points: number | null
  grading_status: string
  points_awarded: number | null
}

const PASSWORD = 'long enough password'

async function createLearners(page: Page, count: number, tag: string): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const { id } = await api<{ id: number }>(page, 'POST', '/api/user/create', {
      firstName: `Learner ${String(i + 1).padStart(2, '0')}`,
      lastName: unique(tag),
      email: uniqueEmail(tag),
      password: PASSWORD,
      password_confirmation: PASSWORD,
    })
    ids.push(id)
  }
  return ids
}

/**
 * A course with one assignment per maximum and `learners` learners who each submitted
 * every assignment. Answers the course id.
 */
export async function gradingCourse(page: Page, maxima: readonly number[], learners: number): Promise<number> {
  const tag = unique('speed')
  const moduleIds: number[] = []
  for (const [i, totalPoints] of maxima.entries()) {
    const { id } = await api<{ id: number }>(page, 'POST', '/api/modules/assignment', {
      name: `Task ${i + 1} of ${tag} (out of ${totalPoints})`,
      content: '<p>Write your answer.</p>',
      submission_type: 'text',
      totalPoints,
    })
    moduleIds.push(id)
  }
  const { id: courseId } = await api<{ id: number }>(page, 'POST', '/api/course', {
    name: `Speed grading ${tag}`,
    slug: `speed-grading-${tag.toLowerCase()}`,
    status: 'publish',
    gradingRule: 'no_grading',
    durationRule: 'unlimited',
    modules: moduleIds.map((module_id) => ({ module_id })),
  })
  const userIds = await createLearners(page, learners, tag)
  await api(page, 'POST', `/api/course/enroll/${courseId}`, { studentIds: userIds })
  const { records } = await api<{ records: { id: number }[] }>(page, 'GET', `/api/course/enrolled-students?course_id=${courseId}&page_size=100`)
  for (const registration of records) {
    const launched = await api<{ modules: { status_row_id: number }[] }>(page, 'GET', `/api/courses/launch?registrationId=${registration.id}`)
    for (const m of launched.modules) {
      await api(page, 'POST', '/api/module/assignment/submit', { statusRowId: m.status_row_id, submission: 'My answer, in full sentences.' })
    }
  }
  return courseId
}

/** The course's grading queue as the screen asks for it (oldest first), through the documented route. */
export async function queueRows(page: Page, courseId: number, status: 'ungraded' | '' = ''): Promise<QueueRow[]> {
  const search = encodeURIComponent(JSON.stringify({ courseId, status: status || undefined }))
  const order = encodeURIComponent(JSON.stringify({ colName: 'submitted_on', direction: 'asc' }))
  const { records } = await api<{ records: QueueRow[] }>(page, 'GET', `/api/course/all-submissions?page_size=100&order_by=${order}&search_param=${search}`)
  return records
}

export interface ClassLearner {
  id: number
  user_id: number
  name: string
  status: string
}

/**
 * A class of course 1 with `learners` learners. Answers its id. It is a month ahead, so that
 * it never becomes the class the screen opens by itself (today's 40-learner class stays so);
 * the tests open it by its id.
 */
export async function classWithLearners(page: Page, learners: number): Promise<number> {
  const tag = unique('room')
  const start = new Date(Date.now() + 30 * 86_400_000)
  const end = new Date(start.getTime() + 3 * 3_600_000)
  const { id } = await api<{ id: number }>(page, 'POST', '/api/class/create', {
    courseId: 1,
    instructor: 1,
    location: 2,
    type: 'onetime',
    starttime: start.toISOString(),
    endTime: end.toISOString(),
  })
  const userIds = await createLearners(page, learners, tag)
  await api(page, 'POST', `/api/class/enroll/${id}`, { studentIds: userIds })
  return id
}

/** The class's learners and their stored statuses, through the documented route. */
export async function classLearners(page: Page, classId: number): Promise<ClassLearner[]> {
  const order = encodeURIComponent(JSON.stringify({ colName: 'id', direction: 'asc' }))
  const { records } = await api<{ records: ClassLearner[] }>(page, 'GET', `/api/class/enrolled-students?class_id=${classId}&page_size=100&order_by=${order}`)
  return records
}

/**
 * `count` users made by one bulk upload (fast), named "Learner <tag> 0001"... so they sort
 * by number, and `last` (a name that sorts after them all, email <tag>.last@...) when given;
 * registered in `classIds` when given. Answers the tag and the emails in name order.
 */
export async function manyUsers(page: Page, count: number, last?: { first_name: string; last_name: string }, classIds?: number[]): Promise<{ tag: string; emails: string[] }> {
  const tag = unique('big')
  const userList = Array.from({ length: count }, (_, i) => ({ email: `${tag}.${i}@example.org`.toLowerCase(), first_name: 'Learner', last_name: `${tag} ${String(i).padStart(4, '0')}` }))
  if (last) userList.push({ email: `${tag}.last@example.org`.toLowerCase(), ...last })
  await api(page, 'POST', '/api/user/bulkUpload', { userList, ...(classIds ? { classIds } : {}) })
  return { tag, emails: userList.map((u) => u.email) }
}

/**
 * A class a month ahead with `learners` learners (manyUsers), and `last` when given.
 * Answers the class id, the tag and the learners' emails in roster order.
 */
export async function bigClass(page: Page, learners: number, last?: { first_name: string; last_name: string }): Promise<{ classId: number; tag: string; emails: string[] }> {
  const start = new Date(Date.now() + 31 * 86_400_000)
  const { id: classId } = await api<{ id: number }>(page, 'POST', '/api/class/create', {
    courseId: 1,
    instructor: 1,
    location: 2,
    type: 'onetime',
    starttime: start.toISOString(),
    endTime: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
  })
  return { classId, ...(await manyUsers(page, learners, last, [classId])) }
}
