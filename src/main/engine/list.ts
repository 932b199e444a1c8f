// One pagination routine for every documented list: count without filters
// (recordsTotal), count with them (recordsFiltered), then one sorted page. Sort keys map
// to column references chosen by the operation's allow-list, never to caller text.
import { sql as rawSql, type RawBuilder, type SelectQueryBuilder } from 'kysely'
import type { OrderBy } from '../../shared/contract/list-params'
import type { Sql } from './db/sql'
import type { DB } from './db/schema'

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
    request: PageRequest<C>
    /** Allow-listed sort keys to qualified columns or aliases. */
    sortColumns: Record<C, string>
    defaultOrder: OrderBy<C>
    /** A unique column that makes the order total, so pages never overlap. */
    tieBreaker: string
  },
): { recordsTotal: number; recordsFiltered: number; rows: R[] } {
  const { request, sortColumns, defaultOrder, tieBreaker } = options
  const recordsTotal = countRows(sql, options.total)
  const recordsFiltered = countRows(sql, options.filtered)
  const order = request.order_by ?? defaultOrder
  const column = sortColumns[order.colName]
  const rows = sql.all(
    options.filtered
      .orderBy(rawSql.ref(column), order.direction)
      .orderBy(rawSql.ref(tieBreaker), order.direction)
      .limit(request.page_size)
      .offset((request.page_number - 1) * request.page_size),
  ) as R[]
  return { recordsTotal, recordsFiltered, rows }
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
