// A list is declared once: its operation's listParams give the sort keys and filters, and
// defineList joins them to columns, refinements and a row mapping, typed by the query's own
// rows. Every page is read the same way: count without filters (recordsTotal), count with
// them (recordsFiltered), then one sorted page. Sort keys map to columns chosen here, never
// to caller text; an order_by or filter outside the declaration is refused by its schema.
import { sql as rawSql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely'
import type { OrderBy } from '../../shared/contract/list-params'
import type { OpOutput, OpParsed } from '../../shared/operations/index'
import type { ListFilters, ListOpName, ListRecord, SortKey } from '../../shared/operations/lists'
import type { EngineContext } from './context'
import type { Sql } from './db/sql'
import type { Handler } from './handlers'
import { countRows, type CountedQuery } from './list'

/** A qualified column or alias, or an expression (a sort key, sortKeyOf). */
export type SortColumn = string | RawBuilder<unknown>

/** What one call of a list reads: its scope, its rows and what is known of their counts. */
export interface ListQuery<QDB, TB extends keyof QDB, O, W = unknown> {
  /** The scope without the caller's filters, for recordsTotal. */
  total: CountedQuery
  /** The scope selecting the row columns; the declared filters are added to it. */
  rows: SelectQueryBuilder<QDB, TB, O>
  /**
   * The same rows, cheaper to count: without the joins that only sort or show columns
   * (the declared filters are added to it too). Defaults to `rows`.
   */
  counted?: CountedQuery
  /** Counts already known (kept by triggers, see listCount): not counted again. */
  known?: { recordsTotal?: number; recordsFiltered?: number }
  /**
   * For deep pages: the rows before some place in the order and how many they are, so the
   * OFFSET starts there instead of stepping over each of them. Undefined to step.
   */
  seek?: (order: OrderBy<string>, offset: number) => { from: RawBuilder<boolean>; skipped: number } | undefined
  /** What the query read on the way (the course, counts) that the records or the answer show too. */
  found?: W
}

/** A declared filter's condition for a value the caller sent, or undefined to leave the rows as they are. */
type Condition = Expression<SqlBool> | undefined

/** The order a page is read in: the spec's sort columns, whatever its operation. */
export interface PageOrder {
  sort: Readonly<Record<string, SortColumn>>
  thenBy?: Readonly<Partial<Record<string, SortColumn>>>
  defaultOrder: OrderBy<string>
  tieBreaker: string
  fromNearerEnd?: boolean
}

export interface ListPageRows<O> {
  recordsTotal: number
  recordsFiltered: number
  rows: O[]
}

/** A page as its list's answer sees it, with what the query found. */
export interface ListPageFound<O, W> extends ListPageRows<O> {
  found: W
}

/** What a list's answer holds besides its page (a course name, the counts per status). */
type Extra<N extends ListOpName> = Omit<OpOutput<N>, 'recordsTotal' | 'recordsFiltered' | 'records'>

export type ListSpec<N extends ListOpName, QDB, TB extends keyof QDB, O, W = unknown> = {
  /** Every declared sort key to its column: a key missing or not declared does not compile. */
  sort: Record<SortKey<N>, SortColumn>
  /** A second column for a sort key, in the same direction (a name: first, then last name). */
  thenBy?: Partial<Record<SortKey<N>, SortColumn>>
  defaultOrder: OrderBy<SortKey<N>>
  /** A unique column that makes the order total, so pages never overlap and ties keep their order. */
  tieBreaker: string
  /**
   * Pages past the middle are read from the other end (the order reversed, then the rows),
   * so the last page costs what the first does. Only for counts that are exact: the filtered
   * count decides where the page starts from the end.
   */
  fromNearerEnd?: boolean
  query(ctx: EngineContext, input: OpParsed<N>): ListQuery<QDB, TB, O, W>
  /** Declared filters as conditions on the rows; filters left out here are read by `query` (or accepted and not applied, as the declaration says). */
  filters?: { [K in keyof ListFilters<N>]?: (value: NonNullable<ListFilters<N>[K]>, ctx: EngineContext, input: OpParsed<N>) => Condition }
  records(rows: O[], ctx: EngineContext, input: OpParsed<N>, found: W): ListRecord<N>[]
} & ({} extends Extra<N>
  ? { extra?: (page: ListPageFound<O, W>, ctx: EngineContext, input: OpParsed<N>) => Extra<N> }
  : { extra: (page: ListPageFound<O, W>, ctx: EngineContext, input: OpParsed<N>) => Extra<N> })

/** The lists' handlers, for the test that every declared list is one. */
const LIST_HANDLERS = new WeakSet<object>()

export function isDefinedList(handler: unknown): boolean {
  return typeof handler === 'function' && LIST_HANDLERS.has(handler)
}

/** A list operation's handler, from its declaration and the spec of its columns. */
export function defineList<N extends ListOpName, QDB, TB extends keyof QDB, O, W = unknown>(
  name: N,
  spec: ListSpec<NoInfer<N>, QDB, TB, O, W>,
): { [K in N]: Handler<K> } {
  const filters = Object.entries(spec.filters ?? {}) as [string, (value: unknown, ctx: EngineContext, input: OpParsed<N>) => Condition][]
  const pageOrder = spec as unknown as PageOrder
  const handler = (ctx: EngineContext, input: OpParsed<N>): OpOutput<N> => {
    const query = spec.query(ctx, input)
    let rows = query.rows
    let counted = query.counted
    const sent = (input as { search_param?: Record<string, unknown> }).search_param ?? {}
    for (const [key, refine] of filters) {
      const value = sent[key]
      if (value === undefined || value === null) continue
      const condition = refine(value, ctx, input)
      if (!condition) continue
      rows = rows.where(condition)
      counted = counted?.where(condition)
    }
    const request = input as unknown as { page_size: number; page_number: number; order_by?: OrderBy<string> }
    const page = { ...readPage(ctx.sql, pageOrder, { ...query, rows, counted }, request), found: query.found as W }
    const answer = { ...spec.extra?.(page, ctx, input), recordsTotal: page.recordsTotal, recordsFiltered: page.recordsFiltered, records: spec.records(page.rows, ctx, input, page.found) }
    return answer as OpOutput<N>
  }
  LIST_HANDLERS.add(handler)
  return { [name]: handler } as { [K in N]: Handler<K> }
}

/**
 * One page of rows in an order: defineList's reading, also for the one paged read that is no
 * documented list (attendance.roster, whose order is fixed and whose learners are not `records`).
 */
export function readPage<QDB, TB extends keyof QDB, O>(
  sql: Sql,
  spec: PageOrder,
  query: ListQuery<QDB, TB, O, unknown>,
  request: { page_size: number; page_number: number; order_by?: OrderBy<string> },
): ListPageRows<O> {
  const recordsTotal = query.known?.recordsTotal ?? countRows(sql, query.total)
  const counted = query.counted ?? query.rows
  // Without filters the two counts are the same query: count once.
  const recordsFiltered = query.known?.recordsFiltered ?? (sameQuery(counted, query.total) ? recordsTotal : countRows(sql, counted))
  const order = request.order_by ?? spec.defaultOrder
  const offset = (request.page_number - 1) * request.page_size
  const sought = offset > 0 ? query.seek?.(order, offset) : undefined
  const then = spec.thenBy?.[order.colName]
  const expression = (c: SortColumn) => (typeof c === 'string' ? rawSql.ref(c) : c)
  // The tie-breaker makes the order total, so the reversed order is exactly this one backwards.
  const fromEnd = spec.fromNearerEnd === true && !sought && offset < recordsFiltered && offset + request.page_size / 2 > recordsFiltered / 2
  const direction = fromEnd ? (order.direction === 'asc' ? 'desc' : 'asc') : order.direction
  const sorted = (sought ? query.rows.where(sought.from) : query.rows).orderBy(expression(spec.sort[order.colName]), direction)
  const limit = fromEnd ? Math.min(request.page_size, recordsFiltered - offset) : request.page_size
  const rows = sql.all(
    (then ? sorted.orderBy(expression(then), direction) : sorted)
      .orderBy(rawSql.ref(spec.tieBreaker), direction)
      .limit(limit)
      .offset(fromEnd ? recordsFiltered - offset - limit : offset - (sought?.skipped ?? 0)),
  ) as O[]
  return { recordsTotal, recordsFiltered, rows: fromEnd ? rows.reverse() : rows }
}

function sameQuery(a: CountedQuery, b: CountedQuery): boolean {
  const x = a.compile()
  const y = b.compile()
  return x.sql === y.sql && x.parameters.length === y.parameters.length && x.parameters.every((p, i) => p === y.parameters[i])
}

/** A spec written once for lists declared alike (the four category lists): `listSpec<'categories.courseList'>()({...})`. */
export function listSpec<N extends ListOpName>() {
  return <QDB, TB extends keyof QDB, O, W = unknown>(spec: ListSpec<N, QDB, TB, O, W>): ListSpec<N, QDB, TB, O, W> => spec
}
