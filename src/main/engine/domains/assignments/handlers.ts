import { FILE_TYPE_EXTENSIONS, type FileTypeName } from '../../../../shared/contract/files'
import { MAX_UPLOAD_MB, type SubmissionEntry } from '../../../../shared/operations/assignments'
import type { EngineContext } from '../../context'
import { parseUploadUrl } from '../../../../shared/contract/files'
import { fail, invalid } from '../../errors'
import { dateText } from '../../format'
import { defineHandlers } from '../../handlers'
import { assertFileAllowed, requireUpload, storeUpload } from '../../files/uploads'
import { requireCourse } from '../courses/index'
import { listModules } from '../courses/index'
import { insertLibraryModule, libraryList, libraryRecord, libraryRows, requireModule, updateLibraryModule } from '../modules/index'
import { defineList } from '../../define-list'
import { applyEvaluation, gradingTarget, writeActivity } from '../grading/index'
import { progressOf, recomputeEnrollment, requireEnrollment } from '../progress/index'
import { fullName } from '../users/index'

const parseTypes = (json: string) => JSON.parse(json) as FileTypeName[]

/**
 * A status row's submissions, each with the evaluation made of it (the newest not undone),
 * and the row's evaluations newest first. The learner's view (details) and the grader's
 * (submissions) answer the same entries.
 */
function submissionHistory(ctx: EngineContext, statusRowId: number) {
  const submissions = ctx.sql.all(ctx.qb.selectFrom('submissions').selectAll().where('status_row_id', '=', statusRowId).orderBy('id'))
  const evaluations = ctx.sql.all(ctx.qb.selectFrom('evaluations').selectAll().where('status_row_id', '=', statusRowId).orderBy('id', 'desc'))
  const evaluationOf = new Map<number, (typeof evaluations)[number]>()
  for (const e of evaluations) if (e.submission_id !== null && !e.undone_at && !evaluationOf.has(e.submission_id)) evaluationOf.set(e.submission_id, e)
  const entries: SubmissionEntry[] = submissions.map((s) => {
    const e = evaluationOf.get(s.id)
    return {
      id: s.id,
      file_path: s.file_url ?? '',
      student_message: s.content,
      instructor_message: e?.message ?? null,
      points_awarded: e?.points ?? null,
      evaluated_by: e?.evaluated_by ?? '',
      submitted_on: dateText(s.submitted_at),
      evaluated_on: e ? dateText(e.evaluated_at) : '',
    }
  })
  return { entries, evaluations }
}

export const assignmentHandlers = defineHandlers({
  ...defineList('assignments.list', {
    ...libraryList,
    query: (ctx) => libraryRows(ctx, 'assignment'),
    records: (rows) => rows.map((m) => ({ ...libraryRecord(m), submissionType: m.submission_type ?? 'text' })),
  }),

  'assignments.create'(ctx, input) {
    const id = insertLibraryModule(ctx, 'assignment', {
      name: input.name,
      content: input.content,
      total_points: input.totalPoints,
      submission_type: input.submission_type,
      allowed_filetypes: JSON.stringify(input.submission_type === 'file' ? input.allowed_filetypes : []),
      should_be_evaluated: 1,
      min_comments: null,
    })
    ctx.recordChange({
      localId: id,
      input: { name: input.name, content: input.content, submission_type: input.submission_type, totalPoints: input.totalPoints, allowed_filetypes: JSON.stringify(input.allowed_filetypes) },
    })
    return { id, message: 'Module saved successfully' }
  },

  'assignments.update'(ctx, input) {
    const current = requireModule(ctx, input.id, 'assignment')
    const allowed = JSON.stringify(input.submission_type === 'file' ? input.allowed_filetypes : [])
    const changed = updateLibraryModule(ctx, current, {
      name: input.name,
      content: input.content,
      total_points: input.totalPoints,
      submission_type: input.submission_type,
      allowed_filetypes: allowed,
    })
    if (changed) {
      ctx.recordChange({
        localId: current.id,
        input: { id: current.id, name: input.name, content: input.content, submission_type: input.submission_type, totalPoints: input.totalPoints, allowed_filetypes: allowed },
      })
    }
    return { message: 'Module updated successfully' }
  },

  'assignments.get'(ctx, input) {
    const m = requireModule(ctx, input.id, 'assignment')
    const types = parseTypes(m.allowed_filetypes)
    return {
      name: m.name,
      slug: m.slug,
      content: m.content ?? '',
      totalPoints: m.total_points ?? 0,
      submission_type: m.submission_type ?? 'text',
      allowed_filetypes: types.length ? types : [''],
    }
  },

  'assignments.details'(ctx, input) {
    const enrollment = requireEnrollment(ctx, input.registrationId)
    const course = requireCourse(ctx, enrollment.course_id)
    if (!listModules(ctx, course.id).some((p) => p.module_id === input.moduleId)) {
      throw invalid('moduleId', 'reason.module_not_in_course', { id: String(input.moduleId), course: course.name })
    }
    const m = ctx.sql.first(ctx.qb.selectFrom('modules').selectAll().where('id', '=', input.moduleId))
    if (!m) throw invalid('moduleId', 'reason.module_missing', { id: String(input.moduleId) })
    const progress = progressOf(ctx, enrollment, m.id)
    const current = progress.find((p) => p.module_id === m.id)
    const index = progress.findIndex((p) => p.module_id === m.id)
    const statusRowId = current?.status_row_id ?? -1
    const types = parseTypes(m.allowed_filetypes)
    return {
      name: m.name,
      slug: m.slug,
      content: m.content ?? '',
      courseName: course.name,
      courseSlug: course.slug,
      totalPoints: m.total_points ?? 0,
      submissionType: m.submission_type ?? 'text',
      maxUploadSize: MAX_UPLOAD_MB,
      min_time_spent: 0,
      allowedFileTypes: types.flatMap((t) => FILE_TYPE_EXTENSIONS[t].map((e) => `.${e}`)).join(',') || '.',
      otherModules: progress,
      launchCheck: { canbeLaunched: enrollment.access_status === 'Allowed', errTitle: '', errDesc: enrollment.access_status === 'Allowed' ? '' : 'Your access to this course was revoked.' },
      prevSlug: index > 0 ? progress[index - 1].slug : '',
      nextSlug: index >= 0 && index < progress.length - 1 ? progress[index + 1].slug : '',
      status: current?.status ?? 'Not Started',
      statusRowId,
      timeSpent: null,
      // With the instructor's message and points of each evaluated one: what a learner whose
      // work was rejected needs to see before submitting again.
      prevSubmission: statusRowId > 0 ? submissionHistory(ctx, statusRowId).entries : [],
    }
  },

  'assignments.submissions'(ctx, input) {
    const target = gradingTarget(ctx, input.statusRowId)
    const { row, module, enrollment } = target
    const course = requireCourse(ctx, enrollment.course_id)
    const user = ctx.sql.first(ctx.qb.selectFrom('users').select(['id', 'first_name', 'last_name', 'email']).where('id', '=', enrollment.user_id))
    const content = ctx.sql.first(ctx.qb.selectFrom('modules').select('content').where('id', '=', module.id))?.content ?? ''
    const { entries, evaluations } = submissionHistory(ctx, row.id)
    return {
      courseId: course.id,
      courseName: course.name,
      assignmentName: module.name,
      moduleId: module.id,
      moduleType: module.type,
      status: row.status,
      content,
      totalPoints: module.total_points ?? 0,
      minComments: module.type === 'discussion' ? module.min_comments : null,
      student: user ? { id: user.id, name: fullName(user), email: user.email } : { id: enrollment.user_id, name: `User ${enrollment.user_id}`, email: '' },
      submissions: entries,
      evaluations: evaluations.map((e) => ({
        id: e.id,
        points_awarded: e.points,
        instructor_message: e.message,
        is_accepted: e.accepted === 1,
        evaluated_by: e.evaluated_by,
        evaluated_on: e.evaluated_at,
        undone: e.undone_at !== null,
      })),
    }
  },

  'assignments.submit'(ctx, input) {
    const target = gradingTarget(ctx, input.statusRowId)
    const { row, module, enrollment } = target
    if (module.type !== 'assignment') throw invalid('statusRowId', 'reason.module_not_assignment', { module: module.name, type: module.type })
    if (enrollment.access_status !== 'Allowed') throw invalid('statusRowId', 'reason.access_revoked')
    if (row.status === 'Completed') throw invalid('statusRowId', 'reason.assignment_accepted_already', { module: module.name })
    const library = ctx.sql.first(ctx.qb.selectFrom('modules').select(['submission_type', 'allowed_filetypes']).where('id', '=', module.id))
    let kind: 'text' | 'file' = 'text'
    let fileUrl: string | null = null
    if (library?.submission_type === 'file' && parseUploadUrl(input.submission.trim())) {
      const file = requireUpload(ctx, input.submission.trim())
      assertFileAllowed(file.name, null, parseTypes(library.allowed_filetypes))
      kind = 'file'
      fileUrl = input.submission.trim()
    }
    const at = ctx.nowIso()
    const { lastInsertRowid: submissionId } = ctx.sql.run(
      ctx.qb.insertInto('submissions').values({
        status_row_id: row.id,
        kind,
        content: kind === 'text' ? input.submission : null,
        file_url: fileUrl,
        submitted_at: at,
      }),
    )
    ctx.sql.run(
      ctx.qb
        .updateTable('module_status')
        .set({
          status: 'Submitted',
          started_at: row.started_at ?? at,
          last_accessed_at: at,
          last_submitted_at: at,
          submission_count: row.submission_count + 1,
          updated_at: at,
        })
        .where('id', '=', row.id),
    )
    // A submission after a rejection is a retake of the module, then a submission like any other.
    if (row.status === 'Rejected') writeActivity(ctx, target, 'RETAKE')
    writeActivity(ctx, target, 'SUBMITTED')
    recomputeEnrollment(ctx, enrollment.id)
    ctx.recordChange({ localId: submissionId, input: { statusRowId: row.id, submission: input.submission } })
    return { message: 'Assignment submitted successfully' }
  },

  'assignments.upload'(ctx, input) {
    const file =
      typeof input.file === 'string'
        ? { name: 'submission.txt', bytes: Buffer.from(input.file, 'utf8') }
        : { name: input.file.name, bytes: Buffer.from(input.file.contentBase64, 'base64') }
    if (input.statusRowId !== undefined) {
      const { module } = gradingTarget(ctx, input.statusRowId)
      const library = ctx.sql.first(ctx.qb.selectFrom('modules').select(['submission_type', 'allowed_filetypes']).where('id', '=', module.id))
      if (library?.submission_type !== 'file') throw invalid('statusRowId', 'reason.assignment_takes_text', { module: module.name })
      assertFileAllowed(file.name, file.bytes, parseTypes(library.allowed_filetypes))
    }
    const stored = storeUpload(ctx, file.name, file.bytes)
    return { s3_url: stored.url, sha256: stored.sha256, size: stored.size, name: stored.name }
  },

  'assignments.evaluate'(ctx, input) {
    const target = gradingTarget(ctx, input.statusRowId)
    const applied = applyEvaluation(ctx, target, input.evaluation)
    if (!applied) {
      const current = ctx.sql.first(ctx.qb.selectFrom('evaluations').select('id').where('status_row_id', '=', target.row.id).where('undone_at', 'is', null).orderBy('id', 'desc').limit(1))
      if (!current) throw fail('internal', 'reason.evaluation_unreadable')
      return { message: 'Assignment evaluated successfully', evaluationId: current.id, status: target.row.status }
    }
    return { message: 'Assignment evaluated successfully', evaluationId: applied.evaluationId, status: applied.status }
  },
})
