// What an answer of the hosted LMS means for the record it answers: done, parked, retried
// after a backoff, or the whole drain stopped (a refused token, no connection, "slow down").
import type { Operation } from '../../shared/contract/operation'
import { operationsByName, type QueuedName } from '../../shared/operations/index'
import type { ChangeRecordRow } from '../engine/db/schema'
import type { Sql } from '../engine/db/sql'
import { writeMeta } from '../engine/meta'
import type { HostedOutcome } from './hosted-client'
import { fieldText } from './pull-phase'
import type { DrainLedger } from './push-ledger'
import type { Queued, RuleContext, Sent, SyncRule } from './rules/rule'

/** Until when the hosted LMS asked (429/503) that nothing be sent: it limits the client, not one record. */
export const HOLD_UNTIL_KEY = 'sync.hold_until'

const BASE_BACKOFF_MS = 2_000
const MAX_BACKOFF_MS = 10 * 60_000

/** Exponential backoff with full jitter (AWS architecture blog), floored at half the step. */
export function backoffMs(attempts: number, random: () => number): number {
  const step = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}

/** A record about to be sent: its row, its parsed record, its rule and the request it makes. */
export interface Ready {
  row: ChangeRecordRow
  record: Queued
  rule: SyncRule<QueuedName>
  sent: Sent
}

/** A refusal as the hosted LMS gave it: status, message, the fields a 422 named, and the request refused. */
function refusalText(operation: string, outcome: Extract<HostedOutcome, { kind: 'refused' }>): string {
  const declared = operationsByName.get(operation) as Operation | undefined
  const route = declared?.route ? ` Sent as ${declared.method} ${declared.route}.` : ''
  return `${outcome.status}: ${outcome.message}${outcome.fields ? ` (${fieldText(outcome.fields)})` : ''}${route}`
}

export interface AnswerScope {
  sql: Sql
  clock: () => Date
  random: () => number
  ctx: RuleContext
  ledger: DrainLedger
}

/**
 * Writes what an answer means for its record: 'stop' when the drain must end, 'created'
 * for a create answered with success (what to map is settled by createdAnswer, which may
 * need the hosted LMS again). Synchronous, so a window's outcomes share one transaction.
 */
export function settleAnswer(scope: AnswerScope, { row, rule, record, sent }: Ready, outcome: HostedOutcome): 'go' | 'stop' | 'created' {
  const { sql, clock, random, ctx, ledger } = scope
  const { done, park, stopFor, result } = ledger
  const setRecord = ledger.set
  switch (outcome.kind) {
    case 'ok': {
      if (rule.kind === 'create') return 'created'
      if (rule.kind === 'delete' && rule.kept?.(outcome.body)) {
        // The hosted LMS answered 200 but kept a row still in use: marking it done would leave it there for good.
        const message = String((outcome.body as { message?: unknown })?.message ?? 'not deleted')
        park(row, `${outcome.status}: The hosted LMS did not delete it: ${message}`)
        return 'go'
      }
      rule.accepted?.(ctx, record, sent)
      done(row, undefined, rule.kind === 'update' ? record : undefined)
      return 'go'
    }
    case 'refused': {
      // A delete of something already gone needs no retry.
      if (rule.kind === 'delete' && (outcome.status === 404 || outcome.status === 422) && rule.gone?.test(outcome.message)) {
        done(row)
        return 'go'
      }
      park(row, refusalText(row.operation, outcome))
      return 'go'
    }
    case 'unauthorized': {
      // Not this record's fault: give the attempt back and pause everything.
      setRecord(row.id, { state: row.state === 'sending' ? 'sending' : 'pending', attempts: row.attempts, last_error: null })
      result.stoppedBecause = 'unauthorized'
      return 'stop'
    }
    case 'retry_later': {
      const wait = outcome.retryAfterMs ?? backoffMs(row.attempts + 1, random)
      setRecord(row.id, {
        // The server may have written a create before failing: keep it `sending` so the next try confirms first.
        state: rule.kind === 'create' ? 'sending' : 'pending',
        last_error: `${outcome.status}: ${outcome.message}`,
        next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
      })
      if (outcome.status === 429 || outcome.status === 503) {
        // Without this, the next run (a local write triggers one) would send the other records at once.
        writeMeta(sql, HOLD_UNTIL_KEY, new Date(clock().getTime() + wait).toISOString())
        stopFor('rate_limited', wait)
        return 'stop'
      }
      return 'go'
    }
    case 'no_answer': {
      const wait = backoffMs(row.attempts + 1, random)
      setRecord(row.id, {
        state: rule.kind === 'create' ? 'sending' : 'pending',
        last_error: outcome.message,
        next_attempt_at: new Date(clock().getTime() + wait).toISOString(),
      })
      stopFor('offline', wait)
      return 'stop'
    }
  }
}
