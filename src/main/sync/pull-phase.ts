// What every step of a pull shares: the persisted cursor, the outcome of a hosted read
// that did not answer, and the counters a pull reports.
import type { EntityName } from '../../shared/contract/operation'
import type { DataEntity } from '../../shared/operations/entities'
import type { Sql } from '../engine/db/sql'
import type { HostedClient, HostedOutcome } from './hosted-client'
import { UNSENT_STATES } from './push'

export type PullStop = 'unauthorized' | 'offline'

export interface PullCursor {
  /** One id per complete pull; rows seen in it carry it in sync_base. */
  sweep: string
  /** Which phase. */
  index: number
  /** Next page to fetch within the phase (or within the current item). */
  page: number
  /** Phases that walk a list of parents (courses): position in it. */
  item?: number
}

export interface PullDeps {
  sql: Sql
  client: HostedClient
  clock: () => Date
  pageSize?: number
  onProgress?: (fraction: number) => void
  /** Told after a page changed local rows, with the entities the phase writes. */
  onChanged?: (entities: readonly DataEntity[]) => void
}

export interface PhaseRun {
  deps: PullDeps
  pageSize: number
  cursor(): PullCursor
  /** Persists the cursor; call inside the transaction that applied the page it moves past. */
  save(cursor: PullCursor): void
  count(tally: { pulled?: number; conflicts?: number; deleted?: number }): void
  progress(fractionOfPhase: number): void
}

export interface PullPhase {
  name: string
  /** The local rows it writes, named in the engine's `changed` event. */
  entities: readonly (EntityName | DataEntity)[]
  /** null when the phase finished; why it stopped otherwise (the cursor says where to resume). */
  run(run: PhaseRun): Promise<PullStop | null>
}

/** Why a read that did not succeed stops the pull, or null when it was refused (the row is not there). */
export function stopFor(outcome: HostedOutcome): PullStop | null {
  if (outcome.kind === 'unauthorized') return 'unauthorized'
  if (outcome.kind === 'refused') return null
  return 'offline'
}

export function localIdOf(sql: Sql, entity: string, serverId: number): number | undefined {
  return sql.first(sql.qb.selectFrom('id_map').select('local_id').where('entity', '=', entity).where('server_id', '=', serverId))?.local_id
}

export function hasUnsent(sql: Sql, entity: string, localId: number): boolean {
  return Boolean(
    sql.first(sql.qb.selectFrom('change_records').select('id').where('entity', '=', entity).where('local_id', '=', localId).where('state', 'in', [...UNSENT_STATES]).limit(1)),
  )
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
  sql.run(
    sql.qb
      .updateTable('change_records')
      .set({ state: 'discarded', last_error: 'Deleted on the hosted LMS.', updated_at: now })
      .where('entity', '=', entity)
      .where('local_id', '=', localId)
      .where('state', 'in', [...UNSENT_STATES]),
  )
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

// ---- page-sized reads and writes: a pulled page of 200 rows costs a few statements, not
// a few per row (a first pull of 60,000 rows spent most of its time compiling and running
// single-row statements).

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

/** Which of these local rows have unsent change records. */
export function unsentLocalIds(sql: Sql, entity: string, localIds: readonly number[]): Set<number> {
  const found = new Set<number>()
  for (const part of chunks([...new Set(localIds)])) {
    const rows = sql.all(
      sql.qb.selectFrom('change_records').select('local_id').distinct().where('entity', '=', entity).where('local_id', 'in', part).where('state', 'in', [...UNSENT_STATES]),
    )
    for (const r of rows) if (r.local_id !== null) found.add(r.local_id)
  }
  return found
}

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
  const sending = sql.all(
    sql.qb.selectFrom('change_records').select(['local_id', 'input']).where('entity', '=', entity).where('state', '=', 'sending').where('operation', 'in', [...operations]),
  )
  if (!sending.length) return []
  const ids = sending.map((r) => r.local_id).filter((id): id is number => id !== null)
  const present = new Set<number>()
  for (const part of chunks(ids)) for (const r of sql.all(sql.qb.selectFrom(table).select('id').where('id', 'in', part))) present.add(r.id)
  return sending.filter((r) => r.local_id !== null && !present.has(r.local_id)).map((r) => JSON.parse(r.input) as Record<string, unknown>)
}

/**
 * Removes rows of a roster (a course's enrollments, a class's registrations) that a complete
 * sweep did not list, each only once a search of the roster for its learner's email does
 * not find it: the API has no route for these rows that answers 404, and pages shift while
 * rows come and go between fetches.
 */
export async function removeUnlisted<R extends { id: number; server_id: number; email: string }>(
  run: PhaseRun,
  rows: readonly R[],
  roster: { entity: string; table: 'enrollments' | 'class_enrollments'; search: string; parent: Record<string, number>; told(row: R): string },
): Promise<PullStop | null> {
  const { sql, client, clock } = run.deps
  for (const row of rows) {
    const outcome = await client.call(roster.search, { ...roster.parent, page_size: 50, page_number: 1, search_param: JSON.stringify({ nameOrEmail: row.email }) })
    if (outcome.kind !== 'ok') {
      const stop = stopFor(outcome)
      if (stop) return stop
      continue
    }
    if (((outcome.body as { records?: { id?: unknown }[] }).records ?? []).some((r) => r.id === row.server_id)) continue
    const now = clock().toISOString()
    sql.transaction(() => {
      const message = roster.told(row)
      discardUnsent(sql, roster.entity, row.id, now)
      sql.run(sql.qb.deleteFrom(roster.table).where('id', '=', row.id))
      sql.run(sql.qb.deleteFrom('id_map').where('entity', '=', roster.entity).where('local_id', '=', row.id))
      sql.run(sql.qb.deleteFrom('sync_base').where('entity', '=', roster.entity).where('server_id', '=', row.server_id))
      notice(sql, 'deleted_on_server', message, now)
    })
    run.count({ deleted: 1 })
  }
  return null
}
