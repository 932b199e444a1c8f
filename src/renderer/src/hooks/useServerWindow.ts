// A server-side list read in pages as the user scrolls, for lists too long to page by
// hand (the grading queue with 10,000 submissions). The list view asks for the rows it
// shows; only their pages are loaded, and pages far from view are forgotten. Same list
// operations as useServerList; this hook keeps a window of pages instead of one page.
import { useCallback, useMemo } from 'react'
import { useDeferredEnsure } from './useDeferredEnsure'
import { useWindowPages, type ServerWindowOptions } from './useWindowPages'

export type { ServerWindowOptions } from './useWindowPages'

export interface ServerWindow<R> {
  /** Rows matching the query, or null before the first answer. */
  total: number | null
  /** Rows before any filter. */
  recordsTotal: number | null
  /** The row at an index if its page is loaded. */
  rowAt(index: number): R | undefined
  /** The index of a loaded row by its key, or -1. */
  indexOf(key: number): number
  /** Loads the pages covering [start, end) that are not loaded yet. */
  ensure(start: number, end: number): void
  /** The row at an index, loading its page if needed (undefined past the end). */
  fetchRow(index: number): Promise<R | undefined>
  /** Reloads the pages in view and forgets the others (after a write). */
  refresh(): Promise<void>
  /** True until the current query's first page has answered. */
  loading: boolean
  error: string | null
  /** Changes whenever rows change, for memoised views. */
  version: number
}

export function useServerWindow<R, Q>(options: ServerWindowOptions<R, Q>): ServerWindow<R> {
  const pageSize = options.pageSize ?? 100
  const keepPages = options.keepPages ?? 6
  const { opts, cache, loadPage, bump, version, loading, error } = useWindowPages(options, pageSize, keepPages)

  const rowAt = useCallback((index: number) => cache.current.pages.get(Math.floor(index / pageSize))?.[index % pageSize], [pageSize])

  const indexOf = useCallback(
    (key: number) => {
      for (const [pageIndex, rows] of cache.current.pages) {
        const at = rows.findIndex((r) => opts.current.rowKey(r) === key)
        if (at >= 0) return pageIndex * pageSize + at
      }
      return -1
    },
    [pageSize],
  )

  const ensure = useDeferredEnsure(cache, loadPage, pageSize)

  const fetchRow = useCallback(
    async (index: number) => {
      if (index < 0) return undefined
      const c = cache.current
      if (c.total === null) await (c.inflight.get(0) ?? loadPage(0))
      const now = cache.current
      if (now.total === null || index >= now.total) return undefined
      now.pinned = Math.floor(index / pageSize)
      await loadPage(now.pinned)
      return rowAt(index)
    },
    [loadPage, pageSize, rowAt],
  )

  const refresh = useCallback(async () => {
    const c = cache.current
    const [start, end] = c.view
    const first = Math.floor(start / pageSize)
    const last = Math.max(first, Math.floor(Math.max(start, end - 1) / pageSize))
    // Keep showing the old rows until the new ones arrive, then drop pages out of view.
    for (const key of [...c.pages.keys()]) if ((key < first || key > last) && key !== c.pinned) c.pages.delete(key)
    const reloads: Promise<void>[] = []
    for (let p = first; p <= last; p++) reloads.push(loadPage(p, true))
    if (c.pages.has(c.pinned) && (c.pinned < first || c.pinned > last)) reloads.push(loadPage(c.pinned, true))
    await Promise.all(reloads)
    // Rows past the new end belong to no page any more.
    const total = cache.current.total ?? 0
    for (const key of [...cache.current.pages.keys()]) if (key * pageSize >= total && key > 0) cache.current.pages.delete(key)
    bump()
  }, [loadPage, pageSize, bump])

  const total = cache.current.total
  const recordsTotal = cache.current.recordsTotal
  // One object per change of the rows, so views can skip re-rendering when nothing changed.
  return useMemo(
    () => ({ total, recordsTotal, rowAt, indexOf, ensure, fetchRow, refresh, loading, error, version }),
    [total, recordsTotal, rowAt, indexOf, ensure, fetchRow, refresh, loading, error, version],
  )
}
