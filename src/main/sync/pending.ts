// The unsent changes, a page at a time (oldest first, as the queue sends them, or newest
// first, where a trainer finds what they just did among thousands), each with
// what it does, the record it is about, since when it waits, and its state with the
// reason. Counted in SQL: a queue of 10,000 changes is paged, never cut off.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Operation } from '../../shared/contract/operation'
import { operationsByName } from '../../shared/operations/index'
import { PENDING_STATES, type PendingChange, type PendingPage, type PendingState } from '../../shared/operations/sync'
import type { DB } from '../engine/db/schema'
import type { Sql } from '../engine/db/sql'
import { describeChange } from './describe-change'

/** Where an operation's summary speaks of many rows (or of the API) and a queued change is about one. */
const ACTIONS: Record<string, string> = {
  'users.delete': 'Delete a user',
  'users.bulkUpload': 'Create users (import)',
  'courses.delete': 'Delete a course',
  'courses.enroll': 'Enroll in a course',
  'courses.remove': 'Remove from a course',
  'assignments.evaluate': 'Grade a submission',
  'classes.enroll': 'Enroll in a class',
  'classes.remove': 'Remove from a class',
  'classes.updateStatus': 'Mark attendance',
  'users.updateClassStatus': 'Mark attendance',
  'certificateTemplates.delete': 'Delete a certificate template',
  'announcements.delete': 'Delete an announcement',
  'badges.delete': 'Delete a badge',
  'categories.delete': 'Delete a category',
  'coupons.delete': 'Delete a coupon',
}

export function actionOf(operation: string): string {
  return ACTIONS[operation] ?? (operationsByName.get(operation) as Operation | undefined)?.summary ?? operation
}

/** Each state as a condition on the queue's rows. */
const STATE_WHERE: Record<PendingState, (eb: ExpressionBuilder<DB, 'change_records'>) => Expression<SqlBool>> = {
  waiting: (eb) => eb.and([eb('state', '=', 'pending'), eb('blocked_reason', 'is', null)]),
  sending: (eb) => eb.and([eb('state', '=', 'sending'), eb('blocked_reason', 'is', null)]),
  parked: (eb) => eb('state', '=', 'parked'),
  blocked: (eb) => eb.and([eb('state', 'in', ['pending', 'sending']), eb('blocked_reason', 'is not', null)]),
}

function stateOf(row: { state: string; blocked_reason: string | null }): PendingState {
  if (row.state === 'parked') return 'parked'
  if (row.blocked_reason) return 'blocked'
  return row.state === 'sending' ? 'sending' : 'waiting'
}

export function pendingCounts(sql: Sql): Record<PendingState, number> {
  const counts = Object.fromEntries(PENDING_STATES.map((s) => [s, 0])) as Record<PendingState, number>
  const rows = sql.all(
    sql.qb
      .selectFrom('change_records')
      .select(['state', (eb) => eb('blocked_reason', 'is not', null).as('blocked'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', 'in', ['pending', 'sending', 'parked'])
      .groupBy(['state', 'blocked']),
  )
  for (const r of rows) counts[stateOf({ state: r.state, blocked_reason: r.blocked ? 'x' : null })] += Number(r.n)
  return counts
}

export function listPending(sql: Sql, input: { page_size: number; page_number: number; state?: PendingState; order?: 'oldest' | 'newest' }): PendingPage {
  const counts = pendingCounts(sql)
  const total = PENDING_STATES.reduce((n, s) => n + counts[s], 0)
  const filtered = input.state ? counts[input.state] : total
  const { state } = input
  const rows = sql.all(
    sql.qb
      .selectFrom('change_records')
      .select(['id', 'operation', 'entity', 'local_id', 'input', 'state', 'attempts', 'last_error', 'blocked_reason', 'next_attempt_at', 'created_at'])
      .where((eb) => (state ? STATE_WHERE[state](eb) : eb('state', 'in', ['pending', 'sending', 'parked'])))
      .orderBy('id', input.order === 'newest' ? 'desc' : 'asc')
      .limit(input.page_size)
      .offset((input.page_number - 1) * input.page_size),
  )
  const records = rows.map((r): PendingChange => {
    const s = stateOf(r)
    return {
      id: r.id,
      operation: r.operation,
      action: actionOf(r.operation),
      record: describeChange(sql, r.entity, r.local_id, JSON.parse(r.input) as Record<string, unknown>),
      state: s,
      reason: s === 'blocked' ? r.blocked_reason : r.last_error,
      since: r.created_at,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
    }
  })
  return { recordsTotal: total, recordsFiltered: filtered, records, counts }
}
