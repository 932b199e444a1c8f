// What every step of a pull shares: the persisted cursor, what a read that did not answer
// as documented means for the run, and the counters a pull reports.
//  - No connection (no answer at all) stops the run: nothing else would get through.
//  - A refused token stops it; 429/503 stop it until the server allows more.
//  - Anything else (a 4xx, a 5xx, an answer that does not decode) fails that phase alone,
//    named with its route and message; the other phases and the push still run.
//  - A page that keeps failing is skipped after MAX_TRIES runs, with a notice, so one bad
//    answer cannot stop every later sync at the same place. It is tried again each run.
//  - A record that does not decode is skipped at once with a notice naming route and record.
import type { EntityName } from '../../shared/contract/operation'
import type { DataEntity } from '../../shared/operations/entities'
import type { Sql } from '../engine/db/sql'
import { readMeta, writeMeta } from '../engine/meta'
import type { Skipped } from './decode/kit'
import type { HostedClient, ReadFailure } from './hosted-client'
import { notice } from './pull-store'

export type PullStop = 'unauthorized' | 'offline' | 'rate_limited'

/** A phase that could not finish: which documented route failed and how. */
export interface PhaseFailure {
  route: string
  message: string
}

export type PhaseResult = PullStop | PhaseFailure | null

export interface PullCursor {
  /** One id per complete pull; rows seen in it carry it in sync_base. */
  sweep: string
  /** Which phase. */
  index: number
  /** Next page to fetch within the phase (or within the current item). */
  page: number
  /** Phases that walk a list of parents (courses): position in it. */
  item?: number
}

export interface PullDeps {
  sql: Sql
  client: HostedClient
  clock: () => Date
  pageSize?: number
  onProgress?: (fraction: number) => void
  /** Requests a phase keeps in flight at once (per-course and per-learner reads). */
  concurrency?: number
  /** Told after a page changed local rows, with the entities the phase writes. */
  onChanged?: (entities: readonly DataEntity[]) => void
  /** Learners of classes whose counts did not change that a pull reads again in turn (pull-rosters.ts). */
  rosterTurn?: number
}

export interface PhaseRun {
  deps: PullDeps
  pageSize: number
  concurrency: number
  cursor(): PullCursor
  /** Persists the cursor; call inside the transaction that applied the page it moves past. */
  save(cursor: PullCursor): void
  count(tally: { pulled?: number; conflicts?: number; deleted?: number }): void
  progress(fractionOfPhase: number): void
  /** Notices for records of an answer that did not decode (they were left out). */
  skipped(route: string, skipped: readonly Skipped[]): void
  /**
   * What a failed read means here: 'skip' when this place (`where`: phase, item, page) has
   * failed MAX_TRIES runs in a row (then a notice says so and the caller moves past it),
   * otherwise the stop or phase failure to return.
   */
  failed(failure: ReadFailure, where: string): 'skip' | Exclude<PhaseResult, null>
  /** A read at `where` succeeded: its failures are forgotten. */
  succeeded(where: string): void
  /** Runs a request in one of the run's `concurrency` slots (reads of many courses or learners share them). */
  slot<T>(request: () => Promise<T>): Promise<T>
}

export interface PullPhase {
  name: string
  /** The local rows it writes, named in the engine's `changed` event. */
  entities: readonly (EntityName | DataEntity)[]
  /** null when the phase finished; why it stopped otherwise (the cursor says where to resume). */
  run(run: PhaseRun): Promise<PhaseResult>
}

export const MAX_TRIES = 3
const FAILURES_KEY = 'sync.pull_failures'

export const isFailure = (r: PhaseResult): r is PhaseFailure => r !== null && typeof r === 'object'

export function messageOf(failure: ReadFailure): string {
  switch (failure.kind) {
    case 'undecodable':
      return `the answer is not as documented (${failure.problem})`
    case 'refused':
    case 'retry_later':
      return `${failure.status}: ${failure.message}${failure.kind === 'refused' && failure.fields ? ` (${fieldText(failure.fields)})` : ''}`
    default:
      return failure.message
  }
}

/** A 422's field errors in one line: "group_id: The group id field is required." */
export function fieldText(fields: Record<string, string[]>): string {
  return Object.entries(fields)
    .map(([field, texts]) => `${field}: ${texts.join(' ')}`)
    .join('; ')
}

/** How a failed read stops the run, or null when it only fails the phase. */
export function stopOf(failure: ReadFailure): PullStop | null {
  if (failure.kind === 'no_answer') return 'offline'
  if (failure.kind === 'unauthorized') return 'unauthorized'
  if (failure.kind === 'retry_later' && (failure.status === 429 || failure.status === 503)) return 'rate_limited'
  return null
}

/** The tries kept per failing place, across runs. */
export function failureLedger(sql: Sql, now: () => string) {
  const read = (): Record<string, number> => {
    try {
      return JSON.parse(readMeta(sql, FAILURES_KEY) || '{}') as Record<string, number>
    } catch {
      return {}
    }
  }
  return {
    fail(where: string, route: string, message: string): 'skip' | 'fail' {
      const ledger = read()
      const tries = (ledger[where] ?? 0) + 1
      ledger[where] = tries
      writeMeta(sql, FAILURES_KEY, JSON.stringify(ledger))
      if (tries < MAX_TRIES) return 'fail'
      notice(sql, 'pull_skipped', `${route} (${where}) failed ${tries} times in a row (${message}); it was skipped so the rest could be pulled, and is tried again at the next sync.`, now())
      return 'skip'
    },
    succeed(where: string): void {
      const ledger = read()
      if (!(where in ledger)) return
      delete ledger[where]
      writeMeta(sql, FAILURES_KEY, JSON.stringify(ledger))
    },
  }
}

/** At most `size` of the functions given run at once; the others wait their turn. */
export function semaphore(size: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async (fn) => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve))
    running++
    try {
      return await fn()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}

/** Runs fn over items with at most `limit` in flight; answers in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
