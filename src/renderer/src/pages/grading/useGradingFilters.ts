// The grading queue's filters and the open submission, kept in the hash
// (#/grading?course=2&open=81) so a reload, the back button or a shared link shows the same
// queue with the same submission open (and its draft, which the engine keeps).
import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { replaceHashQuery, useNavigation } from '../../state/navigation'
import { filtersFromQuery, filtersToQuery, loadQueueRow, openFromQuery, type GradingFilters } from './filters'

export function useGradingFilters(openRowId: number | null) {
  const routeQuery = useNavigation((s) => s.route.query)
  const [filters, setFilters] = useState<GradingFilters>(() => filtersFromQuery(routeQuery))
  const [searchInput, setSearchInput] = useState(filters.search)
  const [debouncedSearch] = useDebouncedValue(searchInput.trim(), 300)
  const written = useRef(routeQuery)
  /** The submission the address asked to open when the page came up (a reload, a link). */
  const [openAsked, setOpenAsked] = useState(() => openFromQuery(routeQuery))

  // A hash query that did not come from this page (a link, the back button) sets the filters.
  useEffect(() => {
    if (routeQuery === written.current) return
    written.current = routeQuery
    const next = filtersFromQuery(routeQuery)
    setFilters(next)
    setSearchInput(next.search)
    setOpenAsked(openFromQuery(routeQuery))
  }, [routeQuery])
  useEffect(() => setFilters((f) => (f.search === debouncedSearch ? f : { ...f, search: debouncedSearch })), [debouncedSearch])
  useEffect(() => {
    const query = filtersToQuery(filters, openRowId)
    written.current = query
    replaceHashQuery(query)
  }, [filters, openRowId])

  const clearOpenAsked = useCallback(() => setOpenAsked(null), [])
  return { filters, setFilters, searchInput, setSearchInput, openAsked, clearOpenAsked }
}

/** After a reload (or a link), the submission the address names opens again, with its draft. */
export function useReopenAsked(openAsked: number | null, current: SubmissionRecord | null, open: (row: SubmissionRecord) => void, clearOpenAsked: () => void) {
  useEffect(() => {
    if (!openAsked || current) return
    let stale = false
    loadQueueRow(openAsked)
      .then((row) => {
        if (!stale && row) open(row)
      })
      .catch(() => undefined)
      .finally(() => !stale && clearOpenAsked())
    return () => {
      stale = true
    }
  }, [openAsked, current, open, clearOpenAsked])
}
