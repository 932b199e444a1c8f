// Drains the change queue to the hosted LMS, oldest first, by each operation's rule
// (rules/index.ts); nothing here names an operation.
//  - A record is marked `sending` (and its attempt counted) before its request goes out.
//  - A create is never sent again blindly. After an attempt with no known outcome it is
//    first looked up through the documented route its rule names; found, its id is
//    adopted; answered "not there", it is sent again; no answer, it waits. A create the
//    hosted LMS accepted whose answer has no id is only ever looked up (accepted_at); if
//    the look-up cannot find it, it is parked with what to check.
//  - The server id of a create is mapped in the same transaction that marks it done.
//  - Records of one order key keep their order; a record whose parent is not on the server
//    yet waits with a reason; a refused (4xx) record is parked with the server's message
//    and the fields it named, and never wedges unrelated ones.
//  - Records whose rule allows it (grades, attendance marks) go side by side in windows of
//    UPDATE_WINDOW, WINDOWS_IN_FLIGHT windows in flight; everything else one at a time.
//  - No answer / 5xx / 429 back off with jitter; 429 and 503 hold the whole queue until
//    Retry-After; 401 pauses the whole queue without spending the record's retries.
import type { QueuedName } from '../../shared/operations/index'
import type { ChangeRecordRow } from '../engine/db/schema'
import type { Sql } from '../engine/db/sql'
import { readMeta } from '../engine/meta'
import * as outbox from '../engine/outbox'
import { UnreadableSecretError } from '../engine/queue-key'
import { groupCommit } from './group-commit'
import type { HostedClient, HostedOutcome } from './hosted-client'
import { openConflictOn } from './open-conflict'
import { backoffMs, HOLD_UNTIL_KEY, settleAnswer, type Ready } from './push-answers'
import { DrainLedger, type PushResult } from './push-ledger'
import { coalesce, goesSideBySide, readyLanes } from './queue-order'
import { ruleOf } from './rules/index'
import type { Queued, RuleContext } from './rules/rule'
import { mappedServerId, translate } from './translate'

export { coalesce, UNSENT_STATES } from './queue-order'

export { backoffMs, HOLD_UNTIL_KEY } from './push-answers'
export type { PushResult } from './push-ledger'

export interface PushDeps {
  sql: Sql
  client: HostedClient
  clock: () => Date
  random?: () => number
  /** Called after each record settles, for progress and status events. */
  onProgress?: (done: number, total: number) => void
}

const UPDATE_WINDOW = 16
const WINDOWS_IN_FLIGHT = 3

export async function drainQueue(deps: PushDeps): Promise<PushResult> {
  const { sql, client, clock } = deps
  const random = deps.random ?? Math.random
  const ctx: RuleContext = { sql, client, serverId: (entity, localId) => mappedServerId(sql, entity, localId) }
  const holdUntil = readMeta(sql, HOLD_UNTIL_KEY)
  if (holdUntil && holdUntil > clock().toISOString()) {
    return { pushed: 0, parked: 0, blocked: 0, stoppedBecause: 'rate_limited', retryAfterMs: new Date(holdUntil).getTime() - clock().getTime() }
  }
  coalesce(sql)
  const attempted = new Set<number>()
  const total = outbox.sendableCount(sql)

  const commit = groupCommit(sql)
  const ledger = new DrainLedger(sql, clock)
  const { result, doneIds, done, park, hold, stopFor } = ledger
  const setRecord = ledger.set

  /** What every record goes through before its request: null when it is not sent now (settled, held or blocked). */
  const prepare = async (row: ChangeRecordRow): Promise<Ready | null> => {
    const rule = ruleOf(row.operation)
    if (!rule) {
      park(row, `${row.operation} is not an operation this version of the app can send.`)
      return null
    }
    if (rule.localOnly) {
      park(row, rule.localOnly)
      return null
    }
    let input: unknown
    try {
      input = outbox.sendableInput(sql, row)
    } catch (error) {
      if (!(error instanceof UnreadableSecretError)) throw error
      park(row, error.message)
      return null
    }
    const record = { id: row.id, operation: row.operation as QueuedName, entity: row.entity, local_id: row.local_id, input: input as never } as Queued
    // A pull adopted this row by its natural key (it existed on the server already): nothing to create.
    if (rule.kind === 'create' && record.local_id !== null && mappedServerId(sql, record.entity, record.local_id) !== undefined) {
      done(row)
      return null
    }
    // A row with an open conflict waits for the user's choice: sending would decide it for them.
    const conflict = rule.conflictRow ? rule.conflictRow(record) : record.local_id === null ? null : { entity: record.entity, localId: record.local_id }
    if (conflict && openConflictOn(sql, conflict.entity, conflict.localId)) {
      hold(row, 'Held: this row conflicts with the hosted LMS; choose mine or theirs in Sync.')
      return null
    }
    const translation = await translate(ctx, record)
    if (!translation.ok && 'moot' in translation) {
      // What it refers to is gone here and not on the hosted LMS: nothing to send, nothing lost.
      setRecord(row.id, { state: 'discarded', last_error: translation.moot, blocked_reason: null })
      return null
    }
    if (!translation.ok) {
      hold(row, translation.blockedBy)
      return null
    }
    let sent = translation.input
    for (const field of rule.notSent?.fields ?? []) delete sent[field]
    if (rule.complete) {
      const completed = await rule.complete.read(ctx, sent, record)
      if ('wait' in completed) {
        hold(row, completed.wait)
        return null
      }
      sent = completed.sent
    }
    if (rule.check) {
      const held = await rule.check(ctx, record, sent, clock().toISOString())
      if (held) {
        hold(row, held)
        return null
      }
    }
    return { row, record, rule, sent }
  }

  /**
   * Looks for a create on the hosted LMS through its rule's documented look-up. 'send' when
   * it is not there and may be sent; 'settled' when found (mapped), parked or waiting.
   */
  const confirmCreate = async ({ row, record, rule, sent }: Ready, accepted: boolean): Promise<'send' | 'settled' | 'stop'> => {
    const found = rule.confirm ? await rule.confirm.find(ctx, record, sent) : undefined
    if (found === 'unauthorized') {
      // As for a refused token on a send: pause everything, spend nothing.
      result.stoppedBecause = 'unauthorized'
      return 'stop'
    }
    if (found === 'unknown') {
      // The look-up got no answer: that is no proof either way. Wait and look again; no attempt is spent.
      const wait = backoffMs(Math.max(1, row.attempts), random)
      setRecord(row.id, {
        state: 'sending',
        last_error: accepted
          ? `Accepted by the hosted LMS; its id is looked up through ${rule.confirm?.via ?? 'its list'} once the hosted LMS answers.`
          : 'The hosted LMS did not answer whether an earlier attempt arrived; it is asked again before anything is sent.',
        next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
      })
      stopFor('offline', wait)
      return 'stop'
    }
    if (typeof found === 'number') {
      if (rule.afterCreate) await rule.afterCreate(ctx, record, sent, found)
      done(row, found, record)
      return 'settled'
    }
    if (!accepted) return 'send'
    park(
      row,
      `The hosted LMS accepted this, but it cannot be found there through ${rule.confirm?.via ?? 'a documented look-up'}. Check it on the hosted LMS: if it is there, discard this record; if not, retry it.`,
    )
    return 'settled'
  }

  const settle = (ready: Ready, outcome: HostedOutcome) => settleAnswer({ sql, clock, random, ctx, ledger }, ready, outcome)

  /** A create the hosted LMS accepted: its id from the answer, or (none documented) looked up, never sent again. */
  const createdAnswer = async (ready: Ready, body: unknown): Promise<'go' | 'stop'> => {
    const id = ready.rule.idFromAnswer?.(body)
    if (id !== undefined) {
      if (ready.rule.afterCreate) await ready.rule.afterCreate(ctx, ready.record, ready.sent, id)
      done(ready.row, id, ready.record)
      return 'go'
    }
    setRecord(ready.row.id, { state: 'sending', accepted_at: clock().toISOString(), last_error: null })
    return (await confirmCreate(ready, true)) === 'stop' ? 'stop' : 'go'
  }

  /** One record alone: a create whose earlier attempt is uncertain is looked up first. */
  const sendOne = async (row: ChangeRecordRow): Promise<'go' | 'stop'> => {
    const ready = await prepare(row)
    if (!ready) return 'go'
    if (ready.rule.kind === 'create' && row.state === 'sending') {
      const confirmed = await confirmCreate(ready, row.accepted_at !== null)
      if (confirmed === 'stop') return 'stop'
      if (confirmed === 'settled') return 'go'
    }
    // What is already on the hosted LMS (found by the look-up above, or by a pull) is not sent again.
    const request = ready.rule.request ? ready.rule.request(ctx, ready.sent, ready.record) : ready.sent
    if (request === null) {
      done(row)
      return 'go'
    }
    setRecord(row.id, { state: 'sending', attempts: row.attempts + 1, blocked_reason: null })
    const outcome = await client.call(row.operation, request, row.idempotency_key ?? undefined)
    const verdict = settle(ready, outcome)
    return verdict === 'created' && outcome.kind === 'ok' ? createdAnswer(ready, outcome.body) : verdict === 'created' ? 'go' : verdict
  }

  /** Records of different rows whose rule lets them go side by side (grades, marks; never creates). */
  const sendTogether = async (rows: ChangeRecordRow[]): Promise<'go' | 'stop'> => {
    const ready = (await Promise.all(rows.map(prepare))).filter((p): p is Ready => p !== null)
    if (ready.length === 0) return 'go'
    // Another window in flight was told to stop (429, 503, 401, no answer) meanwhile: send nothing more.
    if (result.stoppedBecause) return 'stop'
    // On disk before the requests leave; the commit is shared with other windows' writes of this turn.
    await commit(() => {
      for (const { row } of ready) setRecord(row.id, { state: 'sending', attempts: row.attempts + 1, blocked_reason: null })
    })
    const outcomes = await Promise.all(ready.map(({ row, sent }) => client.call(row.operation, sent, row.idempotency_key ?? undefined)))
    // The window's answers in one write; the window is done (and its keys free) once it is committed.
    const verdict = await commit(() => ready.reduce<'go' | 'stop'>((v, r, i) => (settle(r, outcomes[i]) === 'stop' ? 'stop' : v), 'go'))
    // Committed: the next record of each key sent may go (queued after what the batch holds).
    for (const { row } of ready) {
      const lane = lanes.get(row.id)
      lanes.delete(row.id)
      const following = lane?.shift()
      if (!following || !doneIds.has(row.id)) continue
      lanes.set(following.id, lane as ChangeRecordRow[])
      batch.push(following)
    }
    return verdict
  }

  // The ready records are read a batch at a time (one of each order key), not once per
  // record: re-reading the whole queue per record made a drain quadratic. The next record
  // of a key goes once the one before it is done: side-by-side ones from the lane read with
  // the batch (readyLanes), the rest in the next batch, read once this one is exhausted. Windows of side-by-side
  // records from one batch touch different keys, so up to WINDOWS_IN_FLIGHT of them go at
  // once: while the hosted LMS answers one, the next is prepared here. Anything else waits
  // until they are all settled, and goes alone.
  let batch: ChangeRecordRow[] = []
  const lanes = new Map<number, ChangeRecordRow[]>()
  const inFlight = new Set<Promise<'go' | 'stop'>>()
  let stopped = false
  const settleAll = async () => {
    while (inFlight.size) await Promise.race(inFlight)
    return !stopped
  }
  try {
    for (;;) {
      if (batch.length === 0) {
        // Windows in flight keep their records `sending`, which holds their keys back in
        // readyRecords: the next batch is read once one window is back, not all of them.
        if (inFlight.size > 0) await Promise.race(inFlight)
        if (stopped) {
          await settleAll()
          return result
        }
        // The window back may have queued the next records of its keys: those go first.
        if (batch.length === 0) {
          const read = readyLanes(sql, clock())
          for (const [id, lane] of read.next) if (!attempted.has(id)) lanes.set(id, lane)
          batch = read.ready.filter((r) => !attempted.has(r.id))
        }
        if (batch.length === 0 && inFlight.size > 0) continue
      }
      if (batch.length === 0) break
      // The front of the batch: a run of side-by-side records goes together, anything else alone.
      const front: ChangeRecordRow[] = []
      while (batch.length > 0 && front.length < UPDATE_WINDOW) {
        const together = goesSideBySide(batch[0].operation)
        if (front.length > 0 && !together) break
        front.push(batch.shift() as ChangeRecordRow)
        if (!together) break
      }
      const together = goesSideBySide(front[0].operation)
      if (!together && !(await settleAll())) return result
      // Read again: since the batch was read, the user may have retried, discarded or undone them.
      const current: ChangeRecordRow[] = []
      const now = clock().toISOString()
      for (const candidate of front) {
        // Read twice (a batch and a lane both hold it): sent once.
        if (attempted.has(candidate.id)) continue
        attempted.add(candidate.id)
        const row = outbox.byId(sql, candidate.id)
        if (row && (row.state === 'pending' || row.state === 'sending') && !(row.next_attempt_at && row.next_attempt_at > now)) current.push(row)
      }
      if (current.length === 0) continue
      if (!together) {
        const verdict = await sendOne(current[0])
        deps.onProgress?.(result.pushed, total)
        if (verdict === 'stop') return result
        continue
      }
      const window: Promise<'go' | 'stop'> = sendTogether(current)
        .then((verdict) => {
          if (verdict === 'stop') stopped = true
          deps.onProgress?.(result.pushed, total)
          return verdict
        })
        .finally(() => inFlight.delete(window))
      inFlight.add(window)
      if (inFlight.size >= WINDOWS_IN_FLIGHT) await Promise.race(inFlight)
      if (stopped) {
        await settleAll()
        return result
      }
    }
    await settleAll()
    return result
  } finally {
    // A window that threw ends the drain: the answers of the others are written before it returns (a pull may follow).
    while (inFlight.size) await Promise.allSettled([...inFlight])
  }
}
