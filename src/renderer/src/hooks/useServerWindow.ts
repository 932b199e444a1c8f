// A server-side list read in pages as the user scrolls, for lists too long to page by
// hand (the grading queue with 10,000 submissions). The list view asks for the rows it
// shows; only their pages are loaded, and pages far from view are forgotten. Same list
// operations as useServerList; this hook keeps a window of pages instead of one page.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ListPage } from '../../../shared/contract/list-params'
import { errorMessage } from '../lib/errors'

const ENSURE_DELAY_MS = 60

export interface ServerWindowOptions<R, Q> {
  /** Everything that decides the list (filters, search, sort); a new value starts over. */
  query: Q
  load(query: Q, pageNumber: number, pageSize: number): Promise<ListPage<R>>
  rowKey(row: R): number
  pageSize?: number
  /** Pages kept around the ones in view; the rest are dropped to bound memory. */
  keepPages?: number
}

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

interface Cache<R> {
  generation: number
  pages: Map<number, R[]>
  inflight: Map<number, Promise<void>>
  total: number | null
  recordsTotal: number | null
  /** The last range the view asked for. */
  view: [number, number]
  /** The page of the last row asked for by index (the selection may be out of view). */
  pinned: number
}

export function useServerWindow<R, Q>(options: ServerWindowOptions<R, Q>): ServerWindow<R> {
  const pageSize = options.pageSize ?? 100
  const keepPages = options.keepPages ?? 6
  const opts = useRef(options)
  opts.current = options
  const cache = useRef<Cache<R>>({ generation: 0, pages: new Map(), inflight: new Map(), total: null, recordsTotal: null, view: [0, 0], pinned: 0 })
  const [version, setVersion] = useState(0)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const bump = useCallback(() => setVersion((v) => v + 1), [])

  const loadPage = useCallback(
    (pageIndex: number, force = false): Promise<void> => {
      const c = cache.current
      if (!force && c.pages.has(pageIndex)) return Promise.resolve()
      const running = c.inflight.get(pageIndex)
      if (running && !force) return running
      const generation = c.generation
      const request = opts.current
        .load(opts.current.query, pageIndex + 1, pageSize)
        .then((page) => {
          if (cache.current.generation !== generation) return
          c.pages.set(pageIndex, page.records)
          c.total = page.recordsFiltered
          c.recordsTotal = page.recordsTotal
          // Forget pages far from what is in view (but not the selection's).
          const [start, end] = c.view
          const lo = Math.floor(start / pageSize) - keepPages
          const hi = Math.floor(end / pageSize) + keepPages
          for (const key of c.pages.keys()) if ((key < lo || key > hi) && key !== c.pinned) c.pages.delete(key)
          setError(null)
          setLoading(false)
          bump()
        })
        .catch((e: unknown) => {
          if (cache.current.generation !== generation) return
          setError(errorMessage(e))
          setLoading(false)
        })
        .finally(() => {
          if (c.inflight.get(pageIndex) === request) c.inflight.delete(pageIndex)
        })
      c.inflight.set(pageIndex, request)
      return request
    },
    [pageSize, keepPages, bump],
  )

  // A new query starts over from its first page.
  const queryKey = JSON.stringify(options.query)
  useEffect(() => {
    const c = cache.current
    cache.current = { generation: c.generation + 1, pages: new Map(), inflight: new Map(), total: null, recordsTotal: c.recordsTotal, view: [0, 0], pinned: 0 }
    setLoading(true)
    bump()
    void loadPage(0)
  }, [queryKey, loadPage, bump])

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

  // While the list flies past (a fast wheel, dragging the scrollbar), pages are asked for
  // only once it slows down, so the engine is not sent a backlog of pages nobody sees.
  const ensureTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(ensureTimer.current), [])
  const ensure = useCallback(
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
    [loadPage, pageSize],
  )

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
