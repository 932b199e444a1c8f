// The mapping table (entity, local id) -> server id. Its own module: adapters, pull and push
// all write it, and the adapters are themselves imported by the translation.
import { prepared } from '../engine/db/prepared'
import type { Sql } from '../engine/db/sql'

// Asked for every reference of every record pushed (see prepared.ts).
const serverIdOf = prepared((qb, entity: string, localId: number) =>
  qb.selectFrom('id_map').select('server_id').where('entity', '=', entity).where('local_id', '=', localId),
)

export function mappedServerId(sql: Sql, entity: string, localId: number): number | undefined {
  return sql.first(serverIdOf(entity, localId))?.server_id
}

export function mapIds(sql: Sql, entity: string, localId: number, serverId: number): void {
  // A server id adopted for one local row is released from any other (a reconciled duplicate).
  sql.run(sql.qb.deleteFrom('id_map').where('entity', '=', entity).where('server_id', '=', serverId).where('local_id', '!=', localId))
  sql.run(
    sql.qb
      .insertInto('id_map')
      .values({ entity, local_id: localId, server_id: serverId })
      .onConflict((oc) => oc.columns(['entity', 'local_id']).doUpdateSet({ server_id: serverId })),
  )
}
