// The sync.* operations: sync's own handlers, given to the engine where the two are
// composed (src/main/host/open-engine.ts); the engine itself knows nothing of sync.
import type { EngineContext } from '../engine/context'
import { recomputeEnrollment, requireStatusRow } from '../engine/domains/progress/index'
import { fail } from '../engine/errors'
import { defineHandlers } from '../engine/handlers'
import { discardUnsentWhere } from '../engine/outbox'
import { operationsByName, type QueuedOperation } from '../../shared/operations/index'
import { listConflicts, resolveConflict, type Grade } from './conflicts'
import { listPending } from './pending'
import type { SyncService } from './sync-service'

/** "Theirs" for a grade: the unsent evaluations are dropped and the server's grade is recorded here, without queueing it back. */
function adoptServerGrade(ctx: EngineContext, statusRowId: number, grade: Grade): void {
  const row = requireStatusRow(ctx, statusRowId)
  const at = ctx.nowIso()
  discardUnsentWhere(ctx.sql, 'assignments.evaluate', 'statusRowId', statusRowId, 'Replaced by the hosted LMS grade.', at)
  if (grade.accepted === null) {
    ctx.sql.run(ctx.qb.updateTable('module_status').set({ status: 'Submitted', points_awarded: null, evaluated_at: null, evaluated_by_id: null, completed_at: null, updated_at: at }).where('id', '=', row.id))
  } else {
    ctx.sql.run(
      ctx.qb.insertInto('evaluations').values({
        status_row_id: row.id,
        submission_id: null,
        points: grade.points ?? 0,
        message: grade.message,
        accepted: grade.accepted ? 1 : 0,
        evaluated_by_id: null,
        evaluated_by: 'Hosted LMS',
        evaluated_at: at,
        undone_at: null,
        restores_evaluation_id: null,
      }),
    )
    ctx.sql.run(
      ctx.qb
        .updateTable('module_status')
        .set({ status: grade.accepted ? 'Completed' : 'Rejected', points_awarded: grade.points, evaluated_at: at, evaluated_by_id: null, completed_at: grade.accepted ? at : null, updated_at: at })
        .where('id', '=', row.id),
    )
  }
  recomputeEnrollment(ctx, row.enrollment_id)
}

/** Queues the update that carries "mine", checked against its declaration like any input. */
function queueUpdate(ctx: EngineContext, localId: number, send: { operation: string; input: Record<string, unknown> }): void {
  const operation = operationsByName.get(send.operation)
  if (operation?.kind !== 'write') throw new Error(`${send.operation} is not a write operation`)
  const parsed = operation.input.safeParse(send.input)
  if (!parsed.success) {
    throw fail('validation', 'reason.mine_not_sendable', { problem: parsed.error.issues[0]?.message ?? 'invalid' })
  }
  ctx.recordChange({ operation: operation as QueuedOperation, localId, input: parsed.data as never })
}

export const syncHandlers = (sync: SyncService) => defineHandlers({
  'sync.configure'(_ctx, input) {
    sync.configure(input.serverUrl, input.token)
    return sync.status()
  },

  // A job: answers when the pull and push are done. Its own writes are sync's bookkeeping
  // and the pulled rows, each in its own transaction, so local work goes on meanwhile.
  'sync.now'(_ctx, _input, job) {
    return sync.runOnce(job)
  },

  'sync.status'() {
    return sync.status()
  },

  'sync.parked'() {
    return sync.parked()
  },

  'sync.pending'(ctx, input) {
    return listPending(ctx.sql, input)
  },

  'sync.retry'(_ctx, input) {
    sync.retry(input.id, input.input)
    return { message: 'The record will be sent again with the next sync.' }
  },

  'sync.discard'(_ctx, input) {
    sync.discard(input.id)
    return { message: 'The record was discarded; it will not be sent. The local data is unchanged.' }
  },

  'sync.conflicts'(ctx) {
    return listConflicts(ctx.sql)
  },

  'sync.resolve'(ctx, input) {
    const resolved = resolveConflict(ctx.sql, input.id, input.choice, ctx.nowIso())
    if (resolved.entity === 'evaluation' && resolved.choice === 'theirs') adoptServerGrade(ctx, resolved.localId, resolved.theirs as Grade)
    if (resolved.send) queueUpdate(ctx, resolved.localId, resolved.send)
    return {
      message:
        resolved.choice === 'mine'
          ? 'Kept yours: it will be sent to the hosted LMS with the next sync.'
          : 'Took the hosted LMS\'s value; your unsent change to it was dropped.',
    }
  },

  'sync.reset'() {
    sync.reset()
    return { message: 'Sync state was reset; unsent changes are still queued.' }
  },
})
