import { defineHandlers } from '../../handlers'
import { LmsError } from '../../errors'

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

  'sync.retry'(ctx, input) {
    ctx.sync.retry(input.id, input.input)
    return { message: 'The record will be sent again with the next sync.' }
  },

  'sync.discard'(ctx, input) {
    ctx.sync.discard(input.id)
    return { message: 'The record was discarded; it will not be sent. The local data is unchanged.' }
  },

  'sync.conflicts'() {
    return []
  },

  'sync.resolve'(_ctx, input) {
    throw new LmsError('not_found', `Conflict ${input.id} not found.`)
  },

  'sync.reset'(ctx) {
    ctx.sync.reset()
    return { message: 'Sync state was reset; unsent changes are still queued.' }
  },
})
