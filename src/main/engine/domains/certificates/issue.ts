// Issuing certificates: one per learner and course, with a unique code, an expiry from
// the course's certificateExpiresAfter months, and a frozen copy of the template and of
// the printed values, so editing the template later never changes an issued certificate.
// Used by course/assignCertificate here and by class/assignCertificate in classes.
import { randomBytes } from 'node:crypto'
import type { EngineContext } from '../../context'
import type { CourseRow } from '../../db/schema'
import type { Sql } from '../../db/sql'
import { invalid } from '../../errors'
import { requireCourse } from '../courses/index'
import { courseTemplate, templateData, type TemplateRow } from './templates'
import { customFieldValues } from './keys'
import { expiryOf, frozenValues } from './values'
import type { Reason } from '../../../../shared/contract/result'
import { englishReason, type ReasonKey, type ReasonValues } from '../../reasons'
import { fullName } from '../users/index'

export interface IssueRequest {
  courseId: number
  userIds: number[]
  /**
   * Set when a class issues: the caller has decided the learner finished the class, so
   * course completion is not required (course enrollment still is).
   */
  classId?: number | null
}

export interface IssueOutcome {
  issued: number
  skipped: { userId: number; reason: string; reasonCode: Reason }[]
  /** The certificates written, for change records and answers. */
  certificates: { id: number; userId: number; code: string }[]
}

// Crockford base32 without I, L, O, U: codes read aloud or typed from paper stay unambiguous.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function newCertificateCode(): string {
  const bytes = randomBytes(12)
  let out = ''
  for (let i = 0; i < 12; i++) out += CODE_ALPHABET[bytes[i] & 31]
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`
}

export function uniqueCode(sql: Sql): string {
  for (;;) {
    const code = newCertificateCode()
    if (!sql.first(sql.qb.selectFrom('user_certificates').select('id').where('code', '=', code))) return code
  }
}

/** One issued certificate row with its frozen template copy and values; answers its id. */
export function writeCertificate(
  sql: Sql,
  c: {
    userId: number
    user: { first_name: string; last_name: string }
    course: CourseRow
    template: TemplateRow
    snapshot: string
    issuedAt: Date
    expiresAt: string | null
    code: string
    classId: number | null
  },
): number {
  return sql.run(
    sql.qb.insertInto('user_certificates').values({
      user_id: c.userId,
      course_id: c.course.id,
      class_id: c.classId,
      template_id: c.template.id,
      template_version: c.template.version,
      template_snapshot: c.snapshot,
      field_values: JSON.stringify({ ...frozenValues(sql, c.user, c.course, c.code), ...customFieldValues(sql, c.userId) }),
      code: c.code,
      issued_at: c.issuedAt.toISOString(),
      expires_at: c.expiresAt,
      created_at: c.issuedAt.toISOString(),
    }),
  ).lastInsertRowid
}

/** Why a learner got no certificate: the English the API answers, with its reason code. */
const skipReason = (key: ReasonKey, values: ReasonValues) => ({ reason: englishReason(key, values), reasonCode: { key, values } })

/** Runs inside the caller's write transaction; records no change (the calling operation does). */
export function issueCertificates(ctx: EngineContext, request: IssueRequest): IssueOutcome {
  const course = requireCourse(ctx, request.courseId)
  const template = courseTemplate(ctx, course.certificate_templates)
  if (!template) {
    throw invalid('id', 'reason.course_without_template', { course: course.name })
  }
  const snapshot = JSON.stringify(templateData(template))
  const issuedAt = ctx.now()
  const expiresAt = expiryOf(issuedAt, course.certificate_expires_after)
  const outcome: IssueOutcome = { issued: 0, skipped: [], certificates: [] }
  for (const userId of [...new Set(request.userIds)]) {
    const user = ctx.sql.first(ctx.qb.selectFrom('users').select(['id', 'first_name', 'last_name']).where('id', '=', userId))
    if (!user) {
      outcome.skipped.push({ userId, ...skipReason('reason.issue.no_user', { id: String(userId) }) })
      continue
    }
    const enrollment = ctx.sql.first(
      ctx.qb.selectFrom('enrollments').select(['status']).where('course_id', '=', course.id).where('user_id', '=', userId),
    )
    const name = fullName(user)
    if (!enrollment) {
      outcome.skipped.push({ userId, ...skipReason('reason.issue.not_enrolled', { name, course: course.name }) })
      continue
    }
    if (!request.classId && enrollment.status !== 'Completed') {
      outcome.skipped.push({ userId, ...skipReason('reason.issue.not_completed', { name, course: course.name }) })
      continue
    }
    const held = ctx.sql.first(
      ctx.qb.selectFrom('user_certificates').select('code').where('user_id', '=', userId).where('course_id', '=', course.id),
    )
    if (held) {
      outcome.skipped.push({ userId, ...skipReason('reason.issue.holds', { name, code: held.code, course: course.name }) })
      continue
    }
    const code = uniqueCode(ctx.sql)
    const id = writeCertificate(ctx.sql, { userId, user, course, template, snapshot, issuedAt, expiresAt, code, classId: request.classId ?? null })
    ctx.courseActivity({ courseId: course.id, userId, studentName: name, verb: 'ACHIEVED CERTIFICATE', message: `${name} has achieved the certificate of ${course.name}` })
    outcome.issued++
    outcome.certificates.push({ id, userId, code })
  }
  return outcome
}
