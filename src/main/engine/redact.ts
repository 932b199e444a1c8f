// Queued inputs keep the passwords the hosted API needs; whatever shows them hides them.
// Nested too: a bulk upload queues a password per user inside its userList. The same keys
// name what the idempotency store must never keep: a 2FA secret and its URI or QR code
// (prepared, or sent back to confirm) and the code typed from the authenticator app.
import { REDACTED } from '../../shared/contract/redaction'
import { invalid } from './errors'

export { REDACTED }

const SECRET_KEYS = new Set([
  'password',
  'password_confirmation',
  'confirmPassword',
  'token',
  'stringCode',
  'qrCode',
  'secretCode',
  'as_string',
  'as_uri',
  'as_qr_code',
])

/** The value with each secret in it (at any depth) replaced by what `replace` makes of it. */
export function mapSecrets(value: unknown, replace: (secret: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapSecrets(v, replace))
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? replace(v) : mapSecrets(v, replace)]))
}

const redactValue = (value: unknown): unknown => mapSecrets(value, () => REDACTED)

export function redactSecrets(value: Record<string, unknown>): Record<string, unknown> {
  return redactValue(value) as Record<string, unknown>
}

/** The value without its secrets (not even hidden): for an input rebuilt from a sent one. */
export function withoutSecrets(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_KEYS.has(k)))
}

/** The value with every secret hidden (any shape: an answer may be a list or null). */
export const redactAny = redactValue

/** Each secret inside a value with its path (`userList.2.password`), in the value's own order. */
export function secretsIn(value: unknown, at = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretsIn(v, `${at}${i}.`))
  if (!value || typeof value !== 'object') return []
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]): [string, unknown][] =>
    SECRET_KEYS.has(k) ? (v === null || v === undefined ? [] : [[`${at}${k}`, v]]) : secretsIn(v, `${at}${k}.`),
  )
}

/** The keys a row of a list is known by when its other fields were corrected. */
const ROW_KEYS = ['email', 'id', 'username'] as const

const shown = (row: unknown) => JSON.stringify(redactValue(row))

/**
 * The saved row each corrected row was made from: the unchanged one, else the one with the
 * same email, id or username; rows still unmatched pair up in order only when as many are
 * left on both sides (a row edited in place), never across an added or removed row.
 */
function savedRows(originals: unknown[], corrected: unknown[]): unknown[] {
  const free = new Set(originals.map((_, i) => i))
  const claim = (i: number | undefined) => (i === undefined || i < 0 ? undefined : (free.delete(i), originals[i]))
  const found: unknown[] = corrected.map((row) => claim([...free].find((i) => shown(originals[i]) === shown(row))))
  corrected.forEach((row, r) => {
    if (found[r] !== undefined || !row || typeof row !== 'object') return
    for (const key of ROW_KEYS) {
      const value = (row as Record<string, unknown>)[key]
      if (value === undefined || value === null || value === '') continue
      const same = [...free].filter((i) => (originals[i] as Record<string, unknown> | null)?.[key] === value)
      if (same.length === 1) {
        found[r] = claim(same[0])
        return
      }
    }
  })
  const unmatched = found.flatMap((f, r) => (f === undefined ? [r] : []))
  if (unmatched.length === free.size) [...free].forEach((i, n) => (found[unmatched[n]!] = originals[i]))
  return found
}

function restore(original: unknown, corrected: unknown, path: string): unknown {
  if (Array.isArray(corrected)) {
    const saved = savedRows(Array.isArray(original) ? original : [], corrected)
    return corrected.map((row, i) => restore(saved[i], row, `${path}${i}.`))
  }
  if (!corrected || typeof corrected !== 'object') return corrected
  const before = original && typeof original === 'object' && !Array.isArray(original) ? (original as Record<string, unknown>) : {}
  return Object.fromEntries(
    Object.entries(corrected as Record<string, unknown>).map(([k, v]) => {
      if (!(SECRET_KEYS.has(k) && v === REDACTED)) return [k, restore(before[k], v, `${path}${k}.`)]
      const kept = before[k]
      if (kept === undefined || kept === REDACTED) {
        throw path ? invalid(`${path}${k}`, 'reason.saved_secret_unmatched', { key: k, row: path.slice(0, -1) }) : invalid(k, 'reason.saved_secret_unmatched_record', { key: k })
      }
      return [k, kept]
    }),
  )
}

/**
 * A parked record's input with the user's correction merged in. The correction was made
 * from the redacted input, so a secret it still shows as hidden is the saved one: taken
 * from the same field, or in a list from the row it was made from (see savedRows). A hidden
 * secret that matches no saved row is refused, never sent hidden.
 */
export function mergeCorrection(original: Record<string, unknown>, correction: Record<string, unknown>): Record<string, unknown> {
  return { ...original, ...(restore(original, correction, '') as Record<string, unknown>) }
}
