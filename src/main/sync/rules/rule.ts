// What sync knows about one queued operation, all in one place (rules/index.ts holds one
// rule per queued operation, checked by the compiler): whether it creates, updates or
// deletes; which records keep their order and which may go side by side; what a later
// record supersedes or folds into; what it must wait for; what the request needs beyond
// the queued input (documented required parameters read from the hosted LMS) and which
// queued fields the reference has no place for; the checks before sending; the server id
// in a create's answer; and how a create is confirmed on the hosted LMS when its answer
// was lost or has no id (a documented route and filter, named).
import type { OpParsed, QueuedName } from '../../../shared/operations/index'
import type { Sql } from '../../engine/db/sql'
import type { HostedClient } from '../hosted-client'
import type { Lookup } from '../lookups'

export interface RuleContext {
  sql: Sql
  client: HostedClient
  /** The server id mapped to a local id, if any. */
  serverId(entity: string, localId: number): number | undefined
}

export interface Queued<N extends QueuedName = QueuedName> {
  id: number
  operation: N
  entity: string
  local_id: number | null
  input: OpParsed<N>
}

export type Sent = Record<string, unknown>

/** How a later unsent update folds into the unsent create of the same row; `consumed` when nothing of it is left to send. */
export type Fold<C extends QueuedName, U extends QueuedName> = (create: OpParsed<C>, update: OpParsed<U>) => { input: OpParsed<C>; consumed: boolean }

export interface Confirm<N extends QueuedName> {
  /** The documented route and filter the look-up relies on (README, notices). */
  via: string
  find(ctx: RuleContext, record: Queued<N>, sent: Sent): Promise<Lookup>
}

export interface SyncRule<N extends QueuedName> {
  kind: 'create' | 'update' | 'delete'
  /** Why it is never sent: the reference offers no way to. The record is held with this reason. */
  localOnly?: string
  /** Queued fields the reference does not document for the route: kept here, never sent, and why (from src/shared/contract/local-only.ts). */
  notSent?: { fields: readonly string[]; why: string }
  /** Fields holding ids that are not this laptop's (groups, memberships): sent as they are. */
  plainIds?: readonly string[]
  /** Records with the same key keep their order (default: the record's row). */
  orderKey?(input: OpParsed<N>): string
  /** A later unsent record of this operation replaces an earlier one of the same row (absolute values). */
  supersedes?: true
  /**
   * Keys a record of it may leave out, meaning "as it is": when it replaces an earlier one
   * that says them, their values come along (a user's `disabled`, sent only when changed).
   */
  carries?: readonly string[]
  /** For creates: how later unsent updates of the same row fold into it, by the update's operation. */
  folds?: { [U in QueuedName]?: Fold<N, U> }
  /** Records of it for different rows may be sent side by side (grades, attendance marks). */
  parallel?: true
  /** Tags this record puts on later ones while it is unsent (not parked). */
  holds?(input: OpParsed<N>): string[]
  /** Tags of earlier unsent records this one waits for. */
  waitsOn?(input: OpParsed<N>): string[]
  /** The row whose open conflict holds this record; null when its own check decides (default: its row). */
  conflictRow?(record: Queued<N>): { entity: string; localId: number } | null
  /** Parameters the reference requires beyond the queued input (`fills`), read from the hosted LMS just before sending; `wait` when they could not be read. */
  complete?: { fills: readonly string[]; read(ctx: RuleContext, sent: Sent, record: Queued<N>): Promise<{ sent: Sent } | { wait: string }> }
  /** The request as sent, from the translated input without the parts already on the server; null when nothing is left to send. */
  request?(ctx: RuleContext, sent: Sent, record: Queued<N>): Sent | null
  /** Checked just before sending: the reason to hold it, or null to send. */
  check?(ctx: RuleContext, record: Queued<N>, sent: Sent, now: string): Promise<string | null>
  /** After the hosted LMS accepted an update or delete (2xx): what this run now knows the hosted LMS holds. */
  accepted?(ctx: RuleContext, record: Queued<N>, sent: Sent): void
  /** For creates: the server id in a successful answer, when the documented answer has one. */
  idFromAnswer?(body: unknown): number | undefined
  /** For creates: how it is found on the hosted LMS when its answer was lost or has no id. */
  confirm?: Confirm<N>
  /** After a create is found or answered: anything else to map (each imported user, a deep clone's modules). */
  afterCreate?(ctx: RuleContext, record: Queued<N>, sent: Sent, serverId: number): Promise<void>
  /** For deletes answered 200: whether the server kept the row (still in use). */
  kept?(body: unknown): boolean
  /** For deletes: a refusal that says it is gone already (done, not parked). */
  gone?: RegExp
}

/** The `id` of a documented create answer ({ id, message }). */
export function idInAnswer(body: unknown): number | undefined {
  const raw = (body as { id?: unknown } | null)?.id
  const id = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined
}

/** The first element of a queued list of ids (one learner per enroll record). */
export const first = (list: unknown): number | undefined => (Array.isArray(list) && typeof list[0] === 'number' ? list[0] : undefined)

export const ALREADY_GONE = /invalid|not found|does not exist|are not enrollments of/i

/** Deletes the hosted LMS answers 200 while keeping rows still in use: `notDeleted`, or "N ... not deleted" with N above zero. */
export function keptByServer(body: unknown): boolean {
  const answer = body as { notDeleted?: unknown; message?: unknown } | null
  if (Array.isArray(answer?.notDeleted)) return answer.notDeleted.length > 0
  return typeof answer?.message === 'string' && /(^|\D)([1-9]\d*) \S+ not deleted/i.test(answer.message)
}
