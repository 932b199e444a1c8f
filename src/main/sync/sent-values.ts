// What this laptop's confirmed writes gave a pulled row since a pull last read it. The
// next pull judges "did the server change this field?" against these values before the
// older base: the hosted LMS holding what this laptop sent is not a change of theirs.
// Without it, a row edited, sent, and edited again before the next pull (or created here,
// sent, then edited) was a conflict with this laptop's own earlier value, and the edit
// was held until the user chose.
import type { Sql } from '../engine/db/sql'
import { mappedServerId } from './id-map'
import { pulledSpecFor, type MergedRows, type PulledField } from './pull-fields'
import { basesOf } from './pull-store'

/** sync_base key of the sent values of a spec's list fields. */
export const sentKeyOf = (spec: MergedRows) => `${spec.baseKey}:sent`
/** sync_base key of the sent values of a spec's detail fields (merged by another phase, so kept apart). */
export const sentDetailsKeyOf = (spec: MergedRows) => `${spec.baseKey}:details:sent`

type Values = Record<string, unknown>

function sentValues(fields: readonly PulledField[], input: Values): Values {
  const values: Values = {}
  for (const f of fields) {
    if (!f.updateKey || f.notSent || f.serverOwned || !Object.hasOwn(input, f.updateKey)) continue
    const v = input[f.updateKey]
    values[f.api] = f.flag && typeof v === 'boolean' ? Number(v) : v
  }
  return values
}

function remember(sql: Sql, key: string, serverId: number, values: Values): void {
  if (!Object.keys(values).length) return
  const before = basesOf<Values>(sql, key, [serverId]).get(serverId) ?? {}
  const data = JSON.stringify({ ...before, ...values })
  sql.run(
    sql.qb
      .insertInto('sync_base')
      .values({ entity: key, server_id: serverId, data, sweep: '' })
      .onConflict((oc) => oc.columns(['entity', 'server_id']).doUpdateSet({ data })),
  )
}

/**
 * Called in the transaction that marks a create, or the row's own update operation, done:
 * the hosted LMS confirmed it holds these values of the row (a create confirmed by a
 * look-up included). Other writes are left out: their inputs' keys need not mean the fields.
 */
export function rememberSent(sql: Sql, record: { operation: string; entity: string; local_id: number | null; input: unknown }, kind: 'create' | 'update'): void {
  const { entity, local_id: localId, input } = record
  if (localId === null || !input || typeof input !== 'object') return
  const serverId = mappedServerId(sql, entity, localId)
  const spec = serverId === undefined ? undefined : pulledSpecFor(sql, entity, localId)
  if (!spec || serverId === undefined || (kind === 'update' && record.operation !== spec.updateOperation)) return
  remember(sql, sentKeyOf(spec), serverId, sentValues(spec.fields, input as Values))
  remember(sql, sentDetailsKeyOf(spec), serverId, sentValues(spec.detailFields ?? [], input as Values))
}

/** The sent values of these rows, by server id; they are forgotten (`forgetSent`) once a pull merged the rows. */
export const sentOf = (sql: Sql, key: string, serverIds: readonly number[]) => basesOf<Values>(sql, key, serverIds)

export function forgetSent(sql: Sql, keys: readonly string[], serverIds: readonly number[]): void {
  for (let i = 0; i < serverIds.length; i += 500) {
    sql.run(sql.qb.deleteFrom('sync_base').where('entity', 'in', keys).where('server_id', 'in', serverIds.slice(i, i + 500)))
  }
}
