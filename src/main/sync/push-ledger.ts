// What a drain writes about its records (done, parked, held back) and what it tells the
// caller (the counts, why it stopped). One per drain; the push decides, this records.
import type { ChangeRecordRow } from '../engine/db/schema'
import type { Sql } from '../engine/db/sql'
import * as outbox from '../engine/outbox'
import { mapIds } from './id-map'
import { ruleOf } from './rules/index'
import type { Queued } from './rules/rule'
import { rememberSent } from './sent-values'

export interface PushResult {
  pushed: number
  parked: number
  blocked: number
  /** Why the drain stopped before the queue was empty, if it did. */
  stoppedBecause: 'unauthorized' | 'offline' | 'rate_limited' | null
  retryAfterMs: number | null
}

export class DrainLedger {
  readonly result: PushResult = { pushed: 0, parked: 0, blocked: 0, stoppedBecause: null, retryAfterMs: null }
  /** Records marked done in this drain: the next record of their key (lanes) may follow. */
  readonly doneIds = new Set<number>()

  constructor(
    private readonly sql: Sql,
    private readonly clock: () => Date,
  ) {}

  readonly set = (id: number, values: outbox.OutboxMark): void => outbox.mark(this.sql, id, values, this.clock().toISOString())

  /** `sent`: the input of a create or update the hosted LMS confirmed holding (sent-values.ts). */
  readonly done = (row: ChangeRecordRow, serverId?: number, sent?: Queued): void =>
    this.sql.transaction(() => {
      if (serverId !== undefined && row.local_id !== null) mapIds(this.sql, row.entity, row.local_id, serverId)
      if (sent) rememberSent(this.sql, sent, ruleOf(sent.operation)?.kind === 'create' ? 'create' : 'update')
      this.set(row.id, { state: 'done', last_error: null, blocked_reason: null, next_attempt_at: null })
      this.result.pushed++
      this.doneIds.add(row.id)
    })

  readonly park = (row: ChangeRecordRow, reason: string): void => {
    this.set(row.id, { state: 'parked', last_error: reason })
    this.result.parked++
  }

  readonly hold = (row: ChangeRecordRow, reason: string): void => {
    this.set(row.id, { blocked_reason: reason })
    this.result.blocked++
  }

  /** Ends the drain for a reason; a refused token outranks the others when several answers stop it at once. */
  readonly stopFor = (why: NonNullable<PushResult['stoppedBecause']>, waitMs: number | null): void => {
    if (this.result.stoppedBecause === 'unauthorized') return
    this.result.stoppedBecause = why
    this.result.retryAfterMs = waitMs
  }
}
