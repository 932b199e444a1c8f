// A row created here and taken away again before sync ever tried to send its create: the
// hosted LMS never heard of it, so its queued records are dropped and the removal queues
// nothing. (Sync's coalescing would drop the pair later too, but until then the pending
// count and list showed two changes for something that needs none: undoing an import of
// 5,000 users showed 10,000 pending.)
import type { EngineContext } from './context'
import { firstNeverAttempted } from './outbox'

/**
 * True when `createOperation` queued this row and was never attempted: its unsent records
 * are then dropped, and the caller queues no delete. False when the hosted LMS may have it
 * (sent, in flight, refused, or the row came from it): the caller queues the delete.
 */
export function withdrawNeverSent(ctx: EngineContext, entity: string, localId: number, createOperation: string): boolean {
  if (!firstNeverAttempted(ctx.sql, entity, localId, createOperation)) return false
  ctx.dropUnsentChanges(entity, localId)
  return true
}
