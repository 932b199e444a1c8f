// Phases that read something per known parent (each course's learners, each learner's
// classes): parents are read several at a time through the run's request slots, each
// parent's pages in order, and applied in the order of the parents, one transaction per
// group, the cursor saved with it. A parent whose read fails stops the phase there (the
// next run resumes at it), unless it failed MAX_TRIES runs in a row: then it is skipped.
import type { Skipped } from './decode/kit'
import type { ReadFailure } from './hosted-client'
import type { PhaseResult, PhaseRun } from './pull-phase'

export interface Parent {
  local_id: number
  server_id: number
}

/** What reading one parent gave: its data, or why it has none. `skip`: leave this parent alone this run. */
export type ParentRead<R> = { kind: 'read'; data: R } | { kind: 'skip' } | { kind: 'failed'; verdict: Exclude<PhaseResult, null> }

export async function walkParents<R>(
  run: PhaseRun,
  parents: readonly Parent[],
  read: (parent: Parent) => Promise<ParentRead<R>>,
  apply: (parent: Parent, data: R) => void,
): Promise<PhaseResult> {
  const { sql } = run.deps
  const group = Math.max(1, run.concurrency * 2)
  for (;;) {
    const start = run.cursor().item ?? 0
    if (start >= parents.length) return null
    const batch = parents.slice(start, start + group)
    const reads = await Promise.all(batch.map((parent) => read(parent)))
    const failedAt = reads.findIndex((r) => r.kind === 'failed')
    const usable = failedAt < 0 ? reads.length : failedAt
    sql.transaction(() => {
      for (let i = 0; i < usable; i++) {
        const r = reads[i]
        if (r.kind === 'read') apply(batch[i], r.data)
      }
      run.save({ ...run.cursor(), item: start + usable, page: 1 })
    })
    run.progress((start + usable) / parents.length)
    if (failedAt >= 0) return (reads[failedAt] as { verdict: Exclude<PhaseResult, null> }).verdict
  }
}

/**
 * What a parent's read that did not answer means: a parent gone on the server (404) is left
 * to its own sweep; anything else is judged by run.failed (skipped after MAX_TRIES runs).
 */
export function unread(run: PhaseRun, outcome: ReadFailure, where: string): { kind: 'skip' } | { kind: 'failed'; verdict: Exclude<PhaseResult, null> } {
  if (outcome.kind === 'refused' && outcome.status === 404) return { kind: 'skip' }
  const verdict = run.failed(outcome, where)
  return verdict === 'skip' ? { kind: 'skip' } : { kind: 'failed', verdict }
}

/** A parent's answer that did answer: counted as a success, its undecodable records named. */
export function answered(run: PhaseRun, outcome: { route: string; skipped: readonly Skipped[] }, where: string): void {
  run.succeeded(where)
  run.skipped(outcome.route, outcome.skipped)
}

/**
 * Every page of a documented list for one parent. `fetch` reads one page; the pages end at
 * the first one shorter than the page size. A failed page is judged by run.failed.
 */
export async function allPages<T>(
  run: PhaseRun,
  where: string,
  fetch: (page: number) => Promise<{ kind: 'ok'; route: string; records: T[]; skipped: Skipped[]; total: number | null } | ReadFailure>,
): Promise<{ kind: 'read'; data: { records: T[]; complete: boolean } } | { kind: 'skip' } | { kind: 'failed'; verdict: Exclude<PhaseResult, null> }> {
  const records: T[] = []
  let complete = true
  for (let page = 1; ; page++) {
    const at = `${where}, page ${page}`
    const outcome = await run.slot(() => fetch(page))
    if (outcome.kind !== 'ok') return unread(run, outcome, at)
    run.succeeded(at)
    if (outcome.skipped.length) {
      complete = false
      run.skipped(outcome.route, outcome.skipped)
    }
    records.push(...outcome.records)
    if (outcome.records.length + outcome.skipped.length < run.pageSize) break
  }
  return { kind: 'read', data: { records, complete } }
}
