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

/**
 * What a look-up on the hosted LMS found: the server id, `undefined` when the server
 * answered that there is no such row, 'unknown' when it did not answer (timeout, 5xx,
 * 429), 'unauthorized' when it refused the token. Only `undefined` allows sending a create
 * again: a failed look-up proves nothing.
 */
export type Lookup = number | undefined | 'unknown' | 'unauthorized'

export interface SyncAdapter {
  kind: 'create' | 'update' | 'delete'
  /** For creates: the server id in a successful answer, or found afterwards when the answer has none. */
  serverIdAfterSuccess?(ctx: AdapterContext, record: QueuedRecord, sentInput: Record<string, unknown>, body: unknown): Promise<Lookup>
  /** For creates whose earlier attempt has no known outcome: the server id of the row if it exists already. */
  reconcile?(ctx: AdapterContext, record: QueuedRecord, sentInput: Record<string, unknown>): Promise<Lookup>
}

type Row = Record<string, unknown>
type Page = { records?: Row[] }

/** A read for a look-up: its body; `undefined` when refused (the row cannot exist); why there is no answer otherwise. */
async function lookupRead<T>(ctx: AdapterContext, name: string, input: Record<string, unknown>): Promise<T | undefined | 'unknown' | 'unauthorized'> {
  const outcome = await ctx.client.call(name, input)
  if (outcome.kind === 'ok') return outcome.body as T
  if (outcome.kind === 'unauthorized') return 'unauthorized'
  return outcome.kind === 'refused' ? undefined : 'unknown'
}

const idFromBody = async (_ctx: AdapterContext, _record: QueuedRecord, _input: Record<string, unknown>, body: unknown) => {
  const id = (body as { id?: unknown })?.id
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined
}

async function userByEmail(ctx: AdapterContext, email: string): Promise<Lookup> {
  const page = await lookupRead<Page>(ctx, 'users.tabularList', {
    page_size: 50,
    page_number: 1,
    search_param: JSON.stringify({ nameOrEmail: email }),
  })
  if (page === 'unknown' || page === 'unauthorized') return page
  const match = page?.records?.find((r) => String(r.email).toLowerCase() === email.toLowerCase())
  return typeof match?.id === 'number' ? match.id : undefined
}

async function courseBySlug(ctx: AdapterContext, name: string, slug: string): Promise<Lookup> {
  const page = await lookupRead<Page>(ctx, 'courses.tabularList', {
    page_size: 100,
    page_number: 1,
    search_param: JSON.stringify({ courseName: name }),
  })
  if (page === 'unknown' || page === 'unauthorized') return page
  const match = page?.records?.find((r) => r.slug === slug)
  return typeof match?.id === 'number' ? match.id : undefined
}

async function moduleByName(ctx: AdapterContext, listOperation: string, name: string): Promise<Lookup> {
  const page = await lookupRead<Page>(ctx, listOperation, {
    page_size: 100,
    page_number: 1,
    order_by: JSON.stringify({ colName: 'id', direction: 'desc' }),
    search_param: JSON.stringify({ moduleName: name }),
  })
  if (page === 'unknown' || page === 'unauthorized') return page
  const match = page?.records?.find((r) => r.name === name)
  return typeof match?.id === 'number' ? match.id : undefined
}

/** The enrollment of a (server) user in a (server) course, found through the course's enrolled students. */
async function enrollmentOf(ctx: AdapterContext, serverCourseId: number, email: string, serverUserId: number): Promise<Lookup> {
  const page = await lookupRead<Page>(ctx, 'courses.enrolledStudents', {
    course_id: serverCourseId,
    page_size: 50,
    page_number: 1,
    search_param: JSON.stringify({ nameOrEmail: email }),
  })
  if (page === 'unknown' || page === 'unauthorized') return page
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
