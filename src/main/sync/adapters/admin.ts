// Adapters for user and course administration: custom user fields, addresses, membership,
// the new-account email, slug, clone, quick edit, auto-enroll courses and the bulk actions
// on enrollments. Every update sends absolute values, so a resend is harmless.
import { lookupRead, type AdapterContext, type Lookup, type QueuedRecord, type Row, type SyncAdapter } from '../adapter-kit'
import { mapIds } from '../id-map'

/** The hosted add-address answers only a message: the address is found in the user's list by its fields. */
async function addressOf(ctx: AdapterContext, sent: Record<string, unknown>): Promise<Lookup> {
  const list = await lookupRead<Row[]>(ctx, 'users.addresses', { id: sent.id })
  if (list === 'unknown' || list === 'unauthorized') return list
  const same = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '')
  const match = (list ?? [])
    .filter((a) => ['fullName', 'addressLine1', 'addressLine2', 'zipcode', 'city', 'state', 'country'].every((k) => same(a[k], sent[k])))
    .sort((a, b) => Number(b.id) - Number(a.id))[0]
  return typeof match?.id === 'number' ? match.id : undefined
}

/**
 * The hosted clone answers only a message: the clone is the newest course of that name that
 * no local course is mapped to yet.
 */
async function cloneOf(ctx: AdapterContext, sent: Record<string, unknown>): Promise<Lookup> {
  const name = String(sent.course_name)
  const page = await lookupRead<{ records?: Row[] }>(ctx, 'courses.tabularList', {
    page_size: 100,
    page_number: 1,
    order_by: JSON.stringify({ colName: 'id', direction: 'desc' }),
    search_param: JSON.stringify({ courseName: name }),
  })
  if (page === 'unknown' || page === 'unauthorized') return page
  const mapped = new Set(
    ctx.sql.all(ctx.sql.qb.selectFrom('id_map').select('server_id').where('entity', '=', 'course')).map((r) => r.server_id),
  )
  const match = (page?.records ?? []).find((r) => r.name === name && typeof r.id === 'number' && r.id !== sent.course_id && !mapped.has(r.id))
  return typeof match?.id === 'number' ? match.id : undefined
}

/**
 * A deep clone's module copies are made by each side on its own: once the clone is found,
 * the laptop's copies are mapped to the hosted copies placed at the same positions, so a
 * later edit of a copy is sent to the hosted copy (mapping again after a crash is harmless).
 */
async function mapDeepCopies(ctx: AdapterContext, record: QueuedRecord, sent: Record<string, unknown>, serverCourse: Lookup): Promise<Lookup> {
  if (typeof serverCourse !== 'number' || record.local_id === null || !sent.isDeepCopy) return serverCourse
  const course = await lookupRead<{ modules?: { module_id?: unknown }[] }>(ctx, 'courses.get', { id: serverCourse })
  if (course === 'unknown' || course === 'unauthorized' || !course?.modules) return serverCourse
  const local = ctx.sql.all(
    ctx.sql.qb.selectFrom('course_modules').select('module_id').where('course_id', '=', record.local_id).orderBy('position').orderBy('id'),
  )
  local.forEach(({ module_id }, i) => {
    const server = course.modules![i]?.module_id
    if (typeof server === 'number' && ctx.serverId('module', module_id) === undefined) mapIds(ctx.sql, 'module', module_id, server)
  })
  return serverCourse
}

export const adminAdapters: Record<string, SyncAdapter> = {
  'users.customUserFieldsUpdate': { kind: 'update' },
  'users.addAddress': {
    kind: 'create',
    serverIdAfterSuccess: (ctx, _record, sent) => addressOf(ctx, sent),
    reconcile: (ctx, _record, sent) => addressOf(ctx, sent),
  },
  'users.updateAddress': { kind: 'update' },
  'users.updateMembership': { kind: 'update' },
  // Sent again after an unknown outcome, the user may get the email twice; never zero times.
  'email.resendNewAccountEmail': { kind: 'update' },
  'courses.updateSlug': { kind: 'update' },
  'courses.clone': {
    kind: 'create',
    serverIdAfterSuccess: async (ctx, record, sent) => mapDeepCopies(ctx, record, sent, await cloneOf(ctx, sent)),
    reconcile: async (ctx, record, sent) => mapDeepCopies(ctx, record, sent, await cloneOf(ctx, sent)),
  },
  'courses.quickEdit': { kind: 'update' },
  'courses.autoEnrollUpdate': { kind: 'update' },
  'courses.reset': { kind: 'update' },
  'courses.revoke': { kind: 'update' },
  'courses.grant': { kind: 'update' },
  'courses.setExpiry': { kind: 'update' },
}
