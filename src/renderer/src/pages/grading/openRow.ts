// Where the open submission stands in the queue, and which copy of it the panel shows.
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import type { ServerWindow } from '../../hooks/useServerWindow'

/**
 * The open row's index in the list (-1 when it left it, graded under "Ungraded") and the copy
 * to show: the list's is fresher (sync state) except just after a save, which patches `current`.
 */
export function openRowIn(queue: ServerWindow<SubmissionRecord>, current: SubmissionRecord | null) {
  const index = current ? queue.indexOf(current.status_row_id) : -1
  const listed = index >= 0 ? queue.rowAt(index) : undefined
  const shown = current && listed && listed.grading_status === current.grading_status ? listed : current
  return { index, shown }
}
