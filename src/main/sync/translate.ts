// Turns a queued record's input (local ids) into the request the hosted LMS gets (server
// ids), following the reference paths its operation declares. An id with no server id
// yet blocks the record behind whatever will create it, with a reason the user can read.
import type { EntityName, Operation } from '../../shared/contract/operation'
import { operationsByName } from '../../shared/operations/index'
import type { Sql } from '../engine/db/sql'
import { ADAPTERS, type AdapterContext, type QueuedRecord } from './adapters'
import { mapIds } from './id-map'

export { mapIds, mappedServerId } from './id-map'

export type Translation = { ok: true; input: Record<string, unknown> } | { ok: false; blockedBy: string }

const CREATE_OPERATIONS = Object.entries(ADAPTERS)
  .filter(([, a]) => a.kind === 'create')
  .map(([name]) => name)

/** Why an unmapped local id cannot be sent yet. */
function whyUnmapped(sql: Sql, entity: string, localId: number): string {
  const create = sql.first(
    sql.qb
      .selectFrom('change_records')
      .select(['id', 'state', 'last_error'])
      .where('entity', '=', entity)
      .where('local_id', '=', localId)
      .where('operation', 'in', CREATE_OPERATIONS)
      .where('state', 'in', ['pending', 'sending', 'parked'])
      .orderBy('id')
      .limit(1),
  )
  if (create?.state === 'parked') return `Waits for ${entity} ${localId}, which the hosted LMS refused: ${(create.last_error ?? 'see its parked record').replace(/\.\s*$/, '')}.`
  if (create) return `Waits for ${entity} ${localId} to be created on the hosted LMS.`
  return `Refers to ${entity} ${localId}, which the hosted LMS does not know (it was never sent).`
}

/** A learner's status row on the server, found through the assignment details of their enrollment. */
async function resolveStatusRow(ctx: AdapterContext, localRowId: number): Promise<number | string> {
  const row = ctx.sql.first(ctx.sql.qb.selectFrom('module_status').select(['enrollment_id', 'module_id']).where('id', '=', localRowId))
  if (!row) return `Refers to module status ${localRowId}, which no longer exists here.`
  const enrollment = ctx.serverId('enrollment', row.enrollment_id)
  if (enrollment === undefined) return whyUnmapped(ctx.sql, 'enrollment', row.enrollment_id)
  const module = ctx.serverId('module', row.module_id)
  if (module === undefined) return whyUnmapped(ctx.sql, 'module', row.module_id)
  const details = await ctx.client.read<{ statusRowId?: number }>('assignments.details', { registrationId: enrollment, moduleId: module })
  if (details === undefined) return 'The hosted LMS did not answer where this learner\'s module status is; trying again later.'
  if (typeof details.statusRowId !== 'number' || details.statusRowId < 1) return 'Waits for the learner\'s submission to reach the hosted LMS.'
  mapIds(ctx.sql, 'module_status', localRowId, details.statusRowId)
  return details.statusRowId
}

async function serverIdOf(ctx: AdapterContext, entity: EntityName, localId: number): Promise<number | string> {
  const mapped = ctx.serverId(entity, localId)
  if (mapped !== undefined) return mapped
  if (entity === 'module_status') return resolveStatusRow(ctx, localId)
  return whyUnmapped(ctx.sql, entity, localId)
}

export async function translate(ctx: AdapterContext, record: QueuedRecord): Promise<Translation> {
  const operation = operationsByName.get(record.operation) as Operation | undefined
  if (!operation || operation.kind !== 'write' || !operation.sync) return { ok: false, blockedBy: `${record.operation} cannot be sent.` }
  const input: Record<string, unknown> = structuredClone(record.input)
  for (const [path, entity] of Object.entries(operation.sync.refs)) {
    const [field, inner] = path.split('[].')
    const value = input[field]
    if (value === undefined || value === null || value === '') continue
    const mapOne = async (local: unknown): Promise<number | string> =>
      typeof local === 'number' ? serverIdOf(ctx, entity, local) : `The ${field} value is not an id.`
    if (inner !== undefined) {
      if (!Array.isArray(value)) continue
      for (const item of value as Record<string, unknown>[]) {
        if (item && typeof item === 'object' && inner in item) {
          const mapped = await mapOne(item[inner])
          if (typeof mapped === 'string') return { ok: false, blockedBy: mapped }
          item[inner] = mapped
        }
      }
    } else if (Array.isArray(value)) {
      const out: number[] = []
      for (const local of value) {
        const mapped = await mapOne(local)
        if (typeof mapped === 'string') return { ok: false, blockedBy: mapped }
        out.push(mapped)
      }
      input[field] = out
    } else {
      const mapped = await mapOne(value)
      if (typeof mapped === 'string') return { ok: false, blockedBy: mapped }
      input[field] = mapped
    }
  }
  return { ok: true, input }
}
