// Pull: the phases a pull walks through, in dependency order (rows before the rows that
// refer to them), with one cursor saved after every page so an interrupted first pull
// resumes where it stopped. Each phase lives in its own file.
import { randomUUID } from 'node:crypto'
import { readMeta, writeMeta } from '../engine/meta'
import { pullAccredibleGroups } from './adapters/catalog'
import { classesPhase, rostersPhase } from './pull-classes'
import { courseModulesPhase } from './pull-course-modules'
import { enrollmentsPhase } from './pull-enrollments'
import { PULLED_ROWS } from './pull-fields'
import type { PullCursor, PullDeps, PullPhase } from './pull-phase'
import { rowsPhase } from './pull-rows'
import { submissionsPhase } from './pull-submissions'

export type { PullDeps } from './pull-phase'
export { rewriteQueuedUpdates } from './pull-rows'

const PAGE_SIZE = 500

/** Accredible groups: a small lookup replaced as a whole, so the offline answer is the last sync's. */
const accreditedGroupsPhase: PullPhase = {
  name: 'accredible groups',
  entities: ['accredible_group'],
  async run(run) {
    const pulled = await pullAccredibleGroups(run.deps.sql, run.deps.client, run.deps.clock())
    if (typeof pulled !== 'number') return pulled
    run.count({ pulled })
    return null
  },
}

export const PULL_PHASES: PullPhase[] = [
  ...PULLED_ROWS.map(rowsPhase),
  courseModulesPhase,
  enrollmentsPhase,
  submissionsPhase,
  classesPhase,
  rostersPhase,
  accreditedGroupsPhase,
]

export interface PullResult {
  pulled: number
  conflicts: number
  deleted: number
  complete: boolean
  stoppedBecause: 'unauthorized' | 'offline' | null
}

export async function pullAll(deps: PullDeps, phases: PullPhase[] = PULL_PHASES): Promise<PullResult> {
  const { sql } = deps
  const saved = readMeta(sql, 'sync.pull_cursor')
  const fresh = (): PullCursor => ({ sweep: randomUUID(), index: 0, page: 1 })
  let cursor: PullCursor = saved ? (JSON.parse(saved) as PullCursor) : fresh()
  const result: PullResult = { pulled: 0, conflicts: 0, deleted: 0, complete: false, stoppedBecause: null }
  const save = (next: PullCursor) => {
    cursor = next
    writeMeta(sql, 'sync.pull_cursor', JSON.stringify(cursor))
  }
  save(cursor)
  // A pull resumed after an interruption finishes the phases left, then sweeps once more
  // from the start: what an earlier run read is as old as that run, and later phases
  // depend on earlier ones (an enrollment is placed only once its user is known here).
  let resumed = cursor.index > 0 || cursor.page > 1 || (cursor.item ?? 0) > 0
  for (;;) {
    while (cursor.index < phases.length) {
      const index = cursor.index
      const stop = await phases[index].run({
        deps,
        pageSize: deps.pageSize ?? PAGE_SIZE,
        cursor: () => cursor,
        save,
        count(tally) {
          if ((tally.pulled ?? 0) + (tally.conflicts ?? 0) + (tally.deleted ?? 0) > 0) deps.onChanged?.(phases[index].entities)
          result.pulled += tally.pulled ?? 0
          result.conflicts += tally.conflicts ?? 0
          result.deleted += tally.deleted ?? 0
        },
        progress: (fraction) => deps.onProgress?.((index + Math.min(1, Math.max(0, fraction))) / phases.length),
      })
      if (stop) return { ...result, stoppedBecause: stop }
      save({ sweep: cursor.sweep, index: index + 1, page: 1 })
    }
    if (!resumed) break
    resumed = false
    save(fresh())
  }
  writeMeta(sql, 'sync.pull_cursor', '')
  return { ...result, complete: true }
}
