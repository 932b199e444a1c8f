// An import that stops in the middle: a batch the database refused (another write took one
// of its emails meanwhile, the disk filled up) or a process killed. The batches written
// before stay, and everything says so: the answer names what was saved, the import's row
// keeps its counts (they grow batch by batch, see writeBatch), import.batches shows it as
// interrupted, and import.undo takes it back like any other import.
import type { ErrorCode } from '../../../../shared/contract/result'
import type { EngineContext } from '../../context'
import { fail, LmsError } from '../../errors'
import { storageFailure, storageProblemOf, type StorageProblem } from '../../storage-errors'
import type { ImportJob } from './jobs'
import type { PlannedRow } from './plan'

/** What stopped a batch: the laptop's storage faults as storage-errors.ts tells them, a race on an email, another refusal (its English), or a bug. */
type Cause = StorageProblem | 'race' | 'refused' | 'internal'

function causeOf(ctx: EngineContext, error: unknown): { code: ErrorCode; cause: Cause; detail: string } {
  if (error instanceof LmsError) return { code: error.code, cause: 'refused', detail: error.message }
  const problem = storageProblemOf(error, ctx.dataDir)
  if (problem) return { code: storageFailure(problem, 'write').code, cause: problem, detail: '' }
  if ((error as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE') return { code: 'conflict', cause: 'race', detail: '' }
  return { code: 'internal', cause: 'internal', detail: '' }
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
  report: ImportJob['progress']
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
  const { code, cause, detail } = causeOf(ctx, stop.error)
  const saved = stop.totals.created + stop.totals.updated
  const values = {
    first: stop.rows[0]?.row ?? 0,
    last: stop.rows.at(-1)?.row ?? 0,
    cause,
    detail,
    saved: saved > 0 ? 'some' : 'none',
    created: stop.totals.created,
    updated: stop.totals.updated,
    batch: stop.batchId,
    remaining: stop.remaining,
  }
  stop.report('interrupted', stop.totals.created + stop.totals.updated, stop.totals.created + stop.totals.updated + stop.remaining)
  return fail(code, 'reason.import.interrupted', values, undefined, stop.error)
}
