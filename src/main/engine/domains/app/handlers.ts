import { fail } from '../../errors'
import { defineHandlers } from '../../handlers'
import type { AppSettings, AppStatus } from '../../../../shared/operations/app'
import type { Locale } from '../../../../shared/i18n/locales'
import type { Sql } from '../../db/sql'
import type { SyncStatus } from '../../../../shared/operations/sync'
import { isLocale } from '../../../../shared/i18n/locales'
import { readMeta, writeMeta } from '../../meta'
import { redactSecrets } from '../../redact'

/** What the shell's status area says about the hosted LMS. */
function connectionOf(status: SyncStatus): AppStatus['connection'] {
  if (!status.configured) return 'not_configured'
  if (status.contact.state === 'not_contacted') return 'not_contacted'
  return status.contact.state === 'problem' || status.state === 'paused_auth' ? 'offline' : 'online'
}

/** The profile's language, as chosen; null follows the system's. */
export function profileLocale(sql: Sql): Locale | null {
  const value = readMeta(sql, 'locale')
  return isLocale(value) ? value : null
}

const settingsOf = (sql: Sql): AppSettings => ({ locale: profileLocale(sql) })

export const appHandlers = defineHandlers({
  'app.status'(ctx) {
    const pending = ctx.sql.first(
      ctx.qb
        .selectFrom('change_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', 'in', ['pending', 'sending', 'parked']),
    )
    return {
      pendingChanges: Number(pending?.n ?? 0),
      connection: connectionOf(ctx.sync.status()),
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

  'app.openFile'() {
    throw fail('unavailable', 'reason.open_file_desktop_only')
  },

  'app.changes'(ctx, input) {
    // A page at a time: a tool reads on from the last id it got until a page comes back short.
    const rows = ctx.sql.all(
      ctx.qb
        .selectFrom('change_records')
        .selectAll()
        .where('state', 'in', ['pending', 'sending', 'parked'])
        .where('id', '>', input.afterId ?? 0)
        .orderBy('id')
        .limit(input.limit),
    )
    return rows.map((r) => ({
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
