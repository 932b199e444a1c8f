// How many submissions each status has under the other filters (for the status switch):
// four one-row reads of the queue's list, kept current by the data layer.
import { useMemo } from 'react'
import { useLmsQuery } from '../../data/queries'
import { searchParam, type GradingFilters, type StatusFilter } from './filters'
import type { StatusCounts } from './StatusSwitch'

function useCount(filters: GradingFilters, status: StatusFilter): number | null {
  return useLmsQuery('courses.allSubmissions', { page_size: 1, page_number: 1, search_param: searchParam(filters, status) }, { keepPrevious: true }).data?.recordsFiltered ?? null
}

export function useStatusCounts(filters: GradingFilters): StatusCounts {
  const ungraded = useCount(filters, 'ungraded')
  const graded = useCount(filters, 'graded')
  const rejected = useCount(filters, 'rejected')
  const all = useCount(filters, '')
  return useMemo(() => ({ ungraded, graded, rejected, all }), [ungraded, graded, rejected, all])
}
