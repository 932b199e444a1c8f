// The rows a pull reads and writes beside the domain tables: the id map, the base
// snapshot of each pulled row (sync_base), notices, and which local rows have unsent
// changes. Batched per page: a pulled page of 500 rows costs a few statements, not a few
// per row.
import type { Sql } from '../engine/db/sql'
import { discardUnsentOf, sendingOf } from '../engine/outbox'

export { hasUnsent } from '../engine/outbox'

export function localIdOf(sql: Sql, entity: string, serverId: number): number | undefined {
  return sql.first(sql.qb.selectFrom('id_map').select('local_id').where('entity', '=', entity).where('server_id', '=', serverId))?.local_id
}

export function writeBase(sql: Sql, entity: string, serverId: number, data: unknown, sweep: string): void {
  const json = JSON.stringify(data)
  sql.run(
    sql.qb
      .insertInto('sync_base')
      .values({ entity, server_id: serverId, data: json, sweep })
      .onConflict((oc) => oc.columns(['entity', 'server_id']).doUpdateSet({ data: json, sweep })),
  )
}

export function readBase<T = Record<string, unknown>>(sql: Sql, entity: string, serverId: number): T | null {
  const row = sql.first(sql.qb.selectFrom('sync_base').select('data').where('entity', '=', entity).where('server_id', '=', serverId))
  return row ? (JSON.parse(row.data) as T) : null
}

export function notice(sql: Sql, kind: string, message: string, now: string): void {
  sql.run(sql.qb.insertInto('sync_notices').values({ kind, message, created_at: now }))
}

/** Unsent changes to a row the server deleted cannot be sent any more: kept as discarded, with why. */
export function discardUnsent(sql: Sql, entity: string, localId: number, now: string): void {
  discardUnsentOf(sql, entity, localId, 'Deleted on the hosted LMS.', now)
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

const CHUNK = 500

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK))
  return out
}

/** Server id → local id for many server ids of one entity. */
export function localIdsOf(sql: Sql, entity: string, serverIds: readonly number[]): Map<number, number> {
  const found = new Map<number, number>()
  for (const part of chunks([...new Set(serverIds)])) {
    for (const r of sql.all(sql.qb.selectFrom('id_map').select(['local_id', 'server_id']).where('entity', '=', entity).where('server_id', 'in', part))) {
      found.set(r.server_id, r.local_id)
    }
  }
  return found
}

/** Which of these local ids are mapped to a server id already. */
export function mappedLocalIds(sql: Sql, entity: string, localIds: readonly number[]): Set<number> {
  const found = new Set<number>()
  for (const part of chunks([...new Set(localIds)])) {
    for (const r of sql.all(sql.qb.selectFrom('id_map').select('local_id').where('entity', '=', entity).where('local_id', 'in', part))) found.add(r.local_id)
  }
  return found
}

export { unsentLocalIds } from '../engine/outbox'

export function basesOf<T = Record<string, unknown>>(sql: Sql, entity: string, serverIds: readonly number[]): Map<number, T> {
  const found = new Map<number, T>()
  for (const part of chunks([...new Set(serverIds)])) {
    for (const r of sql.all(sql.qb.selectFrom('sync_base').select(['server_id', 'data']).where('entity', '=', entity).where('server_id', 'in', part))) {
      found.set(r.server_id, JSON.parse(r.data) as T)
    }
  }
  return found
}

export function writeBases(sql: Sql, entity: string, rows: readonly { serverId: number; data: unknown }[], sweep: string): void {
  for (const part of chunks(rows)) {
    sql.run(
      sql.qb
        .insertInto('sync_base')
        .values(part.map((r) => ({ entity, server_id: r.serverId, data: JSON.stringify(r.data), sweep })))
        .onConflict((oc) => oc.columns(['entity', 'server_id']).doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), sweep: eb.ref('excluded.sweep') }))),
    )
  }
}

/** Maps server ids no local row holds yet (the caller looked them up in this transaction). */
export function insertMappings(sql: Sql, entity: string, pairs: readonly { localId: number; serverId: number }[]): void {
  for (const part of chunks(pairs)) {
    sql.run(
      sql.qb
        .insertInto('id_map')
        .values(part.map((p) => ({ entity, local_id: p.localId, server_id: p.serverId })))
        .onConflict((oc) => oc.columns(['entity', 'local_id']).doUpdateSet((eb) => ({ server_id: eb.ref('excluded.server_id') }))),
    )
  }
}

/**
 * The inputs of creates of rows deleted here while the create's outcome was unknown (still
 * `sending`). The hosted LMS may hold such a row: it is this laptop's own, which the push
 * adopts by its natural key and then deletes. A pull that inserted it here again would
 * leave a copy behind once the push took the id for the deleted row.
 */
export function createsOfRemovedRows(sql: Sql, entity: string, table: 'users' | 'courses' | 'enrollments', operations: readonly string[]): Record<string, unknown>[] {
  const sending = sendingOf(sql, entity, operations)
  if (!sending.length) return []
  const ids = sending.map((r) => r.local_id).filter((id): id is number => id !== null)
  const present = new Set<number>()
  for (const part of chunks(ids)) for (const r of sql.all(sql.qb.selectFrom(table).select('id').where('id', 'in', part))) present.add(r.id)
  return sending.filter((r) => r.local_id !== null && !present.has(r.local_id)).map((r) => JSON.parse(r.input) as Record<string, unknown>)
}
