// Running imports, kept in memory: one at a time per database (each batch is its own
// transaction, and two imports interleaving would make each one's undo unreliable), with
// a cancel flag checked between batches and the last progress for import.progress.
import { randomUUID } from 'node:crypto'
import type { ImportProgress } from '../../../../shared/operations/import'
import type { EngineContext } from '../../context'
import type { Sql } from '../../db/sql'
import { conflict } from '../../errors'

export interface ImportJob {
  id: string
  cancelled: boolean
  progress: ImportProgress
  report(phase: ImportProgress['phase'], done: number, total: number): void
}

const running = new WeakMap<Sql, ImportJob>()
const byId = new Map<string, ImportJob>()

export function startJob(ctx: EngineContext, requestedId: string | undefined): ImportJob {
  if (running.has(ctx.sql)) throw conflict('reason.import.running')
  const id = requestedId ?? randomUUID()
  if (byId.get(id)?.progress.phase.match(/reading|checking|writing/)) throw conflict('reason.import.job_running', { id })
  let lastEmit = 0
  const job: ImportJob = {
    id,
    cancelled: false,
    progress: { jobId: id, phase: 'reading', done: 0, total: 0 },
    report(phase, done, total) {
      job.progress = { jobId: id, phase, done, total }
      // Progress events at most every 50 ms, and always at a phase's end.
      const now = Date.now()
      if (phase === 'done' || phase === 'cancelled' || phase === 'interrupted' || done === total || now - lastEmit >= 50) {
        lastEmit = now
        ctx.emit({ type: 'import', ...job.progress })
      }
    },
  }
  running.set(ctx.sql, job)
  byId.set(id, job)
  return job
}

export function endJob(ctx: EngineContext, job: ImportJob): void {
  running.delete(ctx.sql)
  // Kept a little while so a late import.progress still reads the outcome.
  setTimeout(() => byId.delete(job.id), 60_000).unref()
}

/** Whether an import is being written into this database now (a batch left 'running' by a closed engine is not). */
export const importRunning = (ctx: EngineContext): boolean => running.has(ctx.sql)

export const findJob = (jobId: string): ImportJob | undefined => byId.get(jobId)

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
