// Undoing an import: the users it created are removed, with their import enrollments,
// unless they have done something since (signed in, progressed, been enrolled elsewhere or
// edited), which is kept and named; the users it updated get their old values back unless
// edited since. Sync follows: creates never sent are taken out of their queued bulk
// upload, anything already sent is deleted or updated on the hosted LMS in turn.
import type { UndoResult } from '../../../../shared/operations/import'
import { coursesRemove } from '../../../../shared/operations/courses'
import { usersDelete, usersUpdate } from '../../../../shared/operations/users'
import type { EngineContext } from '../../context'
import { conflict, notFound } from '../../errors'
import { neverAttemptedOf, setInput } from '../../outbox'
import { removeFromClass, assertOpen, findClass } from '../classes/index'
import { removeEnrollments } from '../courses/index'
import { importRunning } from './jobs'
import type { UserSnapshot } from './write'
import { said, type Said } from './said'

type Refusal = UndoResult['refused'][number]

/** Why a created user must be kept, or null when nothing happened to them since `writtenAt`. */
function activitySince(ctx: EngineContext, userId: number, writtenAt: string): Said | null {
  const u = ctx.sql.first(ctx.qb.selectFrom('users').select(['last_login_at', 'updated_at']).where('id', '=', userId))
  if (!u) return null
  if (u.last_login_at) return said('reason.import.kept.signed_in')
  if (u.updated_at > writtenAt) return said('reason.import.kept.edited')
  const enrollments = ctx.sql.all(
    ctx.qb
      .selectFrom('enrollments')
      .innerJoin('courses', 'courses.id', 'enrollments.course_id')
      .select(['enrollments.id', 'courses.name', 'enrollments.registered_at', 'enrollments.status', 'enrollments.percent_complete', 'enrollments.last_accessed_at'])
      .where('enrollments.user_id', '=', userId),
  )
  for (const e of enrollments) {
    if (e.registered_at > writtenAt) return said('reason.import.kept.enrolled', { course: e.name })
    if (e.status !== 'Not Started' || e.percent_complete > 0 || e.last_accessed_at) return said('reason.import.kept.started', { course: e.name })
  }
  if (enrollments.length) {
    const worked = ctx.sql.first(
      ctx.qb
        .selectFrom('module_status')
        .select('module_status.id')
        .where('module_status.enrollment_id', 'in', enrollments.map((e) => e.id))
        .where((eb) => eb.or([eb('status', '!=', 'Not Started'), eb('access_count', '>', 0)]))
        .limit(1),
    )
    if (worked) return said('reason.import.kept.worked')
  }
  for (const c of ctx.sql.all(ctx.qb.selectFrom('class_enrollments').select(['class_id', 'status', 'registered_at']).where('user_id', '=', userId))) {
    if (c.registered_at > writtenAt) return said('reason.import.kept.registered', { class: String(c.class_id) })
    if (c.status !== 'Registered') return said('reason.import.kept.marked', { status: c.status, class: String(c.class_id) })
    const cls = findClass(ctx, c.class_id)
    if (cls?.signed_off_at) {
      try {
        assertOpen(cls)
      } catch {
        return said('reason.import.kept.signed_off', { class: String(c.class_id) })
      }
    }
  }
  return null
}

/**
 * The import's bulk uploads never attempted, by chunk: users undone from them are taken
 * out of their userList (once per chunk, after the loop: rewriting a 1,000-user list per
 * user made undoing 5,000 users take seconds) and need no delete on the hosted LMS.
 */
class UnsentUploads {
  private readonly records = new Map<number, { id: number; input: unknown } | null>()
  private readonly dropped = new Map<number, Set<string>>()

  constructor(private readonly ctx: EngineContext) {}

  /** Whether the chunk's upload was never attempted; the email is then taken out of it. */
  take(chunkId: number | null, email: string): boolean {
    if (chunkId === null) return false
    if (!this.records.has(chunkId)) this.records.set(chunkId, neverAttemptedOf(this.ctx.sql, 'users.bulkUpload', 'import_chunk', chunkId) ?? null)
    if (!this.records.get(chunkId)) return false
    const emails = this.dropped.get(chunkId) ?? new Set<string>()
    emails.add(email.toLowerCase())
    this.dropped.set(chunkId, emails)
    return true
  }

  /** Writes each touched upload back without its undone users; an emptied one is dropped. */
  flush(): void {
    for (const [chunkId, emails] of this.dropped) {
      const record = this.records.get(chunkId)
      if (!record) continue
      const input = record.input as { userList: { email: string }[] }
      const userList = input.userList.filter((u) => !emails.has(u.email.toLowerCase()))
      if (userList.length === 0) this.ctx.dropUnsentChanges('import_chunk', chunkId)
      else setInput(this.ctx.sql, record.id, { ...input, userList })
    }
    this.dropped.clear()
  }
}

function removeCreated(ctx: EngineContext, userId: number, chunkId: number | null, uploads: UnsentUploads): void {
  const u = ctx.sql.first(ctx.qb.selectFrom('users').select(['email']).where('id', '=', userId))
  if (!u) return
  const enrollments = ctx.sql.all(ctx.qb.selectFrom('enrollments').select(['id', 'course_id']).where('user_id', '=', userId))
  // removeEnrollments queues under the running operation's name; here that is course/remove.
  const asRemove: EngineContext = { ...ctx, recordChange: (change) => ctx.recordChange({ operation: coursesRemove, localId: change.localId, input: change.input as never }) }
  for (const e of enrollments) removeEnrollments(asRemove, e.course_id, [e.id])
  for (const c of ctx.sql.all(ctx.qb.selectFrom('class_enrollments').select(['id', 'class_id']).where('user_id', '=', userId))) {
    removeFromClass(ctx, c.class_id, [c.id])
  }
  const unsent = uploads.take(chunkId, u.email)
  ctx.sql.run(ctx.qb.deleteFrom('users').where('id', '=', userId))
  ctx.audit({ effectOn: 'User', subjectId: userId, action: 'Deleted', details: ['undo import'] })
  if (!unsent) ctx.recordChange({ operation: usersDelete, localId: userId, input: { delete_ids: [userId] } })
}

const notRestored = () => {
  const { message, reason } = said('reason.import.not_restored')
  return { reason: message, reasonCode: reason }
}

export function undoImport(ctx: EngineContext, batchId: number): UndoResult {
  const batch = ctx.sql.first(ctx.qb.selectFrom('import_batches').selectAll().where('id', '=', batchId))
  if (!batch) throw notFound('reason.import.batch_not_found', { id: String(batchId) })
  if (batch.state === 'running' && importRunning(ctx)) throw conflict('reason.import.batch_running', { id: String(batchId) })
  if (batch.state === 'undone') throw conflict('reason.import.batch_undone', { id: String(batchId) })
  const rows = ctx.sql.all(ctx.qb.selectFrom('import_batch_users').selectAll().where('batch_id', '=', batchId).where('undone_at', 'is', null).orderBy('row_number'))
  const at = ctx.nowIso()
  const refused: Refusal[] = []
  let removed = 0
  let restored = 0
  let passwordsKept = 0
  const uploads = new UnsentUploads(ctx)
  // Anything later than the import's end happened since; rows written in its last batch are not.
  const sinceOf = (writtenAt: string) => (batch.finished_at && batch.finished_at > writtenAt ? batch.finished_at : writtenAt)
  for (const r of rows) {
    const since = sinceOf(r.written_at)
    const u = ctx.sql.first(ctx.qb.selectFrom('users').selectAll().where('id', '=', r.user_id))
    const done = () => ctx.sql.run(ctx.qb.updateTable('import_batch_users').set({ undone_at: at }).where('batch_id', '=', batchId).where('user_id', '=', r.user_id))
    if (!u) {
      done()
      continue
    }
    if (r.action === 'created') {
      const why = activitySince(ctx, u.id, since)
      if (why) {
        refused.push({ userId: u.id, email: u.email, reason: why.message, reasonCode: why.reason })
        continue
      }
      removeCreated(ctx, u.id, r.chunk_id, uploads)
      removed++
      done()
      continue
    }
    if (u.updated_at > since) {
      refused.push({ userId: u.id, email: u.email, ...notRestored() })
      continue
    }
    const before = JSON.parse(r.before ?? '{}') as UserSnapshot
    ctx.sql.run(
      ctx.qb
        .updateTable('users')
        .set({ first_name: before.first_name, last_name: before.last_name, password_hash: before.password_hash, custom_user_metas: before.custom_user_metas, updated_at: at })
        .where('id', '=', u.id),
    )
    if (before.password_hash !== u.password_hash) passwordsKept++
    ctx.audit({ effectOn: 'User', subjectId: u.id, action: 'Updated', details: ['undo import'] })
    ctx.recordChange({
      operation: usersUpdate,
      localId: u.id,
      input: { id: u.id, firstName: before.first_name, lastName: before.last_name, email: u.email, disabled: u.disabled === 1, customUserMetas: JSON.parse(before.custom_user_metas) },
    })
    restored++
    done()
  }
  uploads.flush()
  const users = (n: number) => `${n} ${n === 1 ? 'user' : 'users'}`
  let message = `Removed ${users(removed)} the import created and restored ${users(restored)} it updated.`
  if (refused.length) message += ` ${users(refused.length)} ${refused.length === 1 ? 'was' : 'were'} kept; see why for each. Undo again once they can go.`
  if (passwordsKept) {
    message += ` ${passwordsKept === 1 ? '1 old password was' : `${passwordsKept} old passwords were`} restored here; the hosted LMS keeps the imported ones (it never gives out old passwords).`
  }
  const result: UndoResult = { batchId, removed, restored, refused, passwordsRestored: passwordsKept, message }
  ctx.sql.run(
    ctx.qb
      .updateTable('import_batches')
      .set({ ...(refused.length === 0 ? { state: 'undone' as const, undone_at: at } : {}), undo_report: JSON.stringify(result) })
      .where('id', '=', batchId),
  )
  return result
}
