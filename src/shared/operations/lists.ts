// What a list operation (one declared with listParams) answers to, read from its declaration:
// the engine's defineList, the renderer's sortable columns and the tests use these types, so a
// sort key is written once, in the operation's listParams.
import type { OrderBy } from '../contract/list-params'
import type { OpName, OpOutput, OpParsed } from './index'

/** The operations declared with listParams (an order_by allow-list). */
export type ListOpName = { [N in OpName]: OpParsed<N> extends { order_by?: OrderBy<string> } ? N : never }[OpName]

/** The sort keys a list's order_by allows. */
export type SortKey<N extends ListOpName> = OpParsed<N> extends { order_by?: OrderBy<infer C> } ? C : never

/** The filters a list's search_param declares, as the handler receives them. */
export type ListFilters<N extends ListOpName> = OpParsed<N> extends { search_param?: infer F } ? NonNullable<F> : never

/** One record of a list's page. */
export type ListRecord<N extends ListOpName> = OpOutput<N> extends { records: readonly (infer R)[] } ? R : never
