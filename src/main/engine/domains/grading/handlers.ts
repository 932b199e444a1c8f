import type { EngineContext } from '../../context'
import { invalid, notFound } from '../../errors'
import { defineHandlers } from '../../handlers'
import { hasNeverAttempted } from '../../outbox'
import { recomputeEnrollment, requireStatusRow } from '../progress/index'
import { applyEvaluation, currentEvaluation, gradingTarget } from './evaluate'

const hasUnsentChange = (ctx: EngineContext, entity: string, localId: number) => hasNeverAttempted(ctx.sql, entity, localId)

export const gradingHandlers = defineHandlers({
  'grading.draftGet'(ctx, input) {
    const draft = ctx.sql.first(ctx.qb.selectFrom('grading_drafts').selectAll().where('status_row_id', '=', input.statusRowId))
    return draft ? { statusRowId: draft.status_row_id, points: draft.points, message: draft.message, updatedAt: draft.updated_at } : null
  },

  'grading.draftSave'(ctx, input) {
    requireStatusRow(ctx, input.statusRowId)
    const updatedAt = ctx.nowIso()
    ctx.sql.run(
      ctx.qb
        .insertInto('grading_drafts')
        .values({ status_row_id: input.statusRowId, points: input.points, message: input.message, updated_at: updatedAt })
        .onConflict((oc) => oc.column('status_row_id').doUpdateSet({ points: input.points, message: input.message, updated_at: updatedAt })),
    )
    return { statusRowId: input.statusRowId, points: input.points, message: input.message, updatedAt }
  },

  'grading.draftClear'(ctx, input) {
    const { changes } = ctx.sql.run(ctx.qb.deleteFrom('grading_drafts').where('status_row_id', '=', input.statusRowId))
    return { cleared: changes > 0 }
  },

  'grading.undoEvaluation'(ctx, input) {
    const evaluation = ctx.sql.first(ctx.qb.selectFrom('evaluations').selectAll().where('id', '=', input.evaluationId))
    if (!evaluation) throw notFound('reason.evaluation_not_found', { id: String(input.evaluationId) })
    if (evaluation.undone_at) throw invalid('evaluationId', 'reason.evaluation_undone_already')
    if (currentEvaluation(ctx, evaluation.status_row_id)?.id !== evaluation.id) {
      throw invalid('evaluationId', 'reason.evaluation_not_latest')
    }
    const previous = ctx.sql.first(
      ctx.qb
        .selectFrom('evaluations')
        .selectAll()
        .where('status_row_id', '=', evaluation.status_row_id)
        .where('id', '<', evaluation.id)
        .where('undone_at', 'is', null)
        .orderBy('id', 'desc')
        .limit(1),
    )
    // Never sent: the hosted LMS has not seen it, so dropping the queued change is exact.
    const unsent = hasUnsentChange(ctx, 'evaluation', evaluation.id)
    if (!unsent && !previous) {
      throw invalid('evaluationId', 'reason.evaluation_sent_already')
    }
    const at = ctx.nowIso()
    ctx.sql.run(ctx.qb.updateTable('evaluations').set({ undone_at: at }).where('id', '=', evaluation.id))
    const target = gradingTarget(ctx, evaluation.status_row_id)
    if (unsent) ctx.dropUnsentChanges('evaluation', evaluation.id)
    if (unsent && !previous) {
      ctx.sql.run(
        ctx.qb
          .updateTable('module_status')
          .set({ status: 'Submitted', points_awarded: null, evaluated_by_id: null, evaluated_at: null, completed_at: null, updated_at: at })
          .where('id', '=', target.row.id),
      )
      recomputeEnrollment(ctx, target.enrollment.id)
      return { message: 'Evaluation undone; the submission is ungraded again.', status: 'Submitted', restoredEvaluationId: null, resent: false }
    }
    const prior = previous as NonNullable<typeof previous>
    const restoredStatus = prior.accepted ? 'Completed' : 'Rejected'
    if (unsent) {
      ctx.sql.run(
        ctx.qb
          .updateTable('module_status')
          .set({
            status: restoredStatus,
            points_awarded: prior.points,
            evaluated_by_id: prior.evaluated_by_id,
            evaluated_at: prior.evaluated_at,
            completed_at: prior.accepted ? (target.row.completed_at ?? prior.evaluated_at) : null,
            updated_at: at,
          })
          .where('id', '=', target.row.id),
      )
      recomputeEnrollment(ctx, target.enrollment.id)
      return { message: 'Evaluation undone; the previous grade is back.', status: restoredStatus, restoredEvaluationId: prior.id, resent: false }
    }
    // Already sent: bring the previous grade back as a new evaluation the hosted LMS will receive.
    applyEvaluation(
      ctx,
      target,
      { instructorMessage: prior.message, pointsAwarded: prior.points, isAccepted: prior.accepted === 1 },
      { restores: prior.id },
    )
    return { message: 'Evaluation undone; the previous grade is back and will be sent again.', status: restoredStatus, restoredEvaluationId: prior.id, resent: true }
  },
})
