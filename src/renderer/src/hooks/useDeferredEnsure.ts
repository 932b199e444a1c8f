// While a long list flies past (a fast wheel, dragging the scrollbar), its pages are asked
// for only once it slows down, so the engine is not sent a backlog of pages nobody sees.
import { useCallback, useEffect, useRef, type RefObject } from 'react'
import type { WindowCache } from './useWindowPages'

const ENSURE_DELAY_MS = 60

/** ensure(start, end): remembers the range in view and, once the view rests, loads the pages covering it. */
export function useDeferredEnsure<R>(cache: RefObject<WindowCache<R>>, loadPage: (pageIndex: number) => Promise<void>, pageSize: number) {
  const ensureTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(ensureTimer.current), [])
  return useCallback(
    (start: number, end: number) => {
      cache.current.view = [start, end]
      clearTimeout(ensureTimer.current)
      ensureTimer.current = setTimeout(() => {
        const c = cache.current
        const [from, to] = c.view
        if (c.total === null) return
        const last = Math.min(to, c.total) - 1
        for (let p = Math.floor(Math.max(0, from) / pageSize); p <= Math.floor(last / pageSize); p++) void loadPage(p)
      }, ENSURE_DELAY_MS)
    },
    [cache, loadPage, pageSize],
  )
}
