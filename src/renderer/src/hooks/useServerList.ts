// One hook for every server-side list: page, page size, sort, debounced search and
// filters live here; the page supplies its operation's read for a query. Pages are
// queries of the data layer (kept while the next loads, refetched when the engine says
// their entities changed). With `address`, the list's state is kept in the hash query too
// (see lib/listAddress).
import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ListPage, OrderBy } from '../../../shared/contract/list-params'
import { useLmsRead, type LmsRead } from '../data/queries'
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
  /** The operation and input that answer a query: `(q) => lmsRead('users.tabularList', {...})`. */
  read: (query: ListQuery<C, F>) => LmsRead<P> | null
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

  useEffect(() => {
    setQuery((q) => (q.search === debouncedSearch ? q : { ...q, search: debouncedSearch, page: 1 }))
  }, [debouncedSearch])

  const answer = useLmsRead(options.read(query), { keepPrevious: true })
  const data = answer.data
  useEffect(() => {
    if (!answer.settled || !data) return
    // The last page can empty under us (a delete); step back to the new last page.
    const last = Math.max(1, Math.ceil(data.recordsFiltered / query.pageSize))
    if (data.records.length === 0 && query.page > last) setQuery((q) => ({ ...q, page: last }))
  }, [answer.settled, data, query.page, query.pageSize])

  // Busy from the moment the query changes (or the search box differs from the query),
  // not from when the answer comes, so the table never looks settled on stale rows.
  const loading = answer.loading || searchInput.trim() !== query.search

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
    error: answer.error,
    totalPages: data ? Math.max(1, Math.ceil(data.recordsFiltered / query.pageSize)) : 1,
    reload: answer.reload,
  }
}
