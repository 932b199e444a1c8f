// Secrets in the queue: sealed while a record waits (queue-key.ts), given up once it settles
// (the hosted LMS has them then, or nobody needs them), and taken out of the WAL after.
import type { Sql } from '../db/sql'
import { readMeta, writeMeta } from '../meta'
import { SecretSealer, type QueueKeySource } from '../queue-key'
import { redactSecrets } from '../redact'
import { UNSENT_STATES, type OutboxRecord } from './states'

const sealers = new WeakMap<Sql, SecretSealer>()

/** Where the engine is composed: the queue of this database seals its secrets with this key. */
export function sealSecretsWith(sql: Sql, source: QueueKeySource): void {
  sealers.set(sql, new SecretSealer(source))
}

/** Set once every record waiting at open was sealed: only versions before sealing wrote secrets in clear. */
const WAITING_SEALED = 'outbox.waiting_secrets_sealed'

/**
 * Records queued by a version that wrote secrets in clear and still waiting to be sent are
 * sealed in place once, at open, and the clear text is taken out of the WAL. Without the key
 * (a full disk, the keychain refusing) the open goes on and this is tried at the next one:
 * the push opens clear and sealed values alike.
 */
export function sealWaitingSecrets(sql: Sql): number {
  if (readMeta(sql, WAITING_SEALED)) return 0
  const sealer = sealerOf(sql)
  let sealed = 0
  try {
    sql.transaction(() => {
      for (const row of sql.all(sql.qb.selectFrom('change_records').select(['id', 'input']).where('state', 'in', [...UNSENT_STATES]))) {
        let input: unknown
        try {
          input = JSON.parse(row.input)
        } catch {
          continue // not JSON: the push parks it with its own reason
        }
        const text = JSON.stringify(sealer.seal(input))
        if (text === row.input) continue
        sql.run(sql.qb.updateTable('change_records').set({ input: text }).where('id', '=', row.id))
        sealed++
      }
      writeMeta(sql, WAITING_SEALED, '1')
    })
  } catch {
    return 0
  }
  if (sealed) {
    purgedSince.add(sql)
    settlePurges(sql)
  }
  return sealed
}

export function sealerOf(sql: Sql): SecretSealer {
  const sealer = sealers.get(sql)
  if (!sealer) throw new Error('The change queue has no key for its secrets (sealSecretsWith was not called where the engine is composed).')
  return sealer
}

/** A record's input as the push sends it, secrets opened; throws UnreadableSecretError (park it) when one cannot be. */
export function sendableInput(sql: Sql, row: Pick<OutboxRecord, 'input'>): unknown {
  return sealerOf(sql).open(JSON.parse(row.input) as unknown)
}

/** Databases whose settled records gave up secrets since the WAL was last checkpointed. */
const purgedSince = new WeakSet<Sql>()

/**
 * A settled record (sent, or discarded) keeps its input for the history and for what a
 * later record refers to, never the secrets it carried: the hosted LMS has them now, or
 * nobody needs them. Written over in place; secure_delete (db/open.ts) zeroes the old
 * text in the page, and settlePurges takes it out of the WAL.
 */
export function forgetSecrets(sql: Sql, input: string | undefined): string | undefined {
  if (input === undefined) return undefined
  const kept = JSON.stringify(redactSecrets(JSON.parse(input) as Record<string, unknown>))
  if (kept !== input) purgedSince.add(sql)
  return kept
}

/**
 * Once records gave up their secrets, copies the WAL into the database and empties it: the
 * WAL still holds the pages as they were. Call outside a transaction (after a sync run, a
 * discard); skipped while another connection reads, and done after the next purge then.
 */
export function settlePurges(sql: Sql): void {
  if (!purgedSince.has(sql) || sql.raw.inTransaction) return
  const [result] = sql.raw.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
  if (!result?.busy) purgedSince.delete(sql)
}
