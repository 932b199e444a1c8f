// A server list's page, page size, sort, search and filters kept in the hash query
// (#/users?page=3&sort=last_name.desc&q=ada&type=staff), so a reload, a link or the back
// button brings the same page back. Unknown or malformed values fall back to defaults.
import type { OrderBy } from '../../../shared/contract/list-params'

export interface ListAddress<C extends string, F> {
  /** The sort columns the list offers; any other `sort` in the address is ignored. */
  sortable: readonly C[]
  /** The page's own filters to and from the address. */
  writeFilters(filters: F, params: URLSearchParams): void
  readFilters(params: URLSearchParams): F
}

export interface AddressedQuery<C extends string, F> {
  page: number
  pageSize: number
  sort: OrderBy<C> | null
  search: string
  filters: F
}

export const PAGE_SIZES = [10, 25, 50, 100] as const

function positive(text: string | null, max: number): number | null {
  if (!text || !/^\d{1,7}$/.test(text)) return null
  const n = Number(text)
  return n >= 1 && n <= max ? n : null
}

export function readListAddress<C extends string, F>(
  query: string,
  address: ListAddress<C, F>,
  defaults: { pageSize: number; sort: OrderBy<C> | null },
): AddressedQuery<C, F> {
  const params = new URLSearchParams(query)
  const size = positive(params.get('size'), 1000)
  const [column, direction] = (params.get('sort') ?? '').split('.')
  const sort: OrderBy<C> | null =
    (address.sortable as readonly string[]).includes(column) && (direction === 'asc' || direction === 'desc') ? { colName: column as C, direction } : defaults.sort
  return {
    page: positive(params.get('page'), 1_000_000) ?? 1,
    pageSize: size && (PAGE_SIZES as readonly number[]).includes(size) ? size : defaults.pageSize,
    sort,
    search: (params.get('q') ?? '').slice(0, 255),
    filters: address.readFilters(params),
  }
}

export function writeListAddress<C extends string, F>(
  query: AddressedQuery<C, F>,
  address: ListAddress<C, F>,
  defaults: { pageSize: number; sort: OrderBy<C> | null },
): string {
  const params = new URLSearchParams()
  if (query.search) params.set('q', query.search)
  address.writeFilters(query.filters, params)
  const sort = query.sort
  if (sort && (sort.colName !== defaults.sort?.colName || sort.direction !== defaults.sort?.direction)) params.set('sort', `${sort.colName}.${sort.direction}`)
  if (query.pageSize !== defaults.pageSize) params.set('size', String(query.pageSize))
  if (query.page > 1) params.set('page', String(query.page))
  return params.toString()
}
