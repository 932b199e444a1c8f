// Adapters for the operations of the foundation and grading: users, courses, their
// enrollments, assignment and discussion modules, submissions and evaluations.
import type { Sql } from '../../engine/db/sql'
import { findInList, idFromBody, lookupRead, type AdapterContext, type Lookup, type SyncAdapter } from '../adapter-kit'

const userByEmail = (ctx: AdapterContext, email: string): Promise<Lookup> =>
  findInList(
    ctx,
    'users.tabularList',
    { page_size: 50, page_number: 1, search_param: JSON.stringify({ nameOrEmail: email }) },
    (r) => String(r.email).toLowerCase() === email.toLowerCase(),
  )

const courseBySlug = (ctx: AdapterContext, name: string, slug: string): Promise<Lookup> =>
  findInList(
    ctx,
    'courses.tabularList',
    { page_size: 100, page_number: 1, search_param: JSON.stringify({ courseName: name }) },
    (r) => r.slug === slug,
  )

const moduleByName = (ctx: AdapterContext, listOperation: string, name: string): Promise<Lookup> =>
  findInList(
    ctx,
    listOperation,
    {
      page_size: 100,
      page_number: 1,
      order_by: JSON.stringify({ colName: 'id', direction: 'desc' }),
      search_param: JSON.stringify({ moduleName: name }),
    },
    (r) => r.name === name,
  )

/** The enrollment of a (server) user in a (server) course, found through the course's enrolled students. */
const enrollmentOf = (ctx: AdapterContext, serverCourseId: number, email: string, serverUserId: number): Promise<Lookup> =>
  findInList(
    ctx,
    'courses.enrolledStudents',
    { course_id: serverCourseId, page_size: 50, page_number: 1, search_param: JSON.stringify({ nameOrEmail: email }) },
    (r) => r.user_id === serverUserId,
  )

function localEmail(sql: Sql, localUserId: number): string | undefined {
  return sql.first(sql.qb.selectFrom('users').select('email').where('id', '=', localUserId))?.email
}

const enrollment: SyncAdapter = {
  kind: 'create',
  // course/enroll answers only a message: the enrollment is found afterwards, and found the same way when unsure.
  async serverIdAfterSuccess(ctx, record, sent) {
    return this.reconcile!(ctx, record, sent)
  },
  async reconcile(ctx, record, sent) {
    const localUser = (record.input.studentIds as number[] | undefined)?.[0]
    const serverUser = (sent.studentIds as number[] | undefined)?.[0]
    if (serverUser === undefined) return undefined
    const email = localUser !== undefined ? localEmail(ctx.sql, localUser) : undefined
    if (email) {
      const found = await enrollmentOf(ctx, Number(sent.id), email, serverUser)
      if (found !== undefined) return found
    }
    // The local user may be gone or hold another email than the hosted LMS (a parked create
    // retried with a corrected address): search by the email the hosted LMS has for that user.
    const user = await lookupRead<{ email?: unknown }>(ctx, 'users.get', { id: serverUser })
    if (user === 'unknown' || user === 'unauthorized') return user
    if (typeof user?.email !== 'string' || user.email.toLowerCase() === email?.toLowerCase()) return undefined
    return enrollmentOf(ctx, Number(sent.id), user.email, serverUser)
  },
}

export const coreAdapters: Record<string, SyncAdapter> = {
  'users.create': {
    kind: 'create',
    serverIdAfterSuccess: idFromBody,
    reconcile: (ctx, _record, sent) => userByEmail(ctx, String(sent.email)),
  },
  'users.update': { kind: 'update' },
  'users.updatePassword': { kind: 'update' },
  'users.quickEdit': { kind: 'update' },
  'users.delete': { kind: 'delete' },
  'courses.create': {
    kind: 'create',
    serverIdAfterSuccess: idFromBody,
    reconcile: (ctx, _record, sent) => courseBySlug(ctx, String(sent.name), String(sent.slug)),
  },
  'courses.update': { kind: 'update' },
  'courses.delete': { kind: 'delete' },
  'courses.enroll': enrollment,
  'courses.remove': { kind: 'delete' },
  'courses.progressUpdate': { kind: 'update' },
  'courses.launch': { kind: 'update' },
  'assignments.create': {
    kind: 'create',
    serverIdAfterSuccess: idFromBody,
    reconcile: (ctx, _record, sent) => moduleByName(ctx, 'assignments.list', String(sent.name)),
  },
  'assignments.update': { kind: 'update' },
  'discussions.create': {
    kind: 'create',
    serverIdAfterSuccess: idFromBody,
    reconcile: (ctx, _record, sent) => moduleByName(ctx, 'discussions.list', String(sent.name)),
  },
  'discussions.update': { kind: 'update' },
  // A submission is appended; its own id is never referenced later, so nothing is mapped.
  'assignments.submit': { kind: 'update' },
  // Absolute values: sending an evaluation again sets the same grade.
  'assignments.evaluate': { kind: 'update' },
}
