// The conflict list the Sync screen shows, and the user's choice for each: mine (ours is
// sent to the hosted LMS) or theirs (the hosted LMS's value is taken here).
import type { ConflictView } from '../../shared/operations/sync'
import type { Sql } from '../engine/db/sql'
import { invalid, notFound } from '../engine/errors'
import { withoutSecrets } from '../engine/redact'
import { recordsOf, release } from '../engine/outbox'
import { ruleOf } from './rules/index'
import { comparedFields, pulledSpecFor, type MergedRows } from './pull-fields'
import { rewriteQueuedUpdates } from './pull-rows'
import type { Grade } from './grade-conflicts'

export function listConflicts(sql: Sql): ConflictView[] {
  const rows = sql.all(sql.qb.selectFrom('sync_conflicts').selectAll().where('resolved_at', 'is', null).orderBy('id'))
  return rows.map((c) => ({
    id: c.id,
    entity: c.entity,
    localId: c.local_id,
    field: c.field,
    label: labelOf(sql, c.entity, c.local_id, c.field),
    base: JSON.parse(c.base ?? 'null') as unknown,
    mine: JSON.parse(c.mine ?? 'null') as unknown,
    theirs: JSON.parse(c.theirs ?? 'null') as unknown,
    createdAt: c.created_at,
  }))
}

function labelOf(sql: Sql, entity: string, localId: number, field: string): string {
  if (entity === 'evaluation') {
    const row = sql.first(
      sql.qb
        .selectFrom('module_status as ms')
        .innerJoin('enrollments as e', 'e.id', 'ms.enrollment_id')
        .innerJoin('users as u', 'u.id', 'e.user_id')
        .innerJoin('modules as m', 'm.id', 'ms.module_id')
        .select(['u.first_name', 'u.last_name', 'm.name'])
        .where('ms.id', '=', localId),
    )
    return row ? `Grade of ${row.first_name} ${row.last_name} for "${row.name}"` : `Grade ${localId}`
  }
  const spec = pulledSpecFor(sql, entity, localId)
  const fieldLabel = (spec ? comparedFields(spec) : []).find((f) => f.api === field)?.label ?? field
  return `${fieldLabel} of ${spec ? spec.describe(sql, localId) : `${entity} ${localId}`}`
}

export interface ResolvedConflict {
  entity: string
  localId: number
  choice: 'mine' | 'theirs'
  theirs: unknown
  /** An update the caller queues so that "mine" reaches the hosted LMS (see mineToSend). */
  send?: { operation: string; input: Record<string, unknown> }
}

/**
 * "Mine" must reach the hosted LMS. When an unsent update of the row carries the field it
 * will; otherwise the local change was a create the server already holds (its answer was
 * lost and the pull adopted the row by its natural key), and reconciling that create sends
 * nothing. Then a new update is queued: the row's last recorded create or update input
 * (for the fields sync does not compare) with the current local values over it.
 */
function mineToSend(sql: Sql, spec: MergedRows, localId: number, updateKey: string): ResolvedConflict['send'] {
  const records = recordsOf(sql, spec.entity, localId)
  const updates = records.filter((r) => r.operation === spec.updateOperation)
  const carries = (r: { input: string }) => updateKey in (JSON.parse(r.input) as Record<string, unknown>)
  if (updates.some((r) => r.state !== 'done' && carries(r))) return undefined
  const last = records.find((r) => r.operation === spec.updateOperation || (kindOf(r.operation) === 'create' && !('userList' in JSON.parse(r.input))))
  const row = sql.first(sql.qb.selectFrom(spec.table).selectAll().where('id', '=', localId)) as Record<string, unknown> | undefined
  if (!row) return undefined
  // A create's password is not an update's field (and a sent record keeps none: see engine/outbox/secrets.ts).
  const input: Record<string, unknown> = last ? withoutSecrets(JSON.parse(last.input) as Record<string, unknown>) : {}
  for (const f of comparedFields(spec)) if (f.updateKey) input[f.updateKey] = f.json ? JSON.parse(String(row[f.column] ?? 'null')) : row[f.column]
  input.id = localId
  return { operation: spec.updateOperation, input }
}

const kindOf = (operation: string) => ruleOf(operation)?.kind

/** Marks the conflict resolved and applies the field choice; grade "theirs" is applied by the caller (it recomputes progress). */
export function resolveConflict(sql: Sql, id: number, choice: 'mine' | 'theirs', now: string): ResolvedConflict {
  const c = sql.first(sql.qb.selectFrom('sync_conflicts').selectAll().where('id', '=', id))
  if (!c) throw notFound('reason.conflict_not_found', { id: String(id) })
  if (c.resolved_at) throw invalid('id', 'reason.conflict_resolved_already', { id: String(id), choice: c.choice ?? '' })
  const theirs = JSON.parse(c.theirs ?? 'null') as unknown
  sql.run(sql.qb.updateTable('sync_conflicts').set({ resolved_at: now, choice }).where('id', '=', id))
  // Records held behind this conflict may go now (with the chosen value).
  release(sql, { entity: c.entity, localId: c.local_id }, now)
  if (c.entity === 'evaluation') {
    // A grade conflict is kept on its status row; the grades held behind it go now.
    if (choice === 'mine') release(sql, { operation: 'assignments.evaluate' }, now)
    return { entity: c.entity, localId: c.local_id, choice, theirs }
  }
  const spec = pulledSpecFor(sql, c.entity, c.local_id)
  const field = (spec ? comparedFields(spec) : []).find((f) => f.api === c.field)
  if (spec && field && choice === 'theirs') {
    const set: Record<string, unknown> = { [field.column]: field.json ? JSON.stringify(theirs ?? null) : theirs, updated_at: now }
    if (field.column === 'email') set.email_key = String(theirs).toLowerCase()
    sql.run(sql.qb.updateTable(spec.table).set(set as never).where('id', '=', c.local_id))
    if (field.updateKey) rewriteQueuedUpdates(sql, spec.updateOperation, spec.entity, c.local_id, field.updateKey, theirs)
  }
  const send = spec && field?.updateKey && choice === 'mine' ? mineToSend(sql, spec, c.local_id, field.updateKey) : undefined
  return { entity: c.entity, localId: c.local_id, choice, theirs, send }
}

export type { Grade }
