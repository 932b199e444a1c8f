// An import that stops in the middle: a batch the database refused (another write took one
// of its emails meanwhile, the disk filled up) or a process killed. The batches written
// before stay, and everything says so: the answer names what was saved, the import's row
// keeps its counts (they grow batch by batch, see writeBatch), import.batches shows it as
// interrupted, and import.undo takes it back like any other import.
import type { ErrorCode } from '../../../../shared/contract/result'
import type { ImportProgress } from '../../../../shared/operations/import'
import type { EngineContext } from '../../context'
import { LmsError } from '../../errors'
import { storageFailure, storageProblemOf, type StorageProblem } from '../../storage-errors'
import type { PlannedRow } from './plan'

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

const STORAGE_REASONS: Record<StorageProblem, string> = {
  disk_full: 'the disk holding the data folder is full',
  read_only: 'the data folder cannot be written (read-only)',
  io: 'the disk failed to write (an input/output error)',
}

/** What stopped a batch, in words: the laptop's storage faults as storage-errors.ts tells them, a race on an email, or a bug. */
function reasonOf(ctx: EngineContext, error: unknown): { code: ErrorCode; reason: string } {
  if (error instanceof LmsError) return { code: error.code, reason: error.message }
  const problem = storageProblemOf(error, ctx.dataDir)
  if (problem) return { code: storageFailure(problem, 'write').code, reason: STORAGE_REASONS[problem] }
  if ((error as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE') return { code: 'conflict', reason: 'a user with one of its emails was created meanwhile by another change' }
  return { code: 'internal', reason: 'an unexpected error (written to the log)' }
}

export interface Interruption {
  batchId: number
  error: unknown
  /** The rows of the batch that failed. */
  rows: readonly PlannedRow[]
  totals: { created: number; updated: number }
  skipped: number
  failed: number
  /** Rows to write that were not written: the failed batch and those after it. */
  remaining: number
  report(phase: ImportProgress['phase'], done: number, total: number): void
}

/** Marks the import as stopped (its counts are already right) and answers the error that tells what was saved. */
export function interrupted(ctx: EngineContext, stop: Interruption): LmsError {
  try {
    // It stays 'running' in the table: import.batches shows such an import, with nothing running, as interrupted.
    ctx.sql.transaction(() =>
      ctx.sql.run(ctx.qb.updateTable('import_batches').set({ skipped: stop.skipped, failed: stop.failed, finished_at: ctx.nowIso() }).where('id', '=', stop.batchId)),
    )
  } catch {
    /* the disk may refuse this too; the counts written with each batch stand */
  }
  const { code, reason } = reasonOf(ctx, stop.error)
  const first = stop.rows[0]?.row
  const last = stop.rows.at(-1)?.row
  const saved = stop.totals.created + stop.totals.updated
  const kept =
    saved > 0
      ? `The rows before it are saved: ${count(stop.totals.created, 'user', 'users')} created and ${count(stop.totals.updated, 'user', 'users')} updated (import ${stop.batchId}; undo it to take them back).`
      : `Nothing of this import was saved (import ${stop.batchId}).`
  const message =
    `The import stopped at rows ${first}-${last}: ${reason}. ${kept} ` +
    `${count(stop.remaining, 'row was', 'rows were')} not imported; import the file again to add ${stop.remaining === 1 ? 'it' : 'them'} (users saved already are then skipped or updated).`
  stop.report('interrupted', stop.totals.created + stop.totals.updated, stop.totals.created + stop.totals.updated + stop.remaining)
  return new LmsError(code, message, undefined, stop.error)
}
