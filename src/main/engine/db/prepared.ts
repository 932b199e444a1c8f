// Queries on hot paths, built and compiled by kysely once instead of on every call.
// Saving a grade runs about twenty small queries, and on a slow laptop building and
// compiling each cost as much as SQLite spent running it. A prepared query is built once
// with stand-in values, its SQL kept, and each call binds the real values in their places:
// it is still kysely's SQL with bound parameters, and Sql.first/all/run take it as they
// take any query.
import type { Compilable, CompiledQuery, Kysely } from 'kysely'
import { compileOnlyKysely } from './sql'
import type { DB } from './schema'

type Scalar = string | number | boolean | null

/** Where an argument goes: kysely takes it for a value and puts it among the parameters. */
class Slot {
  constructor(readonly index: number) {}
}

let builder: Kysely<DB> | null = null

/**
 * `build` must use its arguments only as values (comparisons, inserted and set values),
 * each a scalar: a list for `in` would be compiled as one value. Compiling checks that
 * every argument landed among the parameters.
 */
export function prepared<A extends Scalar[], R>(build: (qb: Kysely<DB>, ...args: A) => Compilable<R>): (...args: A) => Compilable<R> {
  let template: { compiled: CompiledQuery<R>; slots: (Slot | unknown)[] } | null = null
  const compileTemplate = (arity: number) => {
    const slots = Array.from({ length: arity }, (_, i) => new Slot(i))
    const compiled = build((builder ??= compileOnlyKysely()), ...(slots as unknown as A)).compile()
    const used = new Set(compiled.parameters.filter((p): p is Slot => p instanceof Slot).map((p) => p.index))
    if (used.size !== arity) throw new Error(`A prepared query did not use all of its ${arity} arguments as values: ${compiled.sql}`)
    return { compiled, slots: compiled.parameters as unknown[] }
  }
  return (...args: A) => ({
    compile(): CompiledQuery<R> {
      template ??= compileTemplate(args.length)
      const { compiled, slots } = template
      return { ...compiled, parameters: slots.map((p) => (p instanceof Slot ? args[p.index] : p)) }
    },
  })
}
