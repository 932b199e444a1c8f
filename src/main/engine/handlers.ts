// Handler typing and the table that joins every declared operation to exactly one handler.
// A handler's type follows its operation's kind: a read or a write answers at once (a write
// inside the engine's transaction); a job answers a promise and is handed its JobControl.
import type { JobName, OpName, OpOutput, OpParsed, OpPhase } from '../../shared/operations/index'
import type { EngineContext } from './context'
import type { JobControl } from './jobs'

/** What a job is handed besides its input: how to know it was cancelled and how to report progress. */
/** A read or a write: answers at once (never a promise: a write's transaction ends when it returns). */
export type SyncHandler<N extends OpName> = (ctx: EngineContext, input: OpParsed<N>) => OpOutput<N>
/** A job: answers when done, running its own transactions. */
export type JobHandler<N extends OpName> = (ctx: EngineContext, input: OpParsed<N>, job: JobControl<OpPhase<N>>) => Promise<OpOutput<N>>
export type Handler<N extends OpName> = N extends JobName ? JobHandler<N> : SyncHandler<N>
export type HandlerTable<N extends OpName = OpName> = { [K in N]: Handler<K> }

/** Any handler, as the engine calls it after dispatching on the declared kind. */
export type AnyHandler = (ctx: EngineContext, input: unknown, job?: JobControl) => unknown

/** Typed helper for a domain's handlers; the names must be declared operations. */
export function defineHandlers<N extends OpName>(table: HandlerTable<N>): HandlerTable<N> {
  return table
}

/** Joins the domain tables; a name handled twice, or declared without a handler, fails at start-up. */
export function joinHandlers(declared: Iterable<string>, tables: readonly Partial<Record<string, unknown>>[]): Map<string, AnyHandler> {
  const joined = new Map<string, AnyHandler>()
  for (const table of tables) {
    for (const [name, handler] of Object.entries(table)) {
      if (joined.has(name)) throw new Error(`Operation "${name}" has two handlers`)
      if (typeof handler !== 'function') throw new Error(`Handler for "${name}" is not a function`)
      joined.set(name, handler as AnyHandler)
    }
  }
  const declaredSet = new Set(declared)
  for (const name of declaredSet) if (!joined.has(name)) throw new Error(`Operation "${name}" has no handler`)
  for (const name of joined.keys()) if (!declaredSet.has(name)) throw new Error(`Handler "${name}" has no declared operation`)
  return joined
}
