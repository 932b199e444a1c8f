// How many submissions each status has under the other filters (for the status switch),
// and the queue and counts kept fresh when writes happen elsewhere (sync, another window).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { lms } from '../../api/client'
import { searchParam, type GradingFilters, type StatusFilter } from './filters'
import type { StatusCounts } from './SubmissionQueue'

export function useStatusCounts(filters: GradingFilters): StatusCounts & { reload(): void } {
  const [counts, setCounts] = useState<StatusCounts>({ ungraded: null, graded: null, rejected: null, all: null })
  const [reloads, setReloads] = useState(0)
  const latest = useRef(0)
  const key = JSON.stringify(searchParam(filters, ''))
  useEffect(() => {
    const request = ++latest.current
    const count = (status: StatusFilter) =>
      lms.call('courses.allSubmissions', { page_size: 1, page_number: 1, search_param: searchParam(filtersFromKey(key), status) }).then((p) => p.recordsFiltered)
    Promise.all([count('ungraded'), count('graded'), count('rejected'), count('')])
      .then(([ungraded, graded, rejected, all]) => {
        if (request === latest.current) setCounts({ ungraded, graded, rejected, all })
      })
      .catch(() => undefined)
  }, [key, reloads])
  const reload = useCallback(() => setReloads((n) => n + 1), [])
  return useMemo(() => ({ ...counts, reload }), [counts, reload])
}

/** The filters back from their search_param key (the counts depend on nothing else). */
function filtersFromKey(key: string): GradingFilters {
  const p = JSON.parse(key) as ReturnType<typeof searchParam>
  return {
    status: '',
    courseId: p.courseId ?? null,
    moduleId: p.moduleId ?? null,
    type: p.type ?? '',
    unsyncedOnly: p.unsyncedOnly ?? false,
    sort: 'oldest',
    search: p.nameOrEmail ?? '',
  }
}

/** Writes elsewhere (sync sending grades, another window) change rows' sync state and counts. */
export function useRefreshOnChanges(refreshQueue: () => Promise<void>, reloadCounts: () => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = lms.subscribe('changes', () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        void refreshQueue()
        reloadCounts()
      }, 250)
    })
    return () => {
      clearTimeout(timer)
      stop()
    }
  }, [refreshQueue, reloadCounts])
}
