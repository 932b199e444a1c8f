// Drains the change queue to the hosted LMS, oldest first, one record at a time.
//  - A record is marked `sending` (and its attempt counted) before its request goes out.
//  - A create whose earlier attempt has no known outcome is first looked up by its natural
//    key, and the id found is adopted instead of sending it again.
//  - The server id of a create is mapped in the same transaction that marks it done.
//  - Records of one row keep their order; a record whose parent is not on the server yet
//    waits with a reason; a refused (4xx) record is parked and never wedges unrelated ones.
//  - No answer / 5xx / 429 back off with jitter (429 and 503 honour Retry-After); 401 pauses
//    the whole queue without spending the record's retries.
import type { Sql } from '../engine/db/sql'
import type { ChangeRecordRow } from '../engine/db/schema'
import { adapterFor, type AdapterContext, type QueuedRecord } from './adapters'
import type { HostedClient } from './hosted-client'
import { checkGradeBeforeSend } from './grade-conflicts'
import { mapIds, mappedServerId, translate } from './translate'

export const UNSENT_STATES = ['pending', 'sending', 'parked'] as const

export interface PushResult {
  pushed: number
  parked: number
  blocked: number
  /** Why the drain stopped before the queue was empty, if it did. */
  stoppedBecause: 'unauthorized' | 'offline' | 'rate_limited' | null
  retryAfterMs: number | null
}

export interface PushDeps {
  sql: Sql
  client: HostedClient
  clock: () => Date
  random?: () => number
  /** Called after each record settles, for progress and status events. */
  onProgress?: (done: number, total: number) => void
}

const BASE_BACKOFF_MS = 2_000
const MAX_BACKOFF_MS = 10 * 60_000

/** Exponential backoff with full jitter (AWS architecture blog), floored at half the step. */
export function backoffMs(attempts: number, random: () => number): number {
  const step = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}

function toQueued(row: ChangeRecordRow): QueuedRecord {
  return { id: row.id, operation: row.operation, entity: row.entity, local_id: row.local_id, input: JSON.parse(row.input) as Record<string, unknown> }
}

/**
 * Merges records never attempted: a later update of the same row replaces an earlier one
 * (updates carry absolute values), and a row created and deleted without either being
 * sent is not sent at all.
 */
export function coalesce(sql: Sql): number {
  let removed = 0
  sql.transaction(() => {
    const rows = sql.all(
      sql.qb.selectFrom('change_records').selectAll().where('state', '=', 'pending').where('attempts', '=', 0).where('local_id', 'is not', null).orderBy('id'),
    )
    const byRow = new Map<string, ChangeRecordRow[]>()
    for (const row of rows) {
      const key = `${row.entity}:${row.local_id}`
      byRow.set(key, [...(byRow.get(key) ?? []), row])
    }
    const drop = (ids: number[]) => {
      if (!ids.length) return
      removed += sql.run(sql.qb.deleteFrom('change_records').where('id', 'in', ids).where('attempts', '=', 0).where('state', '=', 'pending')).changes
    }
    for (const group of byRow.values()) {
      const kinds = group.map((r) => adapterFor(r.operation).kind)
      const createIndex = kinds.indexOf('create')
      const deleteIndex = kinds.lastIndexOf('delete')
      if (createIndex >= 0 && deleteIndex > createIndex) {
        drop(group.slice(createIndex, deleteIndex + 1).map((r) => r.id))
        continue
      }
      // Keep the last of each update operation; earlier ones of the same operation are superseded.
      const lastOf = new Map<string, number>()
      group.forEach((r, i) => {
        if (kinds[i] === 'update') lastOf.set(r.operation, i)
      })
      drop(group.filter((r, i) => kinds[i] === 'update' && lastOf.get(r.operation) !== i && supersedes(r.operation)).map((r) => r.id))
    }
  })
  return removed
}

/** Updates whose input is the whole row: a later one makes an earlier one pointless. */
function supersedes(operation: string): boolean {
  return ['users.update', 'courses.update', 'assignments.update', 'discussions.update', 'assignments.evaluate', 'users.updatePassword'].includes(operation)
}

/** The next record that may go now: the oldest unsent one whose row has no older unsent record. */
function readyRecords(sql: Sql, now: Date): ChangeRecordRow[] {
  const unsent = sql.all(sql.qb.selectFrom('change_records').selectAll().where('state', 'in', ['pending', 'sending', 'parked']).orderBy('id'))
  const heldRows = new Set<string>()
  const ready: ChangeRecordRow[] = []
  for (const row of unsent) {
    const key = `${row.entity}:${row.local_id ?? `r${row.id}`}`
    if (heldRows.has(key)) continue
    heldRows.add(key)
    if (row.state === 'parked') continue
    if (row.next_attempt_at && row.next_attempt_at > now.toISOString()) continue
    ready.push(row)
  }
  return ready
}

export async function drainQueue(deps: PushDeps): Promise<PushResult> {
  const { sql, client, clock } = deps
  const random = deps.random ?? Math.random
  const ctx: AdapterContext = { sql, client, serverId: (entity, localId) => mappedServerId(sql, entity, localId) }
  const result: PushResult = { pushed: 0, parked: 0, blocked: 0, stoppedBecause: null, retryAfterMs: null }
  coalesce(sql)
  const attempted = new Set<number>()
  const total = sql.first(sql.qb.selectFrom('change_records').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['pending', 'sending']))?.n ?? 0

  const setRecord = (id: number, values: Partial<Pick<ChangeRecordRow, 'state' | 'last_error' | 'next_attempt_at' | 'blocked_reason' | 'attempts'>>) =>
    sql.run(sql.qb.updateTable('change_records').set({ ...values, updated_at: clock().toISOString() }).where('id', '=', id))

  for (;;) {
    const next = readyRecords(sql, clock()).find((r) => !attempted.has(r.id))
    if (!next) break
    attempted.add(next.id)
    const record = toQueued(next)
    const adapter = adapterFor(record.operation)

    // A pull adopted this row by its natural key (it existed on the server already): nothing to create.
    if (adapter.kind === 'create' && record.local_id !== null && mappedServerId(sql, record.entity, record.local_id) !== undefined) {
      setRecord(record.id, { state: 'done', last_error: null, blocked_reason: null, next_attempt_at: null })
      result.pushed++
      continue
    }

    // A row with an open conflict waits for the user's choice: sending would decide it for them.
    if (record.local_id !== null && openConflictOn(sql, record.entity, record.local_id)) {
      setRecord(record.id, { blocked_reason: 'Held: this row conflicts with the hosted LMS; choose mine or theirs in Sync.' })
      result.blocked++
      continue
    }

    const translation = await translate(ctx, record)
    if (!translation.ok) {
      setRecord(record.id, { blocked_reason: translation.blockedBy })
      result.blocked++
      continue
    }
    const sent = translation.input
    if (record.operation === 'assignments.evaluate') {
      const held = await checkGradeBeforeSend(sql, client, record, sent, clock().toISOString())
      if (held) {
        setRecord(record.id, { blocked_reason: held })
        result.blocked++
        continue
      }
    }

    // An earlier attempt of this create may have landed: look for it before sending again.
    if (adapter.kind === 'create' && next.state === 'sending' && record.local_id !== null && adapter.reconcile) {
      const found = await adapter.reconcile(ctx, record, sent)
      if (found !== undefined) {
        sql.transaction(() => {
          mapIds(sql, record.entity, record.local_id as number, found)
          setRecord(record.id, { state: 'done', last_error: null, blocked_reason: null, next_attempt_at: null })
        })
        result.pushed++
        deps.onProgress?.(result.pushed, total)
        continue
      }
    }

    setRecord(record.id, { state: 'sending', attempts: next.attempts + 1, blocked_reason: null })
    const outcome = await client.call(record.operation, sent, next.idempotency_key)

    switch (outcome.kind) {
      case 'ok': {
        let serverId: number | undefined
        if (adapter.kind === 'create' && adapter.serverIdAfterSuccess) {
          serverId = await adapter.serverIdAfterSuccess(ctx, record, sent, outcome.body)
        }
        sql.transaction(() => {
          if (serverId !== undefined && record.local_id !== null) mapIds(sql, record.entity, record.local_id, serverId)
          setRecord(record.id, {
            state: adapter.kind === 'create' && serverId === undefined && adapter.serverIdAfterSuccess ? 'sending' : 'done',
            last_error: adapter.kind === 'create' && serverId === undefined && adapter.serverIdAfterSuccess ? 'Sent; its id on the hosted LMS is not known yet.' : null,
            next_attempt_at: null,
          })
        })
        result.pushed++
        deps.onProgress?.(result.pushed, total)
        break
      }
      case 'refused': {
        // A delete of something already gone, or an update of something the server removed, needs no retry.
        if (adapter.kind === 'delete' && (outcome.status === 404 || outcome.status === 422) && alreadyGone(outcome.message)) {
          setRecord(record.id, { state: 'done', last_error: null })
          result.pushed++
          break
        }
        setRecord(record.id, { state: 'parked', last_error: `${outcome.status}: ${outcome.message}` })
        result.parked++
        break
      }
      case 'unauthorized': {
        // Not this record's fault: give the attempt back and pause everything.
        setRecord(record.id, { state: next.state === 'sending' ? 'sending' : 'pending', attempts: next.attempts, last_error: null })
        result.stoppedBecause = 'unauthorized'
        return result
      }
      case 'retry_later': {
        const wait = outcome.retryAfterMs ?? backoffMs(next.attempts + 1, random)
        setRecord(record.id, {
          // The server may have written a create before failing: keep it `sending` so the next try reconciles first.
          state: adapter.kind === 'create' ? 'sending' : 'pending',
          last_error: `${outcome.status}: ${outcome.message}`,
          next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
        })
        if (outcome.status === 429 || outcome.status === 503) {
          result.stoppedBecause = 'rate_limited'
          result.retryAfterMs = wait
          return result
        }
        break
      }
      case 'no_answer': {
        const wait = backoffMs(next.attempts + 1, random)
        setRecord(record.id, {
          state: adapter.kind === 'create' ? 'sending' : 'pending',
          last_error: outcome.message,
          next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
        })
        result.stoppedBecause = 'offline'
        result.retryAfterMs = wait
        return result
      }
    }
  }
  return result
}

function openConflictOn(sql: Sql, entity: string, localId: number): boolean {
  return Boolean(
    sql.first(sql.qb.selectFrom('sync_conflicts').select('id').where('entity', '=', entity).where('local_id', '=', localId).where('resolved_at', 'is', null)),
  )
}

function alreadyGone(message: string): boolean {
  return /invalid|not found|does not exist/i.test(message)
}
