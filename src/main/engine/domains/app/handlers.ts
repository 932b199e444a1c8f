import { fail } from '../../errors'
import { defineHandlers } from '../../handlers'
import type { AppSettings, AppStatus } from '../../../../shared/operations/app'
import type { Locale } from '../../../../shared/i18n/locales'
import type { Sql } from '../../db/sql'
import { isLocale } from '../../../../shared/i18n/locales'
import { readMeta, writeMeta } from '../../meta'
import { unsent, unsentCount } from '../../outbox'
import { redactSecrets } from '../../redact'

/** The profile's language, as chosen; null follows the system's. */
export function profileLocale(sql: Sql): Locale | null {
  const value = readMeta(sql, 'locale')
  return isLocale(value) ? value : null
}

const settingsOf = (sql: Sql): AppSettings => ({ locale: profileLocale(sql) })

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

  'app.settings'(ctx) {
    return settingsOf(ctx.sql)
  },

  'app.setLocale'(ctx, input) {
    writeMeta(ctx.sql, 'locale', input.locale ?? '')
    return settingsOf(ctx.sql)
  },

  'app.cancelJob'(ctx, input) {
    return ctx.jobs.cancel(input.jobId)
  },

  'app.openFile'() {
    throw fail('unavailable', 'reason.open_file_desktop_only')
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
