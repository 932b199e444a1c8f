// Pull: sweeps the hosted LMS's documented list endpoints in pages and merges each row
// three ways (base = what the server had at the last pull, server = now, local = here).
//  - A field the server changed and we did not: taken, and written into queued updates of
//    that row so they do not send the old value back.
//  - A field both changed to different values: a conflict kept for the user; ours stays.
//  - A row with unsynced local changes is never overwritten wholesale.
//  - Deletions are inferred only after a complete sweep, and only once the row's own
//    detail route answers 404 (pages shift while rows come and go between fetches).
//  - The cursor is saved after every page, so an interrupted first pull resumes.
import { randomUUID } from 'node:crypto'
import type { Sql } from '../engine/db/sql'
import { readMeta, writeMeta } from '../engine/meta'
import type { HostedClient } from './hosted-client'
import { PULLED, type PulledEntity } from './pull-fields'
import { mapIds } from './translate'
import { UNSENT_STATES } from './push'

const PAGE_SIZE = 200

interface Cursor {
  sweep: string
  /** PULLED index; PULLED.length is the enrollments phase. */
  index: number
  page: number
  /** Enrollments phase: position in the list of mapped courses, by server id. */
  course?: number
}

export interface PullResult {
  pulled: number
  conflicts: number
  deleted: number
  complete: boolean
  stoppedBecause: 'unauthorized' | 'offline' | null
}

export interface PullDeps {
  sql: Sql
  client: HostedClient
  clock: () => Date
  pageSize?: number
  onProgress?: (fraction: number) => void
}

type ListRecord = Record<string, unknown> & { id: number }

function localIdOf(sql: Sql, entity: string, serverId: number): number | undefined {
  return sql.first(sql.qb.selectFrom('id_map').select('local_id').where('entity', '=', entity).where('server_id', '=', serverId))?.local_id
}

function hasUnsent(sql: Sql, entity: string, localId: number): boolean {
  return Boolean(
    sql.first(sql.qb.selectFrom('change_records').select('id').where('entity', '=', entity).where('local_id', '=', localId).where('state', 'in', [...UNSENT_STATES]).limit(1)),
  )
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

function insertLocal(sql: Sql, spec: PulledEntity, rec: ListRecord, now: string): number {
  if (spec.entity === 'user') {
    const email = String(rec.email)
    return sql.run(
      sql.qb.insertInto('users').values({
        first_name: String(rec.first_name ?? ''),
        last_name: String(rec.last_name ?? ''),
        email,
        email_key: email.toLowerCase(),
        password_hash: null,
        user_type: String(rec.user_type ?? 'general'),
        disabled: 0,
        custom_user_metas: '[]',
        last_login_at: null,
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid
  }
  return sql.run(
    sql.qb.insertInto('courses').values({
      name: String(rec.name),
      slug: String(rec.slug),
      status: String(rec.status ?? 'draft'),
      course_type: 'self_paced',
      instructions: null,
      featured_image_url: null,
      completion_redirection_url: null,
      credits: null,
      min_passing_percentage: null,
      grading_rule: 'no_grading',
      duration_rule: 'unlimited',
      duration_specific_date: null,
      duration_days: null,
      certificate_templates: '[]',
      certificate_expires_after: null,
      certificate_expires_after_grace_period: null,
      author_id: null,
      created_at: now,
      updated_at: now,
    }),
  ).lastInsertRowid
}

function recordConflict(sql: Sql, entity: string, localId: number, serverId: number, field: string, base: unknown, mine: unknown, theirs: unknown, now: string): void {
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
  const queued = sql.all(
    sql.qb
      .selectFrom('change_records')
      .select(['id', 'input'])
      .where('entity', '=', entity)
      .where('local_id', '=', localId)
      .where('operation', '=', updateOperation)
      .where('state', 'in', ['pending', 'parked']),
  )
  for (const q of queued) {
    const input = JSON.parse(q.input) as Record<string, unknown>
    if (!(updateKey in input)) continue
    input[updateKey] = value
    sql.run(sql.qb.updateTable('change_records').set({ input: JSON.stringify(input) }).where('id', '=', q.id))
  }
}

/** Merges one pulled row; returns the number of new conflicts. */
function applyPulled(sql: Sql, spec: PulledEntity, rec: ListRecord, sweep: string, now: string): number {
  const server = Object.fromEntries(spec.fields.map((f) => [f.api, rec[f.api]]))
  let localId = localIdOf(sql, spec.entity, rec.id)
  const baseRow = sql.first(sql.qb.selectFrom('sync_base').select('data').where('entity', '=', spec.entity).where('server_id', '=', rec.id))
  const base = baseRow ? (JSON.parse(baseRow.data) as Record<string, unknown>) : null
  let conflicts = 0
  if (localId === undefined) {
    const key = spec.naturalKey.column === 'email_key' ? String(rec[spec.naturalKey.api]).toLowerCase() : String(rec[spec.naturalKey.api])
    const adoptable = sql
      .all(sql.qb.selectFrom(spec.table).select('id').where(spec.naturalKey.column as never, '=', key as never))
      .map((r) => (r as { id: number }).id)
      .find((id) => sql.first(sql.qb.selectFrom('id_map').select('server_id').where('entity', '=', spec.entity).where('local_id', '=', id)) === undefined)
    localId = adoptable ?? insertLocal(sql, spec, rec, now)
    mapIds(sql, spec.entity, localId, rec.id)
  }
  const local = sql.first(sql.qb.selectFrom(spec.table).selectAll().where('id', '=', localId)) as Record<string, unknown> | undefined
  if (local) {
    const unsent = hasUnsent(sql, spec.entity, localId)
    const set: Record<string, unknown> = {}
    for (const field of spec.fields) {
      const s = server[field.api]
      const l = local[field.column]
      if (same(s, l)) continue
      const b = base?.[field.api]
      const serverChanged = base === null || !same(s, b)
      const localChanged = base === null ? unsent : !same(l, b)
      if (!serverChanged) continue
      if (!localChanged || !unsent) {
        set[field.column] = s
        if (field.updateKey) rewriteQueuedUpdates(sql, spec.updateOperation, spec.entity, localId, field.updateKey, s)
      } else {
        recordConflict(sql, spec.entity, localId, rec.id, field.api, b, l, s, now)
        conflicts++
      }
    }
    if (Object.keys(set).length) {
      if ('email' in set) set.email_key = String(set.email).toLowerCase()
      sql.run(sql.qb.updateTable(spec.table).set({ ...set, updated_at: now } as never).where('id', '=', localId))
    }
  }
  sql.run(
    sql.qb
      .insertInto('sync_base')
      .values({ entity: spec.entity, server_id: rec.id, data: JSON.stringify(server), sweep })
      .onConflict((oc) => oc.columns(['entity', 'server_id']).doUpdateSet({ data: JSON.stringify(server), sweep })),
  )
  return conflicts
}

/** Rows the sweep did not see, confirmed gone by their detail route, are removed here: deletes win. */
async function removeDeleted(deps: PullDeps, spec: PulledEntity, sweep: string): Promise<number | 'unauthorized' | 'offline'> {
  const { sql, client } = deps
  const unseen = sql.all(sql.qb.selectFrom('sync_base').select('server_id').where('entity', '=', spec.entity).where('sweep', '!=', sweep))
  let deleted = 0
  for (const { server_id } of unseen) {
    const outcome = await client.call(spec.detailOperation, { id: server_id })
    if (outcome.kind === 'unauthorized') return 'unauthorized'
    if (outcome.kind === 'no_answer' || outcome.kind === 'retry_later') return 'offline'
    if (outcome.kind === 'ok') {
      // Still there: a page shifted under the sweep. Keep it; the next sweep refreshes it.
      sql.run(sql.qb.updateTable('sync_base').set({ sweep }).where('entity', '=', spec.entity).where('server_id', '=', server_id))
      continue
    }
    if (outcome.status !== 404) continue
    const localId = localIdOf(sql, spec.entity, server_id)
    const now = deps.clock().toISOString()
    sql.transaction(() => {
      if (localId !== undefined) {
        const name = describeLocal(sql, spec, localId)
        sql.run(sql.qb.updateTable('change_records').set({ state: 'discarded', last_error: 'Deleted on the hosted LMS.', updated_at: now }).where('entity', '=', spec.entity).where('local_id', '=', localId).where('state', 'in', [...UNSENT_STATES]))
        if (spec.entity === 'user') sql.run(sql.qb.deleteFrom('enrollments').where('user_id', '=', localId))
        if (spec.entity === 'course') sql.run(sql.qb.deleteFrom('enrollments').where('course_id', '=', localId))
        sql.run(sql.qb.deleteFrom(spec.table).where('id', '=', localId))
        sql.run(sql.qb.deleteFrom('id_map').where('entity', '=', spec.entity).where('local_id', '=', localId))
        sql.run(
          sql.qb.insertInto('sync_notices').values({
            kind: 'deleted_on_server',
            message: `${name} was deleted on the hosted LMS, so it was removed here too; unsent changes to it were discarded.`,
            created_at: now,
          }),
        )
      }
      sql.run(sql.qb.deleteFrom('sync_base').where('entity', '=', spec.entity).where('server_id', '=', server_id))
    })
    deleted++
  }
  return deleted
}

function describeLocal(sql: Sql, spec: PulledEntity, localId: number): string {
  if (spec.entity === 'user') {
    const u = sql.first(sql.qb.selectFrom('users').select(['first_name', 'last_name', 'email']).where('id', '=', localId))
    return u ? `User ${u.first_name} ${u.last_name} (${u.email})`.replace('  ', ' ') : `User ${localId}`
  }
  const c = sql.first(sql.qb.selectFrom('courses').select('name').where('id', '=', localId))
  return c ? `Course "${c.name}"` : `Course ${localId}`
}

export async function pullAll(deps: PullDeps): Promise<PullResult> {
  const { sql, client, clock } = deps
  const saved = readMeta(sql, 'sync.pull_cursor')
  let cursor: Cursor = saved ? (JSON.parse(saved) as Cursor) : { sweep: randomUUID(), index: 0, page: 1 }
  const result: PullResult = { pulled: 0, conflicts: 0, deleted: 0, complete: false, stoppedBecause: null }
  const pageSize = deps.pageSize ?? PAGE_SIZE
  const save = () => writeMeta(sql, 'sync.pull_cursor', JSON.stringify(cursor))
  save()
  while (cursor.index < PULLED.length) {
    const spec = PULLED[cursor.index]
    for (;;) {
      const outcome = await client.call(spec.listOperation, {
        page_size: pageSize,
        page_number: cursor.page,
        order_by: JSON.stringify({ colName: 'id', direction: 'asc' }),
      })
      if (outcome.kind === 'unauthorized') return { ...result, stoppedBecause: 'unauthorized' }
      if (outcome.kind !== 'ok') return { ...result, stoppedBecause: 'offline' }
      const body = outcome.body as { records?: ListRecord[]; recordsFiltered?: number }
      const records = (body.records ?? []).filter((r) => typeof r?.id === 'number')
      const now = clock().toISOString()
      sql.transaction(() => {
        for (const rec of records) result.conflicts += applyPulled(sql, spec, rec, cursor.sweep, now)
        cursor = { ...cursor, page: cursor.page + 1 }
        save()
      })
      result.pulled += records.length
      deps.onProgress?.((cursor.index + Math.min(1, ((cursor.page - 1) * pageSize) / Math.max(1, body.recordsFiltered ?? 1))) / PULLED.length)
      if (records.length < pageSize) break
    }
    const removed = await removeDeleted(deps, spec, cursor.sweep)
    if (removed === 'unauthorized' || removed === 'offline') return { ...result, stoppedBecause: removed }
    result.deleted += removed
    cursor = { sweep: cursor.sweep, index: cursor.index + 1, page: 1 }
    save()
  }
  const enrollments = await pullEnrollments(deps, cursor, pageSize, (next) => {
    cursor = next
    save()
  })
  if (enrollments.stoppedBecause) return { ...result, pulled: result.pulled + enrollments.pulled, stoppedBecause: enrollments.stoppedBecause }
  result.pulled += enrollments.pulled
  writeMeta(sql, 'sync.pull_cursor', '')
  return { ...result, complete: true }
}

type EnrolledRecord = { id: number; user_id: number; status?: string; percentComplete?: number; access_status?: string }

/**
 * Enrollments of every course known on both sides, from each course's enrolled students.
 * A row with unsynced local changes keeps its values. Deletions are not inferred here yet:
 * the hosted API has no route that answers 404 for one enrollment.
 */
async function pullEnrollments(
  deps: PullDeps,
  start: Cursor,
  pageSize: number,
  save: (cursor: Cursor) => void,
): Promise<{ pulled: number; stoppedBecause: 'unauthorized' | 'offline' | null }> {
  const { sql, client, clock } = deps
  const courses = sql.all(sql.qb.selectFrom('id_map').select(['local_id', 'server_id']).where('entity', '=', 'course').orderBy('server_id'))
  let cursor: Cursor = { ...start, course: start.course ?? 0 }
  let pulled = 0
  while ((cursor.course ?? 0) < courses.length) {
    const course = courses[cursor.course ?? 0]
    for (;;) {
      const outcome = await client.call('courses.enrolledStudents', { course_id: course.server_id, page_size: pageSize, page_number: cursor.page })
      if (outcome.kind === 'unauthorized') return { pulled, stoppedBecause: 'unauthorized' }
      // A course gone on the server is handled by the course sweep; skip it here.
      if (outcome.kind === 'refused' && outcome.status === 404) break
      if (outcome.kind !== 'ok') return { pulled, stoppedBecause: 'offline' }
      const records = ((outcome.body as { records?: EnrolledRecord[] }).records ?? []).filter((r) => typeof r?.id === 'number')
      sql.transaction(() => {
        for (const rec of records) applyEnrollment(sql, course.local_id, rec, clock().toISOString())
        cursor = { ...cursor, page: cursor.page + 1 }
        save(cursor)
      })
      pulled += records.length
      if (records.length < pageSize) break
    }
    cursor = { ...cursor, course: (cursor.course ?? 0) + 1, page: 1 }
    save(cursor)
  }
  return { pulled, stoppedBecause: null }
}

function applyEnrollment(sql: Sql, localCourseId: number, rec: EnrolledRecord, now: string): void {
  const localUser = localIdOf(sql, 'user', rec.user_id)
  if (localUser === undefined) return
  let localId = localIdOf(sql, 'enrollment', rec.id)
  if (localId === undefined) {
    const existing = sql.first(sql.qb.selectFrom('enrollments').select('id').where('course_id', '=', localCourseId).where('user_id', '=', localUser))
    localId =
      existing?.id ??
      sql.run(
        sql.qb.insertInto('enrollments').values({
          course_id: localCourseId,
          user_id: localUser,
          group_id: null,
          status: 'Not Started',
          percent_complete: 0,
          access_status: 'Allowed',
          registered_at: now,
          started_at: null,
          completed_at: null,
          expire_at: null,
          last_accessed_at: null,
        }),
      ).lastInsertRowid
    mapIds(sql, 'enrollment', localId, rec.id)
  }
  if (hasUnsent(sql, 'enrollment', localId)) return
  const set: { status?: string; percent_complete?: number; access_status?: string } = {}
  if (['Not Started', 'In Progress', 'Completed'].includes(String(rec.status))) set.status = String(rec.status)
  if (typeof rec.percentComplete === 'number') set.percent_complete = rec.percentComplete
  if (rec.access_status === 'Allowed' || rec.access_status === 'Revoked') set.access_status = rec.access_status
  if (Object.keys(set).length) sql.run(sql.qb.updateTable('enrollments').set(set).where('id', '=', localId))
}
