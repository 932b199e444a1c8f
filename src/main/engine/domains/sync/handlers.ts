import { sql } from 'kysely'
import type { EngineContext } from '../../context'
import { defineHandlers } from '../../handlers'
import { fail } from '../../errors'
import { operationsByName } from '../../../../shared/operations/index'
import { listConflicts, resolveConflict, type Grade } from '../../../sync/conflicts'
import { listPending } from '../../../sync/pending'
import { recomputeEnrollment, requireStatusRow } from '../progress/status'

/** "Theirs" for a grade: the unsent evaluations are dropped and the server's grade is recorded here, without queueing it back. */
function adoptServerGrade(ctx: EngineContext, statusRowId: number, grade: Grade): void {
  const row = requireStatusRow(ctx, statusRowId)
  const at = ctx.nowIso()
  ctx.sql.run(
    ctx.qb
      .updateTable('change_records')
      .set({ state: 'discarded', last_error: 'Replaced by the hosted LMS grade.', updated_at: at })
      .where('operation', '=', 'assignments.evaluate')
      .where('state', 'in', ['pending', 'sending', 'parked'])
      .where(sql`json_extract(input, '$.statusRowId')`, '=', statusRowId),
  )
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
  ctx.recordChange({ operation, localId, input: parsed.data as Record<string, unknown> })
}

export const syncHandlers = defineHandlers({
  'sync.configure'(ctx, input) {
    ctx.sync.configure(input.serverUrl, input.token)
    return ctx.sync.status()
  },

  // Asynchronous: answers when the push (and pull) is done. Its own writes are sync's
  // bookkeeping, each in its own transaction, so local work goes on meanwhile.
  'sync.now'(ctx) {
    return ctx.sync.runOnce() as never
  },

  'sync.status'(ctx) {
    return ctx.sync.status()
  },

  'sync.parked'(ctx) {
    return ctx.sync.parked()
  },

  'sync.pending'(ctx, input) {
    return listPending(ctx.sql, input)
  },

  'sync.retry'(ctx, input) {
    ctx.sync.retry(input.id, input.input)
    return { message: 'The record will be sent again with the next sync.' }
  },

  'sync.discard'(ctx, input) {
    ctx.sync.discard(input.id)
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

  'sync.reset'(ctx) {
    ctx.sync.reset()
    return { message: 'Sync state was reset; unsent changes are still queued.' }
  },
})
