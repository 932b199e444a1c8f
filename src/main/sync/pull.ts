// Pull: the phases a pull walks through, in dependency order (rows before the rows that
// refer to them), with one cursor saved after every page so an interrupted first pull
// resumes where it stopped. A phase that fails is named (route and message) and the next
// phase runs; only no connection, a refused token or a server asking to slow down stop the
// run. Each phase lives in its own file; the README lists which documented route feeds
// which table.
import { randomUUID } from 'node:crypto'
import { readMeta, writeMeta } from '../engine/meta'
import { accredibleGroupsPhase } from './pull-accredible'
import { classesPhase } from './pull-classes'
import { rostersPhase } from './pull-rosters'
import { lastLoginPhase } from './pull-last-login'
import { userDisabledPhase } from './pull-user-disabled'
import { courseModulesPhase } from './pull-course-modules'
import { enrollmentsPhase } from './pull-enrollments'
import { PULLED_ROWS } from './pull-fields'
import { failureLedger, isFailure, messageOf, semaphore, stopOf, type PhaseFailure, type PullCursor, type PullDeps, type PullPhase, type PullStop } from './pull-phase'
import { rowsPhase } from './pull-rows'
import { notice } from './pull-store'
import { submissionsPhase } from './pull-submissions'
import { HOLD_UNTIL_KEY } from './push'

export type { PullDeps } from './pull-phase'
export { rewriteQueuedUpdates } from './pull-rows'

const PAGE_SIZE = 500
const CONCURRENCY = 8

export const PULL_PHASES: PullPhase[] = [
  ...PULLED_ROWS.map(rowsPhase),
  courseModulesPhase,
  enrollmentsPhase,
  submissionsPhase,
  classesPhase,
  rostersPhase,
  accredibleGroupsPhase,
  // Last: a saved cursor of an earlier version resumes at the phase it was in.
  lastLoginPhase,
  userDisabledPhase,
]

export interface PullResult {
  pulled: number
  conflicts: number
  deleted: number
  complete: boolean
  stoppedBecause: PullStop | null
  /** Phases that failed this run (the others ran). */
  failures: (PhaseFailure & { phase: string })[]
}

export async function pullAll(deps: PullDeps, phases: PullPhase[] = PULL_PHASES): Promise<PullResult> {
  const { sql } = deps
  const now = () => deps.clock().toISOString()
  const saved = readMeta(sql, 'sync.pull_cursor')
  const fresh = (): PullCursor => ({ sweep: randomUUID(), index: 0, page: 1 })
  let cursor: PullCursor = saved ? (JSON.parse(saved) as PullCursor) : fresh()
  const result: PullResult = { pulled: 0, conflicts: 0, deleted: 0, complete: false, stoppedBecause: null, failures: [] }
  const save = (next: PullCursor) => {
    cursor = next
    writeMeta(sql, 'sync.pull_cursor', JSON.stringify(cursor))
  }
  save(cursor)
  const ledger = failureLedger(sql, now)
  const slot = semaphore(deps.concurrency ?? CONCURRENCY)
  // A pull resumed after an interruption finishes the phases left, then sweeps once more
  // from the start: what an earlier run read is as old as that run, and later phases
  // depend on earlier ones (an enrollment is placed only once its user is known here).
  let resumed = cursor.index > 0 || cursor.page > 1 || (cursor.item ?? 0) > 0
  for (;;) {
    while (cursor.index < phases.length) {
      const index = cursor.index
      const phase = phases[index]
      const outcome = await phase.run({
        deps,
        pageSize: deps.pageSize ?? PAGE_SIZE,
        concurrency: deps.concurrency ?? CONCURRENCY,
        cursor: () => cursor,
        save,
        count(tally) {
          if ((tally.pulled ?? 0) + (tally.conflicts ?? 0) + (tally.deleted ?? 0) > 0) deps.onChanged?.(phases[index].entities)
          result.pulled += tally.pulled ?? 0
          result.conflicts += tally.conflicts ?? 0
          result.deleted += tally.deleted ?? 0
        },
        progress: (fraction) => deps.onProgress?.((index + Math.min(1, Math.max(0, fraction))) / phases.length),
        skipped(route, skipped) {
          if (!skipped.length) return
          const at = now()
          sql.transaction(() => {
            for (const s of skipped.slice(0, 20)) notice(sql, 'record_skipped', `${route}: record ${s.record} was left out: ${s.problem}.`, at)
            if (skipped.length > 20) notice(sql, 'record_skipped', `${route}: ${skipped.length - 20} more records were left out as not documented.`, at)
          })
        },
        failed(failure, where) {
          const stop = stopOf(failure)
          if (stop === 'rate_limited' && failure.kind === 'retry_later' && failure.retryAfterMs !== null) {
            // As the push does: nothing more is sent until the server allows it.
            writeMeta(sql, HOLD_UNTIL_KEY, new Date(deps.clock().getTime() + failure.retryAfterMs).toISOString())
          }
          if (stop) return stop
          const route = failure.route
          const message = messageOf(failure)
          return ledger.fail(`${phase.name}: ${where}`, route, message) === 'skip' ? 'skip' : { route, message }
        },
        succeeded: (where) => ledger.succeed(`${phase.name}: ${where}`),
        slot,
      })
      if (outcome !== null && !isFailure(outcome)) return { ...result, stoppedBecause: outcome }
      if (isFailure(outcome)) {
        result.failures.push({ ...outcome, phase: phase.name })
        notice(sql, 'pull_failed', `The ${phase.name} were not pulled: ${outcome.route} failed (${outcome.message}). The other parts of the sync went on.`, now())
      }
      save({ sweep: cursor.sweep, index: index + 1, page: 1 })
    }
    if (!resumed) break
    resumed = false
    save(fresh())
  }
  writeMeta(sql, 'sync.pull_cursor', '')
  return { ...result, complete: result.failures.length === 0 }
}
