// The grading queue: a window of pages over every submission the filters match (10,000
// and more), with the status counts beside it. Both follow writes made anywhere (a grade
// saved here, a sync, another window) through the data layer's entity changes.
import { useEffect, useRef } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { useEntityChanges } from '../../data/queries'
import { useServerWindow } from '../../hooks/useServerWindow'
import { loadQueuePage, type GradingFilters } from './filters'
import { useStatusCounts } from './useStatusCounts'

const QUEUE_PAGE_SIZE = 100
/** A burst of changes (a sync sending grades) refreshes the pages in view once. */
const REFRESH_DELAY_MS = 250

export function useGradingQueue(filters: GradingFilters) {
  const queue = useServerWindow<SubmissionRecord, GradingFilters>({
    query: filters,
    load: loadQueuePage,
    rowKey: (r) => r.status_row_id,
    pageSize: QUEUE_PAGE_SIZE,
  })
  const counts = useStatusCounts(filters)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const { refresh } = queue
  useEntityChanges('courses.allSubmissions', () => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void refresh(), REFRESH_DELAY_MS)
  })
  useEffect(() => () => clearTimeout(timer.current), [])
  return { queue, counts }
}
