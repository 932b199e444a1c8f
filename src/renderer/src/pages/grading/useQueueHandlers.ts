// Stable handlers for the submission queue, so typing in the panel does not redraw the list.
// The row chosen is opened by the latest render's `select`, read through `live`.
import { useCallback, type Dispatch, type RefObject, type SetStateAction } from 'react'
import type { GradingFilters, SortKey, StatusFilter } from './filters'

export function useQueueHandlers(live: RefObject<{ select(index: number): void }>, setFilters: Dispatch<SetStateAction<GradingFilters>>, refresh: () => Promise<unknown>) {
  const onSelect = useCallback((index: number) => live.current.select(index), [live])
  const onStatusChange = useCallback((status: StatusFilter) => setFilters((f) => ({ ...f, status })), [setFilters])
  const onSortChange = useCallback((sort: SortKey) => setFilters((f) => ({ ...f, sort })), [setFilters])
  const onRetry = useCallback(() => void refresh(), [refresh])
  return { onSelect, onStatusChange, onSortChange, onRetry }
}
