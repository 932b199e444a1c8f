// A course's learners for issuing certificates: paged, searched and counted on the server
// (a course may have tens of thousands; no page or picker stops at a fixed number), and
// issuing to everyone who finished by server-side selection, a batch a call, so the screen
// shows progress and nothing is left out by what a page happened to hold.
import { expressionBuilder, sql as rawSql, type ExpressionBuilder } from 'kysely'
import { coursesAssignCertificate, type CandidateShow } from '../../../../shared/operations/certificates'
import type { EngineContext } from '../../context'
import type { DB } from '../../db/schema'
import { defineHandlers } from '../../handlers'
import { nameOrEmailMatches } from '../../list'
import { defineList } from '../../define-list'
import { requireCourse } from '../courses/index'
import { fullName } from '../users/index'
import { issueCertificates } from './issue'

type Scope = ExpressionBuilder<DB, 'enrollments' | 'users' | 'user_certificates'>

/** The course's enrollments with their learner and certificate (if any). */
function scope(ctx: EngineContext, courseId: number) {
  return ctx.qb
    .selectFrom('enrollments')
    .innerJoin('users', 'users.id', 'enrollments.user_id')
    .leftJoin('user_certificates', (join) =>
      join.onRef('user_certificates.user_id', '=', 'enrollments.user_id').onRef('user_certificates.course_id', '=', 'enrollments.course_id'),
    )
    .where('enrollments.course_id', '=', courseId)
}

function shown(show: CandidateShow) {
  return (eb: Scope) => {
    if (show === 'finished') return eb('enrollments.status', '=', 'Completed')
    if (show === 'issuable') return eb.and([eb('enrollments.status', '=', 'Completed'), eb('user_certificates.id', 'is', null)])
    if (show === 'holders') return eb('user_certificates.id', 'is not', null)
    return eb.lit(true)
  }
}

/** Counts over the whole course, one pass. */
function counts(ctx: EngineContext, courseId: number) {
  const row = ctx.sql.first(
    scope(ctx, courseId).select([
      rawSql<number>`count(*)`.as('enrolled'),
      rawSql<number>`coalesce(sum(enrollments.status = 'Completed'), 0)`.as('finished'),
      rawSql<number>`coalesce(sum(enrollments.status = 'Completed' AND user_certificates.id IS NULL), 0)`.as('issuable'),
      rawSql<number>`count(user_certificates.id)`.as('holders'),
    ]),
  )
  return { enrolled: Number(row?.enrolled ?? 0), finished: Number(row?.finished ?? 0), issuable: Number(row?.issuable ?? 0), holders: Number(row?.holders ?? 0) }
}

/** The first `limit` learners who finished and hold no certificate of the course, in name order. */
function nextIssuable(ctx: EngineContext, courseId: number, limit: number) {
  return ctx.sql.all(
    scope(ctx, courseId)
      .select(['enrollments.id', 'enrollments.user_id'])
      .where(shown('issuable'))
      .orderBy('users.first_name_key')
      .orderBy('users.last_name_key')
      .orderBy('enrollments.id')
      .limit(limit),
  )
}

export const candidateHandlers = defineHandlers({
  ...defineList('certificates.candidates', {
    sort: { name: 'users.first_name_key', status: 'enrollments.status', completedAt: 'enrollments.completed_at', issuedAt: 'user_certificates.issued_at' },
    thenBy: { name: 'users.last_name_key' },
    defaultOrder: { colName: 'name', direction: 'asc' },
    tieBreaker: 'enrollments.id',
    fromNearerEnd: true,
    // The page is found by sorting only ids (a big course sorts thousands of rows; narrow rows
    // sort fast; deep pages from the nearer end), then its rows are read; the counts come from one pass.
    query: (ctx, input) => {
      const course = requireCourse(ctx, input.courseId)
      const filters = input.search_param ?? {}
      const show = filters.show ?? 'all'
      const all = counts(ctx, course.id)
      return {
        total: scope(ctx, course.id).select('enrollments.id'),
        rows: scope(ctx, course.id).select('enrollments.id as enrollment_id'),
        known: { recordsTotal: all.enrolled, recordsFiltered: filters.nameOrEmail?.trim() ? undefined : show === 'all' ? all.enrolled : all[show] },
        found: { course, counts: all },
      }
    },
    filters: {
      nameOrEmail: (text) => (text.trim() ? nameOrEmailMatches(text.trim()) : undefined),
      show: (show) => (show === 'all' ? undefined : shown(show)(expressionBuilder<DB, 'enrollments' | 'users' | 'user_certificates'>())),
    },
    records: (shown, ctx, _input, { course }) => {
      const ids = shown.map((r) => r.enrollment_id)
      const rows = new Map(
        (ids.length
          ? ctx.sql.all(
              scope(ctx, course.id)
                .select([
                  'enrollments.id',
                  'enrollments.user_id',
                  'enrollments.status',
                  'enrollments.completed_at',
                  'users.first_name',
                  'users.last_name',
                  'users.email',
                  'user_certificates.id as certificate_id',
                  'user_certificates.code',
                  'user_certificates.issued_at',
                ])
                .where('enrollments.id', 'in', ids),
            )
          : []
        ).map((r) => [r.id, r]),
      )
      return ids.map((id) => {
        const r = rows.get(id)!
        return {
          enrollmentId: r.id,
          userId: r.user_id,
          name: fullName(r),
          email: r.email,
          status: r.status,
          completedAt: r.completed_at,
          certificateId: r.certificate_id,
          certificateCode: r.code,
          issuedAt: r.issued_at,
        }
      })
    },
    extra: ({ found: { course, counts } }, ctx) => {
      const templateIds = JSON.parse(course.certificate_templates) as number[]
      const template = templateIds.length ? ctx.sql.first(ctx.qb.selectFrom('certificate_templates').select('id').where('id', 'in', templateIds)) : undefined
      return { courseName: course.name, templateId: template?.id ?? null, counts }
    },
  }),


  'certificates.issueFinished'(ctx, input) {
    const course = requireCourse(ctx, input.courseId)
    const batch = nextIssuable(ctx, course.id, input.batchSize)
    // Called with no learners too: a course without a template is refused either way.
    const outcome = issueCertificates(ctx, { courseId: course.id, userIds: batch.map((e) => e.user_id) })
    const enrollmentOf = new Map(batch.map((e) => [e.user_id, e.id]))
    for (const c of outcome.certificates) {
      ctx.recordChange({ operation: coursesAssignCertificate, localId: c.id, input: { id: course.id, enrollmentIds: [enrollmentOf.get(c.userId)!] } })
    }
    return { issued: outcome.issued, skipped: outcome.skipped, remaining: counts(ctx, course.id).issuable }
  },
})
