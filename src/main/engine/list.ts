// One pagination routine for every documented list: count without filters
// (recordsTotal), count with them (recordsFiltered), then one sorted page. Sort keys map
// to column references chosen by the operation's allow-list, never to caller text.
import { sql as rawSql, type RawBuilder, type SelectQueryBuilder } from 'kysely'
import type { OrderBy } from '../../shared/contract/list-params'
import type { Sql } from './db/sql'
import type { DB } from './db/schema'
import { invalid } from './errors'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySelect = SelectQueryBuilder<DB, any, any>

export interface PageRequest<C extends string> {
  page_size: number
  page_number: number
  order_by?: OrderBy<C>
}

export function countRows(sql: Sql, query: AnySelect): number {
  const row = sql.first(sql.qb.selectFrom(query.as('counted')).select((eb) => eb.fn.countAll<number>().as('n')))
  return Number(row?.n ?? 0)
}

export function fetchPage<R, C extends string>(
  sql: Sql,
  options: {
    /** The scope without the caller's filters, for recordsTotal. */
    total: AnySelect
    /** The scope with the caller's filters, selecting the row columns. */
    filtered: AnySelect
    /**
     * The same rows as `filtered`, cheaper to count: without the joins that only sort or
     * show columns. Defaults to `filtered`.
     */
    filteredCount?: AnySelect
    request: PageRequest<C>
    /** Allow-listed sort keys to qualified columns or aliases (or a sort-key expression, sortKeyOf). */
    sortColumns: Record<C, string | RawBuilder<unknown>>
    defaultOrder: OrderBy<C>
    /** A unique column that makes the order total, so pages never overlap. */
    tieBreaker: string
    /** A second column for a sort key, in the same direction (a name: first, then last name). */
    thenBy?: Partial<Record<C, string | RawBuilder<unknown>>>
    /**
     * Pages past the middle are read from the other end (the order reversed, then the rows),
     * so the last page costs what the first does. Only for counts that are exact: the filtered
     * count decides where the page starts from the end.
     */
    fromNearerEnd?: boolean
    /** Counts already known (kept by triggers, see listCount): not counted again. */
    known?: { recordsTotal?: number; recordsFiltered?: number }
    /**
     * For deep pages: the rows before some place in the order and how many they are, so
     * the OFFSET starts there instead of stepping over each of them. Undefined to step.
     */
    seek?: (order: OrderBy<C>, offset: number) => { from: RawBuilder<boolean>; skipped: number } | undefined
  },
): { recordsTotal: number; recordsFiltered: number; rows: R[] } {
  const { request, sortColumns, defaultOrder, tieBreaker } = options
  const recordsTotal = options.known?.recordsTotal ?? countRows(sql, options.total)
  const counted = options.filteredCount ?? options.filtered
  // Without filters the two counts are the same query: count once.
  const recordsFiltered =
    options.known?.recordsFiltered ?? (sameQuery(counted, options.total) ? recordsTotal : countRows(sql, counted))
  const order = request.order_by ?? defaultOrder
  const column = sortColumns[order.colName]
  const offset = (request.page_number - 1) * request.page_size
  const sought = offset > 0 ? options.seek?.(order, offset) : undefined
  const then = options.thenBy?.[order.colName]
  const expression = (c: string | RawBuilder<unknown>) => (typeof c === 'string' ? rawSql.ref(c) : c)
  // The tie-breaker makes the order total, so the reversed order is exactly this one backwards.
  const fromEnd = options.fromNearerEnd === true && !sought && offset < recordsFiltered && offset + request.page_size / 2 > recordsFiltered / 2
  const direction = fromEnd ? (order.direction === 'asc' ? 'desc' : 'asc') : order.direction
  const sorted = (sought ? options.filtered.where(sought.from) : options.filtered).orderBy(expression(column), direction)
  const limit = fromEnd ? Math.min(request.page_size, recordsFiltered - offset) : request.page_size
  const rows = sql.all(
    (then ? sorted.orderBy(expression(then), direction) : sorted)
      .orderBy(rawSql.ref(tieBreaker), direction)
      .limit(limit)
      .offset(fromEnd ? recordsFiltered - offset - limit : offset - (sought?.skipped ?? 0)),
  ) as R[]
  return { recordsTotal, recordsFiltered, rows: fromEnd ? rows.reverse() : rows }
}

/**
 * A row count kept by triggers (migrations/0010_search_index: list_counts), for lists too
 * long to count on each page: 'audit', 'audit:<action>', 'course:<id>', 'course:<id>:<verb>'.
 */
export function listCount(sql: Sql, scope: string): number {
  return Number(sql.first(sql.qb.selectFrom('list_counts').select('n').where('scope', '=', scope))?.n ?? 0)
}

/**
 * Whether `matching` of `total` rows are many enough that walking the sort order and
 * skipping the others finds a page sooner than reading them all and sorting them.
 */
export function walksSortOrder(matching: number, total: number): boolean {
  return matching > Math.sqrt(50 * total)
}

function sameQuery(a: AnySelect, b: AnySelect): boolean {
  const x = a.compile()
  const y = b.compile()
  return x.sql === y.sql && x.parameters.length === y.parameters.length && x.parameters.every((p, i) => p === y.parameters[i])
}

/** Escapes LIKE wildcards so a search for "50%" finds the text, not everything. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** `(a LIKE %text% OR b LIKE %text%)`, with wildcards in the text taken literally. */
export function matchesText(columns: readonly (string | RawBuilder<unknown>)[], text: string) {
  const pattern = likeContains(text)
  return rawSql<boolean>`(${rawSql.join(
    columns.map((c) => rawSql`${typeof c === 'string' ? rawSql.ref(c) : c} LIKE ${pattern} ESCAPE '\\'`),
    rawSql` OR `,
  )})`
}

/** `first || ' ' || last`, for searching a person's full name. */
export function fullNameExpr(firstColumn: string, lastColumn: string): RawBuilder<string> {
  return rawSql<string>`(${rawSql.ref(firstColumn)} || ' ' || ${rawSql.ref(lastColumn)})`
}

/** A learner's name or email containing `text` (the users table joined as `users`). */
export function nameOrEmailMatches(text: string) {
  return matchesText([fullNameExpr('users.first_name', 'users.last_name'), 'users.email'], text)
}

/**
 * The documented `dates: [from, to]` filter: from the start of `from` to the end of `to`
 * (either may be missing). A date that does not parse is a 422.
 */
export function withinDates(column: string, dates: readonly string[] | undefined): RawBuilder<boolean> {
  const [from, to] = dates ?? []
  for (const [label, value] of [['from', from], ['to', to]] as const) {
    if (value && Number.isNaN(new Date(value).getTime())) throw invalid('search_param', 'reason.search_date_invalid', { label })
  }
  const parts: RawBuilder<unknown>[] = [rawSql`1 = 1`]
  if (from) parts.push(rawSql`${rawSql.ref(column)} >= ${new Date(from).toISOString()}`)
  if (to) parts.push(rawSql`${rawSql.ref(column)} < ${new Date(new Date(to).getTime() + 86_400_000).toISOString()}`)
  return rawSql<boolean>`(${rawSql.join(parts, rawSql` AND `)})`
}
