// Sending a grade to the engine; a grade that made a new evaluation joins the session's
// undo list.
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { lms } from '../../api/client'
import { learnerName } from './filters'
import { useGradingSession } from './session'

/** `points` as the API takes them (a decimal point); `before` is the current evaluation's id. */
export async function sendGrade(row: SubmissionRecord, grade: { points: string; message: string; accept: boolean }, before: number | null) {
  const { points, message, accept } = grade
  const result = await lms.call('assignments.evaluate', {
    statusRowId: row.status_row_id,
    evaluation: { instructorMessage: message.trim() ? message : null, pointsAwarded: points, isAccepted: accept },
  })
  const learner = learnerName(row)
  const changed = result.evaluationId !== before
  if (changed) {
    useGradingSession.getState().push({ evaluationId: result.evaluationId, statusRowId: row.status_row_id, learner, moduleName: row.module_name, accepted: accept, points, row })
  }
  return { result, learner, changed }
}
