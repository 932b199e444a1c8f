// What sync must know per queued operation beyond its declaration: whether it creates,
// updates or deletes, how to read the server id a create answers, and how to find a
// create on the hosted LMS by its natural key when an earlier attempt's outcome is unknown.
import type { EntityName } from '../../shared/contract/operation'
import type { Sql } from '../engine/db/sql'
import type { HostedClient } from './hosted-client'

export interface QueuedRecord {
  id: number
  operation: string
  entity: string
  local_id: number | null
  input: Record<string, unknown>
}

export interface AdapterContext {
  sql: Sql
  client: HostedClient
  /** The server id mapped to a local id, if any. */
  serverId(entity: EntityName, localId: number): number | undefined
}

export interface SyncAdapter {
  kind: 'create' | 'update' | 'delete'
  /** For creates: the server id in a successful answer, or found afterwards when the answer has none. */
  serverIdAfterSuccess?(ctx: AdapterContext, record: QueuedRecord, sentInput: Record<string, unknown>, body: unknown): Promise<number | undefined>
  /** For creates whose earlier attempt has no known outcome: the server id of the row if it exists already. */
  reconcile?(ctx: AdapterContext, record: QueuedRecord, sentInput: Record<string, unknown>): Promise<number | undefined>
}

type Row = Record<string, unknown>
type Page = { records?: Row[] }

const idFromBody = async (_ctx: AdapterContext, _record: QueuedRecord, _input: Record<string, unknown>, body: unknown) => {
  const id = (body as { id?: unknown })?.id
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined
}

async function userByEmail(ctx: AdapterContext, email: string): Promise<number | undefined> {
  const page = await ctx.client.read<Page>('users.tabularList', {
    page_size: 50,
    page_number: 1,
    search_param: JSON.stringify({ nameOrEmail: email }),
  })
  const match = page?.records?.find((r) => String(r.email).toLowerCase() === email.toLowerCase())
  return typeof match?.id === 'number' ? match.id : undefined
}

async function courseBySlug(ctx: AdapterContext, name: string, slug: string): Promise<number | undefined> {
  const page = await ctx.client.read<Page>('courses.tabularList', {
    page_size: 100,
    page_number: 1,
    search_param: JSON.stringify({ courseName: name }),
  })
  const match = page?.records?.find((r) => r.slug === slug)
  return typeof match?.id === 'number' ? match.id : undefined
}

async function moduleByName(ctx: AdapterContext, listOperation: string, name: string): Promise<number | undefined> {
  const page = await ctx.client.read<Page>(listOperation, {
    page_size: 100,
    page_number: 1,
    order_by: JSON.stringify({ colName: 'id', direction: 'desc' }),
    search_param: JSON.stringify({ moduleName: name }),
  })
  const match = page?.records?.find((r) => r.name === name)
  return typeof match?.id === 'number' ? match.id : undefined
}

/** The enrollment of a (server) user in a (server) course, found through the course's enrolled students. */
async function enrollmentOf(ctx: AdapterContext, serverCourseId: number, email: string, serverUserId: number): Promise<number | undefined> {
  const page = await ctx.client.read<Page>('courses.enrolledStudents', {
    course_id: serverCourseId,
    page_size: 50,
    page_number: 1,
    search_param: JSON.stringify({ nameOrEmail: email }),
  })
  const match = page?.records?.find((r) => r.user_id === serverUserId)
  return typeof match?.id === 'number' ? match.id : undefined
}

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
    const email = localUser !== undefined ? localEmail(ctx.sql, localUser) : undefined
    if (!email || serverUser === undefined) return undefined
    return enrollmentOf(ctx, Number(sent.id), email, serverUser)
  },
}

export const ADAPTERS: Record<string, SyncAdapter> = {
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

export function adapterFor(operation: string): SyncAdapter {
  const adapter = ADAPTERS[operation]
  if (!adapter) throw new Error(`No sync adapter for ${operation}`)
  return adapter
}
