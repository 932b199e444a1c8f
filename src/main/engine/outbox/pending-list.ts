// The unsent list the user sees (the Pending page), a page at a time.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { DB } from '../db/schema'
import type { Sql } from '../db/sql'
import { SENDABLE, UNSENT_STATES, type OutboxRecord } from './states'

/** How an unsent record stands for the user: waiting its turn, being sent, parked for them, or held back by another. */
export type UnsentState = 'waiting' | 'sending' | 'parked' | 'blocked'

const UNSENT_STATE_WHERE: Record<UnsentState, (eb: ExpressionBuilder<DB, 'change_records'>) => Expression<SqlBool>> = {
  waiting: (eb) => eb.and([eb('state', '=', 'pending'), eb('blocked_reason', 'is', null)]),
  sending: (eb) => eb.and([eb('state', '=', 'sending'), eb('blocked_reason', 'is', null)]),
  parked: (eb) => eb('state', '=', 'parked'),
  blocked: (eb) => eb.and([eb('state', 'in', [...SENDABLE]), eb('blocked_reason', 'is not', null)]),
}

export function unsentStateOf(row: { state: string; blocked_reason: string | null }): UnsentState {
  if (row.state === 'parked') return 'parked'
  if (row.blocked_reason) return 'blocked'
  return row.state === 'sending' ? 'sending' : 'waiting'
}

/** How many unsent records stand in each state (counted in SQL: a queue of 10,000 is never loaded). */
export function unsentCountsByState(sql: Sql): Record<UnsentState, number> {
  const counts: Record<UnsentState, number> = { waiting: 0, sending: 0, parked: 0, blocked: 0 }
  const rows = sql.all(
    sql.qb
      .selectFrom('change_records')
      .select(['state', (eb) => eb('blocked_reason', 'is not', null).as('blocked'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', 'in', [...UNSENT_STATES])
      .groupBy(['state', 'blocked']),
  )
  for (const r of rows) counts[unsentStateOf({ state: r.state, blocked_reason: r.blocked ? 'x' : null })] += Number(r.n)
  return counts
}

/** One page of unsent records (in one state, if given), oldest first as the queue sends them. */
export function unsentPage(sql: Sql, page: { state?: UnsentState; limit: number; offset: number; order?: 'oldest' | 'newest' }): OutboxRecord[] {
  const { state } = page
  return sql.all(
    sql.qb
      .selectFrom('change_records')
      .selectAll()
      .where((eb) => (state ? UNSENT_STATE_WHERE[state](eb) : eb('state', 'in', [...UNSENT_STATES])))
      .orderBy('id', page.order === 'newest' ? 'desc' : 'asc')
      .limit(page.limit)
      .offset(page.offset),
  )
}
