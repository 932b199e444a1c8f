// The keys a certificate field can print: the documented ten, the QR code of the
// certificate code, and the custom user fields marked "show on certificate"
// (custom_field_<userMetaKey>), whose values come from the learner's profile.
import { sql as rawSql, type CompiledQuery } from 'kysely'
import { CERTIFICATE_KEYS, QR_KEY } from '../../../../shared/operations/certificates'
import type { Sql } from '../../db/sql'

export const CUSTOM_FIELD_PREFIX = 'custom_field_'

interface CertificateUserField {
  user_meta_key: string
  label: string
  default_value: string | null
}

const compiled = (sql: Sql, query: ReturnType<typeof rawSql>) => ({ compile: (): CompiledQuery => query.compile(sql.qb) })

/** Custom user fields shown on certificates; none when the custom fields table is not there. */
function certificateUserFields(sql: Sql): CertificateUserField[] {
  const exists = sql.first(compiled(sql, rawSql`SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'custom_user_fields'`))
  if (!exists) return []
  return sql.all(
    compiled(sql, rawSql`SELECT user_meta_key, label, default_value FROM custom_user_fields WHERE on_certificate = 1 ORDER BY display_order, id`),
  ) as CertificateUserField[]
}

export function certificateKeys(sql: Sql): { db_value: string; display_value: string }[] {
  return [
    ...CERTIFICATE_KEYS.map(([db_value, display_value]) => ({ db_value, display_value })),
    { db_value: QR_KEY, display_value: 'Certificate Code (QR code)' },
    ...certificateUserFields(sql).map((f) => ({ db_value: `${CUSTOM_FIELD_PREFIX}${f.user_meta_key}`, display_value: f.label })),
  ]
}

/**
 * A profile answer from users.custom_user_metas: "Label: value" texts (what user edits and
 * the CSV import write), a key → value object, or {key, value} entries.
 */
function metaValue(metas: unknown, field: CertificateUserField): string | undefined {
  const key = field.user_meta_key
  if (Array.isArray(metas)) {
    for (const entry of metas) {
      if (typeof entry === 'string') {
        const colon = entry.indexOf(':')
        const label = colon > 0 ? entry.slice(0, colon).trim().toLowerCase() : ''
        if (label && (label === field.label.trim().toLowerCase() || label === key.toLowerCase())) return entry.slice(colon + 1).trim()
      } else if (entry && typeof entry === 'object') {
        const e = entry as Record<string, unknown>
        if (e.key === key || e.meta_key === key || e.userMetaKey === key) return e.value === undefined || e.value === null ? undefined : String(e.value)
      }
    }
    return undefined
  }
  if (metas && typeof metas === 'object') {
    const v = (metas as Record<string, unknown>)[key]
    return v === undefined || v === null ? undefined : Array.isArray(v) ? v.join(', ') : String(v)
  }
  return undefined
}

/** Values of the certificate custom fields for a learner; their labels when no learner is given (sample preview). */
export function customFieldValues(sql: Sql, userId: number | null): Record<string, string> {
  const fields = certificateUserFields(sql)
  if (!fields.length) return {}
  let metas: unknown = null
  if (userId !== null) {
    const row = sql.first(sql.qb.selectFrom('users').select('custom_user_metas').where('id', '=', userId))
    try {
      metas = row ? JSON.parse(row.custom_user_metas) : null
    } catch {
      metas = null
    }
  }
  const out: Record<string, string> = {}
  for (const f of fields) {
    out[`${CUSTOM_FIELD_PREFIX}${f.user_meta_key}`] = userId === null ? `[${f.label}]` : (metaValue(metas, f) ?? f.default_value ?? '')
  }
  return out
}
