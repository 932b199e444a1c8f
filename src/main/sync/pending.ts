// The unsent changes, a page at a time (oldest first, as the queue sends them, or newest
// first, where a trainer finds what they just did among thousands), each with
// what it does, the record it is about, since when it waits, and its state with the
// reason. Counted in SQL: a queue of 10,000 changes is paged, never cut off.
import type { Operation } from '../../shared/contract/operation'
import { operationsByName } from '../../shared/operations/index'
import { PENDING_STATES, type PendingChange, type PendingPage, type PendingState } from '../../shared/operations/sync'
import type { Sql } from '../engine/db/sql'
import { unsentCountsByState, unsentPage, unsentStateOf } from '../engine/outbox'
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

export function pendingCounts(sql: Sql): Record<PendingState, number> {
  return unsentCountsByState(sql) satisfies Record<PendingState, number>
}

export function listPending(sql: Sql, input: { page_size: number; page_number: number; state?: PendingState; order?: 'oldest' | 'newest' }): PendingPage {
  const counts = pendingCounts(sql)
  const total = PENDING_STATES.reduce((n, s) => n + counts[s], 0)
  const filtered = input.state ? counts[input.state] : total
  const rows = unsentPage(sql, { state: input.state, order: input.order, limit: input.page_size, offset: (input.page_number - 1) * input.page_size })
  const records = rows.map((r): PendingChange => {
    const s = unsentStateOf(r)
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
