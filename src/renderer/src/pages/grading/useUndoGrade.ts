// Undoing the session's last grade: the engine restores the evaluation before it (or none),
// the screen says which, and the submission is shown as it is now.
import { useState, type Dispatch, type SetStateAction } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { LmsCallError, lms } from '../../api/client'
import type { ServerWindow } from '../../hooks/useServerWindow'
import { t } from '../../i18n'
import { notifyError } from '../../lib/notify'
import { useGradingSession } from './session'
import type { GradingSubmission } from './useGradingSubmission'

interface UndoGradeOptions {
  current: SubmissionRecord | null
  setCurrent: Dispatch<SetStateAction<SubmissionRecord | null>>
  sub: GradingSubmission
  queue: ServerWindow<SubmissionRecord>
  requestOpen(row: SubmissionRecord): void
  announce(text: string): void
}

export function useUndoGrade({ current, setCurrent, sub, queue, requestOpen, announce }: UndoGradeOptions) {
  const [undoing, setUndoing] = useState(false)

  const undo = async () => {
    const grade = useGradingSession.getState().grades.at(-1)
    if (!grade || undoing) return
    setUndoing(true)
    try {
      const result = await lms.call('grading.undoEvaluation', { evaluationId: grade.evaluationId })
      useGradingSession.getState().remove(grade.evaluationId)
      // The engine's message is the API's English; the screen says the same in its own words.
      const what = result.restoredEvaluationId === null ? 'grading.undone.ungraded' : result.resent ? 'grading.undone.resent' : 'grading.undone.previous'
      announce(t(what, { learner: grade.learner, module: grade.moduleName }))
      void queue.refresh()
      const restored: SubmissionRecord = {
        ...grade.row,
        status: result.status,
        grading_status: result.status === 'Completed' ? 'graded' : result.status === 'Rejected' ? 'rejected' : 'ungraded',
      }
      if (current?.status_row_id === grade.statusRowId) {
        setCurrent(restored)
        void sub.reload({ resetTo: sub.values })
      } else requestOpen(restored)
    } catch (error) {
      // A grade already sent to the hosted LMS cannot be taken back; it leaves the undo list.
      if (error instanceof LmsCallError && error.code === 'validation') useGradingSession.getState().remove(grade.evaluationId)
      notifyError(error, t('grading.undoFailed'))
    } finally {
      setUndoing(false)
    }
  }

  return { undo, undoing }
}
