// Evaluating a learner's submission. Every evaluation is kept; the newest that is not
// undone is the current one. Accepting completes the module, rejecting lets the learner
// submit again; the enrollment's completion follows.
import { assignmentsEvaluate, type EvaluationInput } from '../../../../shared/operations/assignments'
import type { EngineContext } from '../../context'
import { prepared } from '../../db/prepared'
import type { EvaluationRow, ModuleStatusRow } from '../../db/schema'
import { invalid } from '../../errors'
import { fullName, userNameOf } from '../users/index'
import { recomputeEnrollment, requireEnrollment, requireStatusRow } from '../progress/index'

export const GRADED_MODULE_TYPES = ['assignment', 'discussion'] as const

export interface GradingTarget {
  row: ModuleStatusRow
  module: { id: number; name: string; type: string; total_points: number | null; should_be_evaluated: number; min_comments: number | null }
  enrollment: ReturnType<typeof requireEnrollment>
}

// Grading's hot queries, compiled once (see prepared.ts): saving a grade runs them all.
const gradedModule = prepared((qb, id: number) =>
  qb.selectFrom('modules').select(['id', 'name', 'type', 'total_points', 'should_be_evaluated', 'min_comments']).where('id', '=', id),
)
const newestEvaluation = prepared((qb, statusRowId: number) =>
  qb.selectFrom('evaluations').selectAll().where('status_row_id', '=', statusRowId).where('undone_at', 'is', null).orderBy('id', 'desc').limit(1),
)
const dropDraft = prepared((qb, statusRowId: number) => qb.deleteFrom('grading_drafts').where('status_row_id', '=', statusRowId))
const newestSubmission = prepared((qb, statusRowId: number) =>
  qb.selectFrom('submissions').select('id').where('status_row_id', '=', statusRowId).orderBy('id', 'desc').limit(1),
)
const insertEvaluation = prepared(
  (
    qb,
    statusRowId: number,
    submissionId: number | null,
    points: number,
    message: string | null,
    accepted: number,
    byId: number | null,
    by: string,
    at: string,
    restores: number | null,
  ) =>
    qb.insertInto('evaluations').values({
      status_row_id: statusRowId,
      submission_id: submissionId,
      points,
      message,
      accepted,
      evaluated_by_id: byId,
      evaluated_by: by,
      evaluated_at: at,
      undone_at: null,
      restores_evaluation_id: restores,
    }),
)
const setGrade = prepared(
  (qb, status: string, points: number, byId: number | null, at: string, completedAt: string | null, id: number) =>
    qb.updateTable('module_status').set({ status, points_awarded: points, evaluated_by_id: byId, evaluated_at: at, completed_at: completedAt, updated_at: at }).where('id', '=', id),
)

export function gradingTarget(ctx: EngineContext, statusRowId: number): GradingTarget {
  const row = requireStatusRow(ctx, statusRowId)
  const module = ctx.sql.first(gradedModule(row.module_id))
  if (!module) throw invalid('statusRowId', 'reason.module_gone', { id: String(statusRowId) })
  return { row, module, enrollment: requireEnrollment(ctx, row.enrollment_id) }
}

/** The current evaluation of a status row: the newest one not undone. */
export function currentEvaluation(ctx: EngineContext, statusRowId: number): EvaluationRow | undefined {
  return ctx.sql.first(newestEvaluation(statusRowId))
}

function assertEvaluable(ctx: EngineContext, target: GradingTarget, evaluation: EvaluationInput): void {
  const { row, module } = target
  if (!(GRADED_MODULE_TYPES as readonly string[]).includes(module.type)) {
    throw invalid('statusRowId', 'reason.module_not_gradable', { module: module.name, type: module.type })
  }
  if (module.type === 'discussion' && !module.should_be_evaluated) {
    throw invalid('statusRowId', 'reason.discussion_not_evaluated', { module: module.name })
  }
  if (row.submission_count === 0) throw invalid('statusRowId', 'reason.no_submission')
  const max = module.total_points ?? 0
  if (!Number.isFinite(evaluation.pointsAwarded) || evaluation.pointsAwarded < 0 || evaluation.pointsAwarded > max) {
    throw invalid('evaluation.pointsAwarded', 'reason.points_range', { max: String(max) })
  }
  if (module.type === 'discussion' && evaluation.isAccepted && module.min_comments && row.submission_count < module.min_comments) {
    throw invalid('evaluation.isAccepted', 'reason.discussion_comments_needed', { module: module.name, needed: module.min_comments, has: row.submission_count })
  }
}

/**
 * Applies an evaluation. Returns null when it equals the current one (nothing changes,
 * nothing is queued). `restores` marks an undo that brings back an earlier evaluation.
 */
export function applyEvaluation(
  ctx: EngineContext,
  target: GradingTarget,
  evaluation: EvaluationInput,
  options: { restores?: number } = {},
): { evaluationId: number; status: string } | null {
  assertEvaluable(ctx, target, evaluation)
  const { row, enrollment } = target
  // Whatever was typed is now saved, even when it equals the current grade: a draft left
  // behind would be offered again as unsaved work after a reload.
  ctx.sql.run(dropDraft(row.id))
  const current = currentEvaluation(ctx, row.id)
  const status = evaluation.isAccepted ? 'Completed' : 'Rejected'
  // An undo that restores a grade always writes one: the hosted LMS holds the undone grade.
  if (
    options.restores === undefined &&
    current &&
    row.status === status &&
    current.points === evaluation.pointsAwarded &&
    (current.message ?? null) === (evaluation.instructorMessage ?? null) &&
    current.accepted === (evaluation.isAccepted ? 1 : 0)
  ) {
    return null
  }
  const actor = ctx.actor()
  const at = ctx.nowIso()
  const latestSubmission = ctx.sql.first(newestSubmission(row.id))
  const { lastInsertRowid: evaluationId } = ctx.sql.run(
    insertEvaluation(
      row.id,
      latestSubmission?.id ?? null,
      evaluation.pointsAwarded,
      evaluation.instructorMessage ?? null,
      evaluation.isAccepted ? 1 : 0,
      actor?.id ?? null,
      actor?.name ?? 'LMS Offline',
      at,
      options.restores ?? null,
    ),
  )
  ctx.sql.run(setGrade(status, evaluation.pointsAwarded, actor?.id ?? null, at, evaluation.isAccepted ? (row.completed_at ?? at) : null, row.id))
  writeActivity(ctx, target, evaluation.isAccepted ? 'EVALUATED' : 'REJECTED')
  recomputeEnrollment(ctx, enrollment.id)
  ctx.recordChange({
    operation: assignmentsEvaluate,
    localId: evaluationId,
    input: {
      statusRowId: row.id,
      evaluation: {
        instructorMessage: evaluation.instructorMessage ?? '',
        pointsAwarded: evaluation.pointsAwarded,
        isAccepted: evaluation.isAccepted,
      },
    },
  })
  return { evaluationId, status }
}

export function writeActivity(ctx: EngineContext, target: GradingTarget, verb: 'EVALUATED' | 'REJECTED' | 'SUBMITTED' | 'RETAKE'): void {
  const { enrollment, module } = target
  const user = ctx.sql.first(userNameOf(enrollment.user_id))
  const name = user ? fullName(user) : `User ${enrollment.user_id}`
  const message =
    verb === 'SUBMITTED'
      ? `${name} has submitted ${module.name}`
      : verb === 'RETAKE'
        ? `${name} is retaking ${module.name} after it was rejected`
        : verb === 'EVALUATED'
          ? `${module.name} of ${name} was evaluated`
          : `${module.name} of ${name} was rejected`
  ctx.courseActivity({ courseId: enrollment.course_id, userId: enrollment.user_id, studentName: name, verb, message })
}
