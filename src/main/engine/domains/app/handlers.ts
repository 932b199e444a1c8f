import { LmsError } from '../../errors'
import { defineHandlers } from '../../handlers'
import type { AppStatus } from '../../../../shared/operations/app'
import { readMeta } from '../../meta'
import { unsent, unsentCount } from '../../outbox'
import { redactSecrets } from '../../redact'

export const appHandlers = defineHandlers({
  'app.status'(ctx) {
    return {
      pendingChanges: unsentCount(ctx.sql),
      connection: ctx.hostedConnection() satisfies AppStatus['connection'],
      profile: readMeta(ctx.sql, 'profile') === 'demo' ? ('demo' as const) : ('site' as const),
      schemaVersion: Number(readMeta(ctx.sql, 'schema_version') ?? 0),
      actor: ctx.actor(),
    }
  },

  'app.openFile'() {
    throw new LmsError('unavailable', 'Files open with another program only in the desktop app; download the file instead.')
  },

  'app.changes'(ctx, input) {
    return unsent(ctx.sql, input.limit, input.afterId ?? 0).map((r) => ({
      id: r.id,
      operation: r.operation,
      entity: r.entity,
      localId: r.local_id,
      input: redactSecrets(JSON.parse(r.input)),
      state: r.state,
      createdAt: r.created_at,
    }))
  },
})
