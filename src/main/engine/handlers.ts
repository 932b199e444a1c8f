// Handler typing and the table that joins every declared operation to exactly one handler.
import type { OpName, OpOutput, OpParsed } from '../../shared/operations/index'
import type { EngineContext } from './context'

export type Handler<N extends OpName> = (ctx: EngineContext, input: OpParsed<N>) => OpOutput<N>
export type HandlerTable<N extends OpName = OpName> = { [K in N]: Handler<K> }

/** Typed helper for a domain's handlers; the names must be declared operations. */
export function defineHandlers<N extends OpName>(table: HandlerTable<N>): HandlerTable<N> {
  return table
}

/** Joins the domain tables; a name handled twice, or declared without a handler, fails at start-up. */
export function joinHandlers(
  declared: Iterable<string>,
  tables: readonly Partial<Record<string, unknown>>[],
): Map<string, (ctx: EngineContext, input: unknown) => unknown> {
  const joined = new Map<string, (ctx: EngineContext, input: unknown) => unknown>()
  for (const table of tables) {
    for (const [name, handler] of Object.entries(table)) {
      if (joined.has(name)) throw new Error(`Operation "${name}" has two handlers`)
      if (typeof handler !== 'function') throw new Error(`Handler for "${name}" is not a function`)
      joined.set(name, handler as (ctx: EngineContext, input: unknown) => unknown)
    }
  }
  const declaredSet = new Set(declared)
  for (const name of declaredSet) if (!joined.has(name)) throw new Error(`Operation "${name}" has no handler`)
  for (const name of joined.keys()) if (!declaredSet.has(name)) throw new Error(`Handler "${name}" has no declared operation`)
  return joined
}
