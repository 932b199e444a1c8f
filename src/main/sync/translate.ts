// Turns a queued record's input (local ids) into the request the hosted LMS gets (server
// ids), following the reference paths its operation declares. An id with no server id
// yet blocks the record behind whatever will create it, with a reason the user can read.
import type { EntityName, Operation } from '../../shared/contract/operation'
import { operationsByName } from '../../shared/operations/index'
import type { Sql } from '../engine/db/sql'
import { unsentCreateOf } from '../engine/outbox'
import { learnerAndCourseOf } from './pull-enrollments'
import { mapIds } from './id-map'
import { createOperations } from './queue-order'
import type { Queued, RuleContext } from './rules/rule'
import { enrollmentOf } from './lookups'

export { mapIds, mappedServerId } from './id-map'

export type Translation = { ok: true; input: Record<string, unknown> } | { ok: false; blockedBy: string } | { ok: false; moot: string }

/** Why a row whose create is still queued cannot be referred to yet; null when no create of it is queued. */
function whyPending(sql: Sql, entity: string, localId: number): string | null {
  const reason = whyUnmapped(sql, entity, localId)
  return reason.startsWith('Refers to') ? null : reason
}

/** Why an unmapped local id cannot be sent yet. */
function whyUnmapped(sql: Sql, entity: string, localId: number): string {
  const create = unsentCreateOf(sql, entity, localId, createOperations())
  if (create?.state === 'parked') return `Waits for ${entity} ${localId}, which the hosted LMS refused: ${(create.last_error ?? 'see its parked record').replace(/\.\s*$/, '')}.`
  if (create) return `Waits for ${entity} ${localId} to be created on the hosted LMS.`
  return `Refers to ${entity} ${localId}, which the hosted LMS does not know (it was never sent).`
}

/** A learner's status row on the server, found through the assignment details of their enrollment. */
async function resolveStatusRow(ctx: RuleContext, localRowId: number): Promise<number | string> {
  const row = ctx.sql.first(ctx.sql.qb.selectFrom('module_status').select(['enrollment_id', 'module_id']).where('id', '=', localRowId))
  if (!row) return `Refers to module status ${localRowId}, which no longer exists here.`
  const enrollment = ctx.serverId('enrollment', row.enrollment_id)
  if (enrollment === undefined) return whyUnmapped(ctx.sql, 'enrollment', row.enrollment_id)
  const module = ctx.serverId('module', row.module_id)
  if (module === undefined) return whyUnmapped(ctx.sql, 'module', row.module_id)
  // GET module/assignment/details lists the learner's modules of that enrollment, each with its status row (-1: none yet).
  const details = await ctx.client.answer('assignmentDetails', { registrationId: enrollment, moduleId: module })
  if (details.kind !== 'ok') return 'The hosted LMS did not answer where this learner\'s module status is; trying again later.'
  const statusRowId = details.value.otherModules.find((m) => m.module_id === module)?.status_row_id ?? null
  if (statusRowId === null) return 'Waits for the learner\'s submission to reach the hosted LMS.'
  mapIds(ctx.sql, 'module_status', localRowId, statusRowId)
  return statusRowId
}

/**
 * An enrollment the pull learnt from a course report (which has no ids), or one this laptop
 * made whose answer had none: its id is the learner's enrollment in that course on the
 * hosted LMS (GET users/enrolled-courses).
 */
async function resolveEnrollment(ctx: RuleContext, localId: number): Promise<number | string | Moot> {
  const pending = whyPending(ctx.sql, 'enrollment', localId)
  if (pending) return pending
  // Removed here since: its learner and course are still known from the last pull's base, or from the enroll that made it.
  const row =
    ctx.sql.first(ctx.sql.qb.selectFrom('enrollments').select(['course_id', 'user_id']).where('id', '=', localId)) ?? learnerAndCourseOf(ctx.sql, localId)
  if (!row) return { moot: `Enrollment ${localId} is gone here, and nothing says which learner and course it was: there is nothing to send about it.` }
  const course = ctx.serverId('course', row.course_id)
  if (course === undefined) return whyUnmapped(ctx.sql, 'course', row.course_id)
  const user = ctx.serverId('user', row.user_id)
  if (user === undefined) return whyUnmapped(ctx.sql, 'user', row.user_id)
  const found = await enrollmentOf(ctx.client, user, course)
  if (found === 'unknown' || found === 'unauthorized') return 'The hosted LMS did not answer which enrollment this is; trying again later.'
  if (found === undefined) return { moot: 'The hosted LMS has no enrollment of this learner in this course (it was removed there, or never arrived).' }
  mapIds(ctx.sql, 'enrollment', localId, found)
  return found
}

/** The row a record is about is gone here and not on the hosted LMS: there is nothing to send. */
export interface Moot {
  moot: string
}

async function serverIdOf(ctx: RuleContext, entity: EntityName, localId: number): Promise<number | string | Moot> {
  const mapped = ctx.serverId(entity, localId)
  if (mapped !== undefined) return mapped
  if (entity === 'module_status') return resolveStatusRow(ctx, localId)
  if (entity === 'enrollment') return resolveEnrollment(ctx, localId)
  return whyUnmapped(ctx.sql, entity, localId)
}

export async function translate(ctx: RuleContext, record: Queued): Promise<Translation> {
  const operation = operationsByName.get(record.operation) as Operation | undefined
  if (!operation || operation.kind !== 'write' || !operation.sync) return { ok: false, blockedBy: `${record.operation} cannot be sent.` }
  const input: Record<string, unknown> = structuredClone(record.input as Record<string, unknown>)
  for (const [path, entity] of Object.entries(operation.sync.refs)) {
    const [field, inner] = path.split('[].')
    const value = input[field]
    if (value === undefined || value === null || value === '') continue
    const mapOne = async (local: unknown): Promise<number | string | Moot> =>
      typeof local === 'number' ? serverIdOf(ctx, entity, local) : `The ${field} value is not an id.`
    const failed = (mapped: string | Moot): Translation => (typeof mapped === 'string' ? { ok: false, blockedBy: mapped } : { ok: false, moot: mapped.moot })
    if (inner !== undefined) {
      if (!Array.isArray(value)) continue
      for (const item of value as Record<string, unknown>[]) {
        if (item && typeof item === 'object' && inner in item) {
          const mapped = await mapOne(item[inner])
          if (typeof mapped !== 'number') return failed(mapped)
          item[inner] = mapped
        }
      }
    } else if (Array.isArray(value)) {
      const out: number[] = []
      for (const local of value) {
        const mapped = await mapOne(local)
        if (typeof mapped !== 'number') return failed(mapped)
        out.push(mapped)
      }
      input[field] = out
    } else {
      const mapped = await mapOne(value)
      if (typeof mapped !== 'number') return failed(mapped)
      input[field] = mapped
    }
  }
  return { ok: true, input }
}
