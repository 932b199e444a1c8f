// The sweep of one documented list (users, courses, library modules) in pages, merging
// each row three ways (base = what the server had at the last pull, server = now, local):
//  - A field the server changed and we did not: taken, and written into queued updates of
//    that row so they do not send the old value back.
//  - A field both changed to different values: a conflict kept for the user; ours stays.
//  - A row with unsynced local changes is never overwritten wholesale.
//  - Deletions are inferred only after a complete sweep, and only once the row's own
//    detail route answers 404 (pages shift while rows come and go between fetches).
import type { Sql } from '../engine/db/sql'
import { queuedOf, setInput } from '../engine/outbox'
import type { ListRecord, MergedRows, PulledEntity, PulledField } from './pull-fields'
import { mapLimit, type PhaseResult, type PhaseRun, type PullPhase } from './pull-phase'
import {
  basesOf,
  createsOfRemovedRows,
  discardUnsent,
  hasUnsent,
  insertMappings,
  localIdOf,
  localIdsOf,
  mappedLocalIds,
  notice,
  readBase,
  sameJson,
  unsentLocalIds,
  writeBase,
  writeBases,
} from './pull-store'
import { forgetSent, sentDetailsKeyOf, sentKeyOf, sentOf } from './sent-values'

export function recordConflict(sql: Sql, entity: string, localId: number, serverId: number, field: string, base: unknown, mine: unknown, theirs: unknown, now: string): void {
  const open = sql.first(
    sql.qb.selectFrom('sync_conflicts').select('id').where('entity', '=', entity).where('local_id', '=', localId).where('field', '=', field).where('resolved_at', 'is', null),
  )
  if (open) {
    sql.run(sql.qb.updateTable('sync_conflicts').set({ theirs: JSON.stringify(theirs), mine: JSON.stringify(mine) }).where('id', '=', open.id))
    return
  }
  sql.run(
    sql.qb.insertInto('sync_conflicts').values({
      entity,
      local_id: localId,
      server_id: serverId,
      field,
      base: JSON.stringify(base ?? null),
      mine: JSON.stringify(mine ?? null),
      theirs: JSON.stringify(theirs ?? null),
      created_at: now,
      resolved_at: null,
      choice: null,
    }),
  )
}

/** Writes a value the server changed into the queued updates of that row (they carry absolute values). */
export function rewriteQueuedUpdates(sql: Sql, updateOperation: string, entity: string, localId: number, updateKey: string, value: unknown): void {
  for (const q of queuedOf(sql, updateOperation, entity, localId)) {
    const input = JSON.parse(q.input) as Record<string, unknown>
    if (!(updateKey in input)) continue
    input[updateKey] = value
    setInput(sql, q.id, input)
  }
}

/**
 * Local ids for a page of server rows: mapped ones, unmapped local rows adopted by their
 * natural key (a row created here and sent, whose answer was lost), new rows otherwise.
 */
function localIdsForPage(sql: Sql, spec: PulledEntity, records: ListRecord[], now: string): Map<number, number> {
  const ids = localIdsOf(sql, spec.entity, records.map((r) => r.id))
  const unmapped = records.filter((r) => !ids.has(r.id))
  if (!unmapped.length) return ids
  const keyOf = (rec: ListRecord) => {
    const raw = String(rec[spec.naturalKey.api] ?? '')
    return spec.naturalKey.column === 'email_key' ? raw.toLowerCase() : raw
  }
  const candidates = new Map<string, number[]>()
  const keys = [...new Set(unmapped.map(keyOf))]
  for (let i = 0; i < keys.length; i += 500) {
    let query = sql.qb.selectFrom(spec.table).select(['id', `${spec.naturalKey.column} as key` as never]).where(spec.naturalKey.column as never, 'in', keys.slice(i, i + 500) as never)
    for (const [column, value] of Object.entries(spec.naturalKey.where ?? {})) query = query.where(column as never, '=', value as never)
    for (const row of sql.all(query) as unknown as { id: number; key: string }[]) candidates.set(row.key, [...(candidates.get(row.key) ?? []), row.id])
  }
  const taken = mappedLocalIds(sql, spec.entity, [...candidates.values()].flat())
  const pairs: { localId: number; serverId: number }[] = []
  // Created and deleted here before the create's answer arrived: the push adopts and deletes those.
  const removedHere = new Set<string>()
  if (spec.createdBy && (spec.table === 'users' || spec.table === 'courses')) {
    const { operation, inputKey } = spec.createdBy
    for (const input of createsOfRemovedRows(sql, spec.entity, spec.table, [operation])) {
      const raw = String(input[inputKey] ?? '')
      removedHere.add(spec.naturalKey.column === 'email_key' ? raw.toLowerCase() : raw)
    }
  }
  for (const rec of unmapped) {
    if (removedHere.has(keyOf(rec)) && !candidates.has(keyOf(rec))) continue
    const adoptable = (candidates.get(keyOf(rec)) ?? []).find((id) => !taken.has(id))
    const localId = adoptable ?? spec.insert(sql, rec, now)
    taken.add(localId)
    pairs.push({ localId, serverId: rec.id })
    ids.set(rec.id, localId)
  }
  insertMappings(sql, spec.entity, pairs)
  return ids
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

interface RowMerge {
  localId: number
  serverId: number
  /** The server's values, by API key. */
  server: Record<string, unknown>
  base: Record<string, unknown> | null
  /** Values this laptop's confirmed writes gave the row since the base was read (sent-values.ts). */
  sent: Record<string, unknown> | undefined
  local: Record<string, unknown>
  /** The row has unsent local changes. */
  unsent: boolean
  now: string
}

/**
 * Merges the server's values of these fields into one local row, three ways: a field the
 * server changed and we did not is taken (and written into queued updates of the row); one
 * both changed to different values is a conflict kept for the user (ours stays). Returns
 * the number of new conflicts.
 */
function mergeFields(sql: Sql, spec: MergedRows, fields: readonly PulledField[], m: RowMerge): number {
  const { localId, server, base, sent, local, unsent, now } = m
  let conflicts = 0
  const set: Record<string, unknown> = {}
  for (const field of fields) {
    const s = server[field.api]
    if (field.required && (s === null || s === undefined)) continue
    const l = field.json ? parseJson(local[field.column]) : local[field.column]
    if (sameJson(s, l)) continue
    if (field.serverOwned) {
      set[field.column] = s
      continue
    }
    // What the server held last as far as this laptop knows: what it sent since, else the base.
    const wasSent = sent !== undefined && Object.hasOwn(sent, field.api)
    // Never read for this row: the value rows start with stands for the base (pull-fields.ts).
    const assumed = !wasSent && base === null && field.startsAs !== undefined
    const known = wasSent || base !== null || assumed
    const b = wasSent ? sent[field.api] : assumed ? field.startsAs : base?.[field.api]
    // A field the update never sends, first seen: an empty one is filled, a value of ours is
    // kept (no conflict: the server's becomes the base a later change of theirs is told by).
    if (field.notSent && base === null && l !== null && l !== '') continue
    const serverChanged = !known || !sameJson(s, b)
    // A field the update never sends was changed here when it differs from what the server had.
    const localChanged = field.notSent ? base !== null && !sameJson(l, b) : !known ? unsent : !sameJson(l, b)
    // With nothing unsent here, the server's value is the row's (what this laptop sent
    // last may since have been changed there, even back to the base).
    if ((!unsent && !field.notSent) || (serverChanged && !localChanged)) {
      set[field.column] = field.json ? JSON.stringify(s ?? null) : s
      if (field.updateKey) rewriteQueuedUpdates(sql, spec.updateOperation, spec.entity, localId, field.updateKey, s)
    } else if (serverChanged) {
      recordConflict(sql, spec.entity, localId, m.serverId, field.api, b, l, s, now)
      conflicts++
    }
  }
  if (Object.keys(set).length) {
    if ('email' in set) set.email_key = String(set.email).toLowerCase()
    sql.run(sql.qb.updateTable(spec.table).set({ ...set, updated_at: now } as never).where('id', '=', localId))
    spec.afterUpdate?.(sql, localId)
  }
  return conflicts
}

/**
 * Merges what a row's detail route answered (its spec's detailFields) into the row, with
 * the same rules as its list's fields; the base is kept under `<baseKey>:details`. Returns
 * the number of new conflicts.
 */
export function mergeDetails(sql: Sql, spec: MergedRows, localId: number, serverId: number, detail: Record<string, unknown>, sweep: string, now: string): number {
  const fields = spec.detailFields ?? []
  const local = sql.first(sql.qb.selectFrom(spec.table).selectAll().where('id', '=', localId)) as Record<string, unknown> | undefined
  if (!local || !fields.length) return 0
  const baseKey = `${spec.baseKey}:details`
  const server = Object.fromEntries(fields.map((f) => [f.api, f.flag && typeof detail[f.api] === 'boolean' ? Number(detail[f.api]) : detail[f.api]]))
  const sent = sentOf(sql, sentDetailsKeyOf(spec), [serverId]).get(serverId)
  const conflicts = mergeFields(sql, spec, fields, { localId, serverId, server, base: readBase(sql, baseKey, serverId), sent, local, unsent: hasUnsent(sql, spec.entity, localId), now })
  writeBase(sql, baseKey, serverId, server, sweep)
  if (sent) forgetSent(sql, [sentDetailsKeyOf(spec)], [serverId])
  return conflicts
}

/** Merges one pulled page; returns the number of new conflicts. */
function applyPulledPage(sql: Sql, spec: PulledEntity, records: ListRecord[], sweep: string, now: string): number {
  const ids = localIdsForPage(sql, spec, records, now)
  const bases = basesOf(sql, spec.baseKey, records.map((r) => r.id))
  const sents = sentOf(sql, sentKeyOf(spec), records.map((r) => r.id))
  const localIds = [...ids.values()]
  const locals = new Map<number, Record<string, unknown>>()
  for (let i = 0; i < localIds.length; i += 500) {
    for (const row of sql.all(sql.qb.selectFrom(spec.table).selectAll().where('id', 'in', localIds.slice(i, i + 500))) as Record<string, unknown>[]) {
      locals.set(row.id as number, row)
    }
  }
  const unsentRows = unsentLocalIds(sql, spec.entity, localIds)
  let conflicts = 0
  const newBases: { serverId: number; data: unknown }[] = []
  for (const rec of records) {
    const server = Object.fromEntries(spec.fields.map((f) => [f.api, rec[f.api]]))
    newBases.push({ serverId: rec.id, data: server })
    const localId = ids.get(rec.id)!
    const local = locals.get(localId)
    if (!local) continue
    conflicts += mergeFields(sql, spec, spec.fields, { localId, serverId: rec.id, server, base: bases.get(rec.id) ?? null, sent: sents.get(rec.id), local, unsent: unsentRows.has(localId), now })
  }
  writeBases(sql, spec.baseKey, newBases, sweep)
  if (sents.size) forgetSent(sql, [sentKeyOf(spec)], [...sents.keys()])
  return conflicts
}

/**
 * Rows this laptop created and sent, that no sweep has listed since (a sweep ran before
 * the create, and the server deleted the row before the next one): they have no base, so
 * only their mapping says they exist on the server.
 */
function neverPulled(sql: Sql, spec: PulledEntity): { server_id: number }[] {
  let query = sql.qb
    .selectFrom('id_map as m')
    .innerJoin(`${spec.table} as t` as 'users as t', 't.id', 'm.local_id')
    .leftJoin('sync_base as b', (j) => j.onRef('b.server_id', '=', 'm.server_id').on('b.entity', '=', spec.baseKey))
    .select('m.server_id')
    .where('m.entity', '=', spec.entity)
    .where('b.server_id', 'is', null)
  for (const [column, value] of Object.entries(spec.naturalKey.where ?? {})) query = query.where(`t.${column}` as never, '=', value as never)
  return sql.all(query)
}

/** Rows the sweep did not see, confirmed gone by their detail route, are removed here: deletes win. */
async function removeDeleted(run: PhaseRun, spec: PulledEntity, sweep: string): Promise<number | Exclude<PhaseResult, null>> {
  const { sql, client, clock } = run.deps
  const unseen = [
    ...sql.all(sql.qb.selectFrom('sync_base').select('server_id').where('entity', '=', spec.baseKey).where('sweep', '!=', sweep)),
    ...neverPulled(sql, spec),
  ]
  let deleted = 0
  for (const { server_id } of unseen) {
    const outcome = await client.call(spec.detailOperation, { id: server_id })
    if (outcome.kind === 'ok') {
      // Still there: a page shifted under the sweep. Keep it; the next sweep refreshes it.
      sql.run(sql.qb.updateTable('sync_base').set({ sweep }).where('entity', '=', spec.baseKey).where('server_id', '=', server_id))
      continue
    }
    if (outcome.kind !== 'refused' || outcome.status !== 404) {
      // No proof it is gone: keep it. A stop (no connection, token) ends the phase.
      const verdict = run.failed({ ...outcome, route: `GET ${spec.detailOperation}` }, `check of ${spec.entity} ${server_id}`)
      if (verdict === 'skip' || (typeof verdict === 'object' && verdict !== null)) continue
      return verdict
    }
    const localId = localIdOf(sql, spec.entity, server_id)
    const now = clock().toISOString()
    sql.transaction(() => {
      if (localId !== undefined) {
        const name = spec.describe(sql, localId)
        discardUnsent(sql, spec.entity, localId, now)
        spec.removeDependents(sql, localId, now)
        sql.run(sql.qb.deleteFrom(spec.table).where('id', '=', localId))
        sql.run(sql.qb.deleteFrom('id_map').where('entity', '=', spec.entity).where('local_id', '=', localId))
        notice(sql, 'deleted_on_server', `${name} was deleted on the hosted LMS, so it was removed here too; unsent changes to it were discarded.`, now)
      }
      sql.run(sql.qb.deleteFrom('sync_base').where('entity', 'in', [spec.baseKey, `${spec.baseKey}:details`]).where('server_id', '=', server_id))
      forgetSent(sql, [sentKeyOf(spec), sentDetailsKeyOf(spec)], [server_id])
    })
    deleted++
  }
  return deleted
}

export function rowsPhase(spec: PulledEntity): PullPhase {
  return {
    name: spec.baseKey,
    entities: [spec.entity],
    async run(run) {
      const { sql, client, clock } = run.deps
      let complete = true
      // Once a page says how many rows the list has, the next pages (up to the run's
      // concurrency) are asked for while this one is merged; they are still merged in order.
      const ahead = new Map<number, ReturnType<typeof readPage>>()
      const readPage = (page: number) =>
        client.records(spec.list, { page_size: run.pageSize, page_number: page, order_by: JSON.stringify({ colName: 'id', direction: 'asc' }) })
      for (;;) {
        const cursor = run.cursor()
        const where = `page ${cursor.page}`
        const outcome = await (ahead.get(cursor.page) ?? readPage(cursor.page))
        ahead.delete(cursor.page)
        if (outcome.kind === 'ok' && outcome.total !== null) {
          const last = Math.ceil(outcome.total / run.pageSize)
          for (let next = cursor.page + 1; next <= Math.min(last, cursor.page + run.concurrency - 1); next++) if (!ahead.has(next)) ahead.set(next, readPage(next))
        }
        if (outcome.kind !== 'ok') {
          const verdict = run.failed(outcome, where)
          if (verdict !== 'skip') return verdict
          // Skipped: the sweep is not complete, so nothing is inferred deleted this time.
          complete = false
          run.save({ ...cursor, page: cursor.page + 1 })
          continue
        }
        run.succeeded(where)
        run.skipped(outcome.route, outcome.skipped)
        if (outcome.skipped.length) complete = false
        let records = outcome.records as ListRecord[]
        if (spec.enrich) {
          const fresh = spec.enrichAll ? records : records.filter((r) => localIdOf(sql, spec.entity, r.id) === undefined)
          const enriched = new Map<number, ListRecord | undefined>()
          await mapLimit(fresh, run.concurrency, async (r) => enriched.set(r.id, await spec.enrich!(client, r)))
          // A row whose detail could not be read waits for the next sweep (a half-known row would be kept half-known).
          const unread = fresh.filter((r) => enriched.get(r.id) === undefined)
          if (unread.length) {
            complete = false
            run.skipped(`${outcome.route} (details)`, unread.map((r) => ({ record: `id ${r.id}`, problem: 'its detail could not be read' })))
          }
          records = records.flatMap((r) => (enriched.has(r.id) ? (enriched.get(r.id) ? [enriched.get(r.id)!] : []) : [r]))
        }
        const now = clock().toISOString()
        let conflicts = 0
        sql.transaction(() => {
          conflicts = applyPulledPage(sql, spec, records, cursor.sweep, now)
          run.save({ ...cursor, page: cursor.page + 1 })
        })
        run.count({ pulled: records.length, conflicts })
        run.progress(Math.min(1, (cursor.page * run.pageSize) / Math.max(1, outcome.total ?? 1)))
        if (outcome.records.length + outcome.skipped.length < run.pageSize) break
      }
      if (!complete) return null
      const removed = await removeDeleted(run, spec, run.cursor().sweep)
      if (typeof removed !== 'number') return removed
      run.count({ deleted: removed })
      return null
    },
  }
}
