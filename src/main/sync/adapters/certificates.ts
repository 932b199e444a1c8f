// Adapters for certificate templates and issued certificates. A template's natural key
// is its name; an issued certificate is one per learner and course, found in the
// learner's certificates on the hosted LMS.
import { findInList, idFromBody, type AdapterContext, type Lookup, type QueuedRecord, type SyncAdapter } from '../adapter-kit'

const templateByName = (ctx: AdapterContext, name: string): Promise<Lookup> =>
  findInList(
    ctx,
    'certificateTemplates.tabularList',
    { page_size: 100, page_number: 1, order_by: JSON.stringify({ colName: 'id', direction: 'desc' }), search_param: JSON.stringify({ templateName: name }) },
    (r) => r.name === name,
  )

/** The hosted certificate of the record's learner for the course it was sent for. */
async function issuedCertificate(ctx: AdapterContext, record: QueuedRecord, sent: Record<string, unknown>): Promise<Lookup> {
  const localEnrollment = (record.input.enrollmentIds as number[] | undefined)?.[0]
  if (localEnrollment === undefined) return undefined
  const enrollment = ctx.sql.first(ctx.sql.qb.selectFrom('enrollments').select('user_id').where('id', '=', localEnrollment))
  const serverUser = enrollment ? ctx.serverId('user', enrollment.user_id) : undefined
  if (serverUser === undefined) return undefined
  const serverCourse = Number(sent.id)
  return findInList(
    ctx,
    'userCertificates.list',
    { id: serverUser, page_size: 100, page_number: 1, order_by: JSON.stringify({ colName: 'created_at', direction: 'desc' }) },
    (r) => r.courseId === serverCourse,
  )
}

export const certificateAdapters: Record<string, SyncAdapter> = {
  'certificateTemplates.create': {
    kind: 'create',
    serverIdAfterSuccess: idFromBody,
    reconcile: (ctx, _record, sent) => templateByName(ctx, String(sent.name)),
  },
  'certificateTemplates.update': { kind: 'update' },
  'certificateTemplates.quickEdit': { kind: 'update' },
  'certificateTemplates.delete': { kind: 'delete' },
  // The answer names no id: the certificate is found afterwards, and found the same way when unsure.
  'courses.assignCertificate': {
    kind: 'create',
    serverIdAfterSuccess: (ctx, record, sent) => issuedCertificate(ctx, record, sent),
    reconcile: (ctx, record, sent) => issuedCertificate(ctx, record, sent),
  },
  'userCertificates.updateIssueDate': { kind: 'update' },
  'userCertificates.delete': { kind: 'delete' },
}
