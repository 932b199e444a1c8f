// Idempotency-Key support for writes, as Stripe defines it: the same key with the same
// request within 24 hours answers the first response again and writes nothing; the same
// key with a different request is refused. Only successes are kept: a failed write
// changed nothing, so running it again is safe. Runs inside the write's transaction.
// A body's secrets (passwords, 2FA codes) are kept only as a salted scrypt hash, as user
// passwords are; an answer that carries a secret (a prepared 2FA secret) is not kept at
// all: replayed, the write runs again and makes a new one.
import { createHash } from 'node:crypto'
import { prepared } from './db/prepared'
import type { Sql } from './db/sql'
import { invalid } from './errors'
import { hashPassword, verifyPassword } from './password'
import { redactAny, secretsIn } from './redact'

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000

/** JSON with object keys sorted, so equal requests hash alike whatever their key order. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
}

// Every write over HTTP runs these (see prepared.ts for why they are compiled once).
const dropExpired = prepared((qb, cutoff: string) => qb.deleteFrom('idempotency_keys').where('created_at', '<', cutoff))
const keyed = prepared((qb, key: string) => qb.selectFrom('idempotency_keys').selectAll().where('key', '=', key))
const keep = prepared((qb, key: string, operation: string, bodyHash: string, response: string, at: string) =>
  qb.insertInto('idempotency_keys').values({ key, operation, body_hash: bodyHash, response, created_at: at }),
)

const FORMAT = 'v2:'
// Rows written before bodies were hashed this way may hold an unsalted hash of a password:
// the first keyed write of each open database drops them.
const purged = new WeakSet<Sql>()

/** The body with its secrets hidden, hashed: equal for equal requests, and no secret in it. */
const shownHash = (input: unknown) => `${FORMAT}${createHash('sha256').update(stableStringify(redactAny(input))).digest('hex')}`

/** `v2:<hash of the body, secrets hidden>[ <salted scrypt hash of its secrets>]` */
function bodyHashOf(input: unknown): string {
  const secrets = secretsIn(input)
  return secrets.length ? `${shownHash(input)} ${hashPassword(stableStringify(secrets))}` : shownHash(input)
}

function sameBody(stored: string, input: unknown): boolean {
  const [shown, secretHash] = stored.split(' ')
  if (shown !== shownHash(input)) return false
  const secrets = secretsIn(input)
  return secrets.length ? secretHash !== undefined && verifyPassword(stableStringify(secrets), secretHash) : secretHash === undefined
}

export function withIdempotencyKey<T>(sql: Sql, key: string, operation: string, input: unknown, now: Date, run: () => T): T {
  if (!purged.has(sql)) {
    sql.run(sql.qb.deleteFrom('idempotency_keys').where('body_hash', 'not like', `${FORMAT}%`))
    purged.add(sql)
  }
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString()
  sql.run(dropExpired(cutoff))
  const seen = sql.first(keyed(key))
  if (seen) {
    if (seen.operation !== operation || !sameBody(seen.body_hash, input)) {
      throw invalid('Idempotency-Key', 'reason.idempotency_key_reused')
    }
    return JSON.parse(seen.response) as T
  }
  const value = run()
  if (secretsIn(value).length === 0) sql.run(keep(key, operation, bodyHashOf(input), JSON.stringify(value ?? null), now.toISOString()))
  return value
}
