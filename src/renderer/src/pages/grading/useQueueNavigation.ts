// Moving through the grading queue from the open submission: next and previous (J, K),
// first and last, ten at a time, and the next ungraded one. The open submission stays open
// when it leaves the list (graded under "Ungraded"); `anchor` remembers where it was so
// the moves continue from there.
import { useEffect, useRef } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import type { ServerWindow } from '../../hooks/useServerWindow'
import { t } from '../../i18n'
import type { GradingFilters } from './filters'

const PAGE_JUMP = 10

interface QueueNavigationOptions {
  queue: ServerWindow<SubmissionRecord>
  filters: GradingFilters
  current: SubmissionRecord | null
  requestOpen(row: SubmissionRecord): void
  announce(text: string): void
}

export function useQueueNavigation({ queue, filters, current, requestOpen, announce }: QueueNavigationOptions) {
  const anchor = useRef(-1)
  const queryKey = JSON.stringify(filters)
  useEffect(() => {
    anchor.current = -1
  }, [queryKey])
  useEffect(() => {
    // Read again here: a new query empties the list in an effect that ran just before this one.
    const index = current ? queue.indexOf(current.status_row_id) : -1
    if (index >= 0) anchor.current = index
  })

  /** The row `delta` places from the open one (from where it was, if it left the list). */
  const neighbour = async (delta: 1 | -1): Promise<SubmissionRecord | undefined> => {
    if (!current) return queue.fetchRow(0)
    const index = queue.indexOf(current.status_row_id)
    // Not in the list: its old place now holds the row after it (or, after a filter change, start at the top).
    let target = index >= 0 ? index + delta : anchor.current < 0 ? (delta > 0 ? 0 : -1) : delta > 0 ? anchor.current : anchor.current - 1
    let row = await queue.fetchRow(target)
    if (row && row.status_row_id === current.status_row_id) {
      target += delta
      row = await queue.fetchRow(target)
    }
    return target < 0 ? undefined : row
  }

  const moveBy = async (delta: 1 | -1) => {
    const row = await neighbour(delta)
    if (row) requestOpen(row)
    else announce(delta > 0 ? t('grading.lastInList') : t('grading.firstInList'))
  }

  const goTo = async (index: number) => {
    const total = queue.total ?? 0
    if (!total) return
    const row = await queue.fetchRow(Math.max(0, Math.min(total - 1, index)))
    if (row) requestOpen(row)
  }

  const jump = (delta: 1 | -1) => {
    const from = current ? Math.max(queue.indexOf(current.status_row_id), anchor.current, 0) : 0
    return goTo(from + delta * PAGE_JUMP)
  }

  const nextUngraded = async () => {
    const total = queue.total ?? 0
    if (filters.status === 'graded' || filters.status === 'rejected' || total === 0) {
      announce(t('grading.noUngraded'))
      return
    }
    const index = current ? queue.indexOf(current.status_row_id) : -1
    const start = !current ? 0 : index >= 0 ? index + 1 : Math.max(0, anchor.current)
    for (let step = 0; step < total; step++) {
      const row = await queue.fetchRow((start + step) % total)
      if (row && row.grading_status === 'ungraded' && row.status_row_id !== current?.status_row_id) {
        requestOpen(row)
        return
      }
    }
    announce(t('grading.noOtherUngraded'))
  }

  return { neighbour, moveBy, goTo, jump, nextUngraded }
}
