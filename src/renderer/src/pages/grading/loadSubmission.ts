// What opening a submission loads: its details (with its evaluations) and the learner's
// gradebook for the course, each with its own error, so one failing still shows the other.
import type { OpOutput } from '../../../../shared/operations/index'
import type { Gradebook } from '../../../../shared/operations/progress'
import { lms } from '../../api/client'
import { errorMessage } from '../../lib/errors'
import { EMPTY_VALUES, type GradeValues } from './gradeValues'

export type SubmissionDetail = OpOutput<'assignments.submissions'>

export interface Loaded {
  rowId: number | null
  detail: SubmissionDetail | null
  detailError: string | null
  gradebook: Gradebook | null
  gradebookError: string | null
}

export const NOTHING: Loaded = { rowId: null, detail: null, detailError: null, gradebook: null, gradebookError: null }

export async function loadSubmission(id: number, registration: number): Promise<Loaded> {
  const [detail, gradebook] = await Promise.allSettled([
    lms.call('assignments.submissions', { statusRowId: id }),
    lms.call('courses.gradebook', { id: registration }),
  ])
  return {
    rowId: id,
    detail: detail.status === 'fulfilled' ? detail.value : null,
    detailError: detail.status === 'rejected' ? errorMessage(detail.reason) : null,
    gradebook: gradebook.status === 'fulfilled' ? gradebook.value : null,
    gradebookError: gradebook.status === 'rejected' ? errorMessage(gradebook.reason) : null,
  }
}

/** The current (newest, not undone) evaluation of a submission. */
export function currentEvaluation(detail: SubmissionDetail | null) {
  if (!detail || (detail.status !== 'Completed' && detail.status !== 'Rejected')) return null
  return detail.evaluations.find((e) => !e.undone) ?? null
}

/** What the fields show when nothing is typed: the current grade, or empty. */
export function baselineOf(detail: SubmissionDetail | null): GradeValues {
  const current = currentEvaluation(detail)
  return current ? { points: String(current.points_awarded), message: current.instructor_message ?? '' } : EMPTY_VALUES
}
