// One hook for every server-side list: page, page size, sort, debounced search and
// filters live here; the page supplies how to load a page from its operation. With
// `address`, all of that is kept in the hash query too (see lib/listAddress).
import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ListPage, OrderBy } from '../../../shared/contract/list-params'
import { errorMessage } from '../lib/errors'
import { readListAddress, writeListAddress, type ListAddress } from '../lib/listAddress'
import { replaceHashQuery, useNavigation } from '../state/navigation'

export interface ListQuery<C extends string, F> {
  page: number
  pageSize: number
  sort: OrderBy<C> | null
  /** The search text after the debounce. */
  search: string
  filters: F
}

export interface ServerList<R, C extends string, F, P extends ListPage<R>> {
  query: ListQuery<C, F>
  /** What is in the search box right now (the query follows after a pause). */
  searchInput: string
  setSearchInput(value: string): void
  setPage(page: number): void
  setPageSize(size: number): void
  toggleSort(column: C): void
  setFilters(filters: F): void
  data: P | null
  loading: boolean
  error: string | null
  totalPages: number
  reload(): void
}

export interface ServerListOptions<C extends string, F, P> {
  load: (query: ListQuery<C, F>) => Promise<P>
  defaultSort: OrderBy<C> | null
  initialFilters: F
  pageSize?: number
  debounceMs?: number
  /** Keeps the list's state in the page's hash query (one list per page may). */
  address?: ListAddress<C, F>
}

export function useServerList<R, C extends string, F, P extends ListPage<R> = ListPage<R>>(
  options: ServerListOptions<C, F, P>,
): ServerList<R, C, F, P> {
  const defaults = { pageSize: options.pageSize ?? 10, sort: options.defaultSort }
  const address = useRef(options.address)
  const routeQuery = useNavigation((s) => s.route.query)
  const [query, setQuery] = useState<ListQuery<C, F>>(() =>
    address.current
      ? readListAddress(routeQuery, address.current, defaults)
      : { page: 1, pageSize: defaults.pageSize, sort: defaults.sort, search: '', filters: options.initialFilters },
  )
  const [searchInput, setSearchInput] = useState(query.search)
  // The address this list wrote last: another one (a link, the back button) is read in.
  const written = useRef(routeQuery)
  useEffect(() => {
    if (!address.current || routeQuery === written.current) return
    written.current = routeQuery
    const next = readListAddress(routeQuery, address.current, defaults)
    setQuery(next)
    setSearchInput(next.search)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeQuery])
  useEffect(() => {
    if (!address.current) return
    const text = writeListAddress(query, address.current, defaults)
    written.current = text
    replaceHashQuery(text)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query])
  const [debouncedSearch] = useDebouncedValue(searchInput.trim(), options.debounceMs ?? 300)
  const [reloads, setReloads] = useState(0)
  const [data, setData] = useState<P | null>(null)
  // The query and reload that the shown data (or error) answers; anything else is loading.
  const [answered, setAnswered] = useState<{ query: ListQuery<C, F>; reloads: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useRef(options.load)
  load.current = options.load
  const latest = useRef(0)

  useEffect(() => {
    setQuery((q) => (q.search === debouncedSearch ? q : { ...q, search: debouncedSearch, page: 1 }))
  }, [debouncedSearch])

  useEffect(() => {
    const request = ++latest.current
    load
      .current(query)
      .then((page) => {
        if (request !== latest.current) return
        setData(page)
        setError(null)
        // The last page can empty under us (a delete); step back to the new last page.
        const last = Math.max(1, Math.ceil(page.recordsFiltered / query.pageSize))
        if (page.records.length === 0 && query.page > last) setQuery((q) => ({ ...q, page: last }))
      })
      .catch((e: unknown) => {
        if (request === latest.current) setError(errorMessage(e))
      })
      .finally(() => {
        if (request === latest.current) setAnswered({ query, reloads })
      })
  }, [query, reloads])

  // Busy from the moment the query changes (or the search box differs from the query),
  // not from when the request starts, so the table never looks settled on stale rows.
  const loading = answered?.query !== query || answered.reloads !== reloads || searchInput.trim() !== query.search

  const toggleSort = useCallback((column: C) => {
    setQuery((q) => ({
      ...q,
      page: 1,
      sort: { colName: column, direction: q.sort?.colName === column && q.sort.direction === 'asc' ? 'desc' : 'asc' },
    }))
  }, [])

  return {
    query,
    searchInput,
    setSearchInput,
    setPage: useCallback((page: number) => setQuery((q) => ({ ...q, page })), []),
    setPageSize: useCallback((pageSize: number) => setQuery((q) => ({ ...q, pageSize, page: 1 })), []),
    toggleSort,
    setFilters: useCallback((filters: F) => setQuery((q) => ({ ...q, filters, page: 1 })), []),
    data,
    loading,
    error,
    totalPages: data ? Math.max(1, Math.ceil(data.recordsFiltered / query.pageSize)) : 1,
    reload: useCallback(() => setReloads((n) => n + 1), []),
  }
}
