// Drains the change queue to the hosted LMS, oldest first, by each operation's rule
// (rules/index.ts); nothing here names an operation. The order, batches and windows are
// here; what one record goes through (prepared, looked up, answered) is push-record.ts.
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
import type { ChangeRecordRow } from '../engine/db/schema'
import type { Sql } from '../engine/db/sql'
import { readMeta } from '../engine/meta'
import * as outbox from '../engine/outbox'
import { groupCommit, type GroupCommit } from './group-commit'
import type { HostedClient } from './hosted-client'
import { HOLD_UNTIL_KEY, type Ready } from './push-answers'
import { DrainLedger, type PushResult } from './push-ledger'
import { RecordSender } from './push-record'
import { coalesce, goesSideBySide, readyLanes } from './queue-order'

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
  const { sql, clock } = deps
  const holdUntil = readMeta(sql, HOLD_UNTIL_KEY)
  if (holdUntil && holdUntil > clock().toISOString()) {
    return { pushed: 0, parked: 0, blocked: 0, stoppedBecause: 'rate_limited', retryAfterMs: new Date(holdUntil).getTime() - clock().getTime() }
  }
  coalesce(sql)
  return new Drain(deps).run()
}

// The ready records are read a batch at a time (one of each order key), not once per
// record: re-reading the whole queue per record made a drain quadratic. The next record
// of a key goes once the one before it is done: side-by-side ones from the lane read with
// the batch (readyLanes), the rest in the next batch, read once this one is exhausted. Windows of side-by-side
// records from one batch touch different keys, so up to WINDOWS_IN_FLIGHT of them go at
// once: while the hosted LMS answers one, the next is prepared here. Anything else waits
// until they are all settled, and goes alone.
class Drain {
  private readonly sql: Sql
  private readonly ledger: DrainLedger
  private readonly sender: RecordSender
  private readonly commit: GroupCommit
  private readonly attempted = new Set<number>()
  private readonly total: number
  private batch: ChangeRecordRow[] = []
  private readonly lanes = new Map<number, ChangeRecordRow[]>()
  private readonly inFlight = new Set<Promise<'go' | 'stop'>>()
  private stopped = false

  constructor(private readonly deps: PushDeps) {
    const { sql, client, clock } = deps
    this.sql = sql
    this.total = outbox.sendableCount(sql)
    this.commit = groupCommit(sql)
    this.ledger = new DrainLedger(sql, clock)
    this.sender = new RecordSender(sql, client, clock, deps.random ?? Math.random, this.ledger)
  }

  async run(): Promise<PushResult> {
    const { result } = this.ledger
    try {
      for (;;) {
        if (this.batch.length === 0) {
          // Windows in flight keep their records `sending`, which holds their keys back in
          // readyRecords: the next batch is read once one window is back, not all of them.
          if (this.inFlight.size > 0) await Promise.race(this.inFlight)
          if (this.stopped) {
            await this.settleAll()
            return result
          }
          // The window back may have queued the next records of its keys: those go first.
          if (this.batch.length === 0) this.readBatch()
          if (this.batch.length === 0 && this.inFlight.size > 0) continue
        }
        if (this.batch.length === 0) break
        const front = this.takeFront()
        const together = goesSideBySide(front[0].operation)
        if (!together && !(await this.settleAll())) return result
        const current = this.stillSendable(front)
        if (current.length === 0) continue
        if (!together) {
          const verdict = await this.sender.sendOne(current[0])
          this.deps.onProgress?.(result.pushed, this.total)
          if (verdict === 'stop') return result
          continue
        }
        this.launch(current)
        if (this.inFlight.size >= WINDOWS_IN_FLIGHT) await Promise.race(this.inFlight)
        if (this.stopped) {
          await this.settleAll()
          return result
        }
      }
      await this.settleAll()
      return result
    } finally {
      // A window that threw ends the drain: the answers of the others are written before it returns (a pull may follow).
      while (this.inFlight.size) await Promise.allSettled([...this.inFlight])
    }
  }

  /** Waits for every window in flight; false when one of them stopped the drain. */
  private async settleAll(): Promise<boolean> {
    while (this.inFlight.size) await Promise.race(this.inFlight)
    return !this.stopped
  }

  /** The next batch and the lanes read with it, without what this drain has attempted already. */
  private readBatch(): void {
    const read = readyLanes(this.sql, this.deps.clock())
    for (const [id, lane] of read.next) if (!this.attempted.has(id)) this.lanes.set(id, lane)
    this.batch = read.ready.filter((r) => !this.attempted.has(r.id))
  }

  /** The front of the batch: a run of side-by-side records goes together, anything else alone. */
  private takeFront(): ChangeRecordRow[] {
    const front: ChangeRecordRow[] = []
    while (this.batch.length > 0 && front.length < UPDATE_WINDOW) {
      const together = goesSideBySide(this.batch[0].operation)
      if (front.length > 0 && !together) break
      front.push(this.batch.shift() as ChangeRecordRow)
      if (!together) break
    }
    return front
  }

  /** Read again: since the batch was read, the user may have retried, discarded or undone them. */
  private stillSendable(front: ChangeRecordRow[]): ChangeRecordRow[] {
    const current: ChangeRecordRow[] = []
    const now = this.deps.clock().toISOString()
    for (const candidate of front) {
      // Read twice (a batch and a lane both hold it): sent once.
      if (this.attempted.has(candidate.id)) continue
      this.attempted.add(candidate.id)
      const row = outbox.byId(this.sql, candidate.id)
      if (row && (row.state === 'pending' || row.state === 'sending') && !(row.next_attempt_at && row.next_attempt_at > now)) current.push(row)
    }
    return current
  }

  /** A window of side-by-side records in flight; one that stops the drain stops the loop at its next turn. */
  private launch(rows: ChangeRecordRow[]): void {
    const window: Promise<'go' | 'stop'> = this.sendTogether(rows)
      .then((verdict) => {
        if (verdict === 'stop') this.stopped = true
        this.deps.onProgress?.(this.ledger.result.pushed, this.total)
        return verdict
      })
      .finally(() => this.inFlight.delete(window))
    this.inFlight.add(window)
  }

  /** Records of different rows whose rule lets them go side by side (grades, marks; never creates). */
  private async sendTogether(rows: ChangeRecordRow[]): Promise<'go' | 'stop'> {
    const { sender, ledger, commit } = this
    const ready = (await Promise.all(rows.map((row) => sender.prepare(row)))).filter((p): p is Ready => p !== null)
    if (ready.length === 0) return 'go'
    // Another window in flight was told to stop (429, 503, 401, no answer) meanwhile: send nothing more.
    if (ledger.result.stoppedBecause) return 'stop'
    // On disk before the requests leave; the commit is shared with other windows' writes of this turn.
    await commit(() => {
      for (const { row } of ready) ledger.set(row.id, { state: 'sending', attempts: row.attempts + 1, blocked_reason: null })
    })
    const outcomes = await Promise.all(ready.map(({ row, sent }) => this.deps.client.call(row.operation, sent, row.idempotency_key ?? undefined)))
    // The window's answers in one write; the window is done (and its keys free) once it is committed.
    const verdict = await commit(() => ready.reduce<'go' | 'stop'>((v, r, i) => (sender.settle(r, outcomes[i]) === 'stop' ? 'stop' : v), 'go'))
    // Committed: the next record of each key sent may go (queued after what the batch holds).
    for (const { row } of ready) {
      const lane = this.lanes.get(row.id)
      this.lanes.delete(row.id)
      const following = lane?.shift()
      if (!following || !ledger.doneIds.has(row.id)) continue
      this.lanes.set(following.id, lane as ChangeRecordRow[])
      this.batch.push(following)
    }
    return verdict
  }
}
