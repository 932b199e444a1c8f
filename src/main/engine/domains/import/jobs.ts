// One import at a time per database: each batch is its own transaction, and two imports
// interleaving would make each one's undo unreliable. (The job itself, its cancel and its
// progress, is the engine's: see engine/jobs.ts.)
import type { ImportProgress } from '../../../../shared/operations/import'
import type { EngineContext } from '../../context'
import type { Sql } from '../../db/sql'
import { conflict } from '../../errors'
import type { JobControl } from '../../jobs'

/** How an import job reports: the phases its declaration names. */
export type ImportJob = JobControl<Exclude<ImportProgress['phase'], 'done' | 'cancelled' | 'failed'>>

const running = new WeakSet<Sql>()

export function startImport(ctx: EngineContext): void {
  if (running.has(ctx.sql)) throw conflict('reason.import.running')
  running.add(ctx.sql)
}

export function endImport(ctx: EngineContext): void {
  running.delete(ctx.sql)
}

/** Whether an import is being written into this database now (a batch left 'running' by a closed engine is not). */
export const importRunning = (ctx: EngineContext): boolean => running.has(ctx.sql)
