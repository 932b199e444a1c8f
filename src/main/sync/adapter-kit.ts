// The parts every sync adapter is made of: what a queued record looks like, how a look-up
// on the hosted LMS reports "not there" apart from "no answer", and the common readers.
// Each domain's adapters live in ./adapters/<domain>.ts; ./adapters.ts joins them.
import type { EntityName } from '../../shared/contract/operation'
import type { Sql } from '../engine/db/sql'
import type { HostedClient } from './hosted-client'

export interface QueuedRecord {
  id: number
  operation: string
  entity: string
  local_id: number | null
  input: Record<string, unknown>
}

export interface AdapterContext {
  sql: Sql
  client: HostedClient
  /** The server id mapped to a local id, if any. */
  serverId(entity: EntityName, localId: number): number | undefined
}

/**
 * What a look-up on the hosted LMS found: the server id, `undefined` when the server
 * answered that there is no such row, 'unknown' when it did not answer (timeout, 5xx,
 * 429), 'unauthorized' when it refused the token. Only `undefined` allows sending a create
 * again: a failed look-up proves nothing.
 */
export type Lookup = number | undefined | 'unknown' | 'unauthorized'

export interface SyncAdapter {
  kind: 'create' | 'update' | 'delete'
  /** For creates: the server id in a successful answer, or found afterwards when the answer has none. */
  serverIdAfterSuccess?(ctx: AdapterContext, record: QueuedRecord, sentInput: Record<string, unknown>, body: unknown): Promise<Lookup>
  /** For creates whose earlier attempt has no known outcome: the server id of the row if it exists already. */
  reconcile?(ctx: AdapterContext, record: QueuedRecord, sentInput: Record<string, unknown>): Promise<Lookup>
}

export type Row = Record<string, unknown>
export type Page = { records?: Row[] }

/** A read for a look-up: its body; `undefined` when refused (the row cannot exist); why there is no answer otherwise. */
export async function lookupRead<T>(ctx: AdapterContext, name: string, input: Record<string, unknown>): Promise<T | undefined | 'unknown' | 'unauthorized'> {
  const outcome = await ctx.client.call(name, input)
  if (outcome.kind === 'ok') return outcome.body as T
  if (outcome.kind === 'unauthorized') return 'unauthorized'
  return outcome.kind === 'refused' ? undefined : 'unknown'
}

export const idFromBody = async (_ctx: AdapterContext, _record: QueuedRecord, _input: Record<string, unknown>, body: unknown) => {
  const id = (body as { id?: unknown })?.id
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined
}


/** The id of the first record of a list page whose fields match, the look-up every natural key uses. */
export async function findInList(
  ctx: AdapterContext,
  listOperation: string,
  input: Record<string, unknown>,
  matches: (row: Row) => boolean,
): Promise<Lookup> {
  const page = await lookupRead<Page>(ctx, listOperation, input)
  if (page === 'unknown' || page === 'unauthorized') return page
  const match = page?.records?.find(matches)
  return typeof match?.id === 'number' ? match.id : undefined
}
