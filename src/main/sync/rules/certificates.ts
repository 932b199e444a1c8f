// Rules for certificate templates (found by name) and issued certificates (one per learner
// and course, found among the learner's certificates).
import { findInList, type Lookup } from '../lookups'
import { idInAnswer, keptByServer, type RuleContext, type Sent, type SyncRule } from './rule'

const templateByName = (ctx: RuleContext, name: string): Promise<Lookup> =>
  findInList(
    ctx.client,
    'templates',
    { order_by: JSON.stringify({ colName: 'id', direction: 'desc' }), search_param: JSON.stringify({ templateName: name }) },
    (r) => r.name === name,
  )

/** The learner's certificate for the course it was issued for (GET user-certificates/{id}, matched by courseId). */
async function issuedCertificate(ctx: RuleContext, localEnrollments: unknown, sent: Sent): Promise<Lookup> {
  const localEnrollment = Array.isArray(localEnrollments) ? (localEnrollments[0] as number | undefined) : undefined
  if (localEnrollment === undefined) return undefined
  const enrollment = ctx.sql.first(ctx.sql.qb.selectFrom('enrollments').select('user_id').where('id', '=', localEnrollment))
  const serverUser = enrollment ? ctx.serverId('user', enrollment.user_id) : undefined
  if (serverUser === undefined) return undefined
  const serverCourse = Number(sent.id)
  return findInList(ctx.client, 'certificatesOfUser', { id: serverUser, order_by: JSON.stringify({ colName: 'created_at', direction: 'desc' }) }, (r) => r.courseId === serverCourse)
}

export const certificateRules = {
  'certificateTemplates.create': {
    kind: 'create',
    idFromAnswer: idInAnswer,
    confirm: { via: 'GET certificate_templates/tabularlist (search_param templateName)', find: (ctx, _r, sent) => templateByName(ctx, String(sent.name)) },
  },
  'certificateTemplates.update': { kind: 'update', supersedes: true },
  'certificateTemplates.quickEdit': { kind: 'update' },
  'certificateTemplates.delete': { kind: 'delete', kept: keptByServer, gone: /invalid|not found|does not exist/i },
  'courses.assignCertificate': {
    kind: 'create',
    // The answer names no certificate: it is found among the learner's certificates.
    confirm: { via: 'GET user-certificates/{id} (the learner\'s certificates), matched by courseId', find: (ctx, record, sent) => issuedCertificate(ctx, record.input.enrollmentIds, sent) },
  },
  'userCertificates.updateIssueDate': { kind: 'update', supersedes: true },
  'userCertificates.delete': { kind: 'delete', gone: /invalid|not found|does not exist/i },
} satisfies {
  [N in
    | 'certificateTemplates.create'
    | 'certificateTemplates.update'
    | 'certificateTemplates.quickEdit'
    | 'certificateTemplates.delete'
    | 'courses.assignCertificate'
    | 'userCertificates.updateIssueDate'
    | 'userCertificates.delete']: SyncRule<N>
}
