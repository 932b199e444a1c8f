// How one record of a drain goes to the hosted LMS by its rule (rules/index.ts): prepared
// (or settled, held back or blocked instead), a create whose earlier attempt has no known
// outcome looked up before anything is sent, and the answer written (push-answers.ts).
// The drain (push.ts) decides the order and which records go side by side; nothing here
// names an operation.
import type { QueuedName } from '../../shared/operations/index'
import type { ChangeRecordRow } from '../engine/db/schema'
import type { Sql } from '../engine/db/sql'
import * as outbox from '../engine/outbox'
import { UnreadableSecretError } from '../engine/queue-key'
import type { HostedClient, HostedOutcome } from './hosted-client'
import { openConflictOn } from './open-conflict'
import { backoffMs, settleAnswer, type Ready } from './push-answers'
import type { DrainLedger } from './push-ledger'
import { ruleOf } from './rules/index'
import type { Queued, RuleContext } from './rules/rule'
import { mappedServerId, translate } from './translate'

export class RecordSender {
  readonly ctx: RuleContext

  constructor(
    private readonly sql: Sql,
    private readonly client: HostedClient,
    private readonly clock: () => Date,
    private readonly random: () => number,
    private readonly ledger: DrainLedger,
  ) {
    this.ctx = { sql, client, serverId: (entity, localId) => mappedServerId(sql, entity, localId) }
  }

  /** What every record goes through before its request: null when it is not sent now (settled, held or blocked). */
  async prepare(row: ChangeRecordRow): Promise<Ready | null> {
    const { sql, ctx, clock } = this
    const { done, park, hold } = this.ledger
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
      this.ledger.set(row.id, { state: 'discarded', last_error: translation.moot, blocked_reason: null })
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
  async confirmCreate({ row, record, rule, sent }: Ready, accepted: boolean): Promise<'send' | 'settled' | 'stop'> {
    const { ctx, clock, ledger } = this
    const found = rule.confirm ? await rule.confirm.find(ctx, record, sent) : undefined
    if (found === 'unauthorized') {
      // As for a refused token on a send: pause everything, spend nothing.
      ledger.result.stoppedBecause = 'unauthorized'
      return 'stop'
    }
    if (found === 'unknown') {
      // The look-up got no answer: that is no proof either way. Wait and look again; no attempt is spent.
      const wait = backoffMs(Math.max(1, row.attempts), this.random)
      ledger.set(row.id, {
        state: 'sending',
        last_error: accepted
          ? `Accepted by the hosted LMS; its id is looked up through ${rule.confirm?.via ?? 'its list'} once the hosted LMS answers.`
          : 'The hosted LMS did not answer whether an earlier attempt arrived; it is asked again before anything is sent.',
        next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
      })
      ledger.stopFor('offline', wait)
      return 'stop'
    }
    if (typeof found === 'number') {
      if (rule.afterCreate) await rule.afterCreate(ctx, record, sent, found)
      ledger.done(row, found, record)
      return 'settled'
    }
    if (!accepted) return 'send'
    ledger.park(
      row,
      `The hosted LMS accepted this, but it cannot be found there through ${rule.confirm?.via ?? 'a documented look-up'}. Check it on the hosted LMS: if it is there, discard this record; if not, retry it.`,
    )
    return 'settled'
  }

  /** Writes what an answer means for its record; synchronous, so a window's answers share one commit. */
  settle(ready: Ready, outcome: HostedOutcome): 'go' | 'stop' | 'created' {
    return settleAnswer({ sql: this.sql, clock: this.clock, random: this.random, ctx: this.ctx, ledger: this.ledger }, ready, outcome)
  }

  /** A create the hosted LMS accepted: its id from the answer, or (none documented) looked up, never sent again. */
  async createdAnswer(ready: Ready, body: unknown): Promise<'go' | 'stop'> {
    const id = ready.rule.idFromAnswer?.(body)
    if (id !== undefined) {
      if (ready.rule.afterCreate) await ready.rule.afterCreate(this.ctx, ready.record, ready.sent, id)
      this.ledger.done(ready.row, id, ready.record)
      return 'go'
    }
    this.ledger.set(ready.row.id, { state: 'sending', accepted_at: this.clock().toISOString(), last_error: null })
    return (await this.confirmCreate(ready, true)) === 'stop' ? 'stop' : 'go'
  }

  /** One record alone: a create whose earlier attempt is uncertain is looked up first. */
  async sendOne(row: ChangeRecordRow): Promise<'go' | 'stop'> {
    const ready = await this.prepare(row)
    if (!ready) return 'go'
    if (ready.rule.kind === 'create' && row.state === 'sending') {
      const confirmed = await this.confirmCreate(ready, row.accepted_at !== null)
      if (confirmed === 'stop') return 'stop'
      if (confirmed === 'settled') return 'go'
    }
    // What is already on the hosted LMS (found by the look-up above, or by a pull) is not sent again.
    const request = ready.rule.request ? ready.rule.request(this.ctx, ready.sent, ready.record) : ready.sent
    if (request === null) {
      this.ledger.done(row)
      return 'go'
    }
    this.ledger.set(row.id, { state: 'sending', attempts: row.attempts + 1, blocked_reason: null })
    const outcome = await this.client.call(row.operation, request, row.idempotency_key ?? undefined)
    const verdict = this.settle(ready, outcome)
    return verdict === 'created' && outcome.kind === 'ok' ? this.createdAnswer(ready, outcome.body) : verdict === 'created' ? 'go' : verdict
  }
}
