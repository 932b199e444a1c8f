// The pages behind useServerWindow: each loaded once (a page already on its way is not
// asked for twice), pages far from view forgotten as new ones arrive, and everything
// started over when the query changes. Answers for an older query are dropped.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ListPage } from '../../../shared/contract/list-params'
import { errorMessage } from '../lib/errors'

export interface ServerWindowOptions<R, Q> {
  /** Everything that decides the list (filters, search, sort); a new value starts over. */
  query: Q
  load(query: Q, pageNumber: number, pageSize: number): Promise<ListPage<R>>
  rowKey(row: R): number
  pageSize?: number
  /** Pages kept around the ones in view; the rest are dropped to bound memory. */
  keepPages?: number
}

export interface WindowCache<R> {
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

export function useWindowPages<R, Q>(options: ServerWindowOptions<R, Q>, pageSize: number, keepPages: number) {
  const opts = useRef(options)
  opts.current = options
  const cache = useRef<WindowCache<R>>({ generation: 0, pages: new Map(), inflight: new Map(), total: null, recordsTotal: null, view: [0, 0], pinned: 0 })
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

  return { opts, cache, loadPage, bump, version, loading, error }
}
