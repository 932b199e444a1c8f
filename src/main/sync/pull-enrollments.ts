// Enrollments of every course known on both sides, from the course's detailed report
// (GET course/reports/course-detailed: each learner by email, with status, progress and
// access). It is the documented course roster that needs no group: course/enrolled-students
// requires a group_id, and no documented route names a group. The report has no
// enrollment ids; an enrollment's id is looked up when something must be sent about it
// (users/enrolled-courses, see rules/lookups.ts). A row with unsynced local changes keeps
// its values. An enrollment a complete sweep of its course no longer lists is confirmed
// gone by searching the report for that learner's email (a documented filter) before it
// is removed here.
import type { Sql } from '../engine/db/sql'
import type { DecodedRecord } from './hosted-client'
import { allPages, walkParents, type Parent } from './pull-walk'
import { createsOfRemovedRows, discardUnsent, notice, readBase, unsentLocalIds, writeBases } from './pull-store'
import { createInputOf, unsentOf } from '../engine/outbox'
import { createOperations, operationsOfKind } from './queue-order'
import type { PhaseRun, PullPhase } from './pull-phase'

type Learner = DecodedRecord<'courseReport'>

const ENROLLMENT_STATUSES = new Set(['Not Started', 'In Progress', 'Completed'])
/**
 * sync_base key of an enrollment seen in a course report, by its LOCAL id (the report has
 * no server id). Its data keeps the learner and course too, so the enrollment can still be
 * found on the hosted LMS once it was removed here (a removal to send).
 */
export const ENROLLMENT_BASE = 'enrollment_row'
export type EnrollmentBase = { status: string; percent: number | null; access: string; user?: number; course?: number }

/** The values of a pulled enrollment this laptop takes (unknown values are ignored). */
function pulledValues(rec: Learner): { status?: string; percent_complete?: number; access_status?: string } {
  const set: { status?: string; percent_complete?: number; access_status?: string } = {}
  if (ENROLLMENT_STATUSES.has(rec.status)) set.status = rec.status
  if (rec.percent_complete !== null) set.percent_complete = Math.max(0, Math.min(100, rec.percent_complete))
  if (rec.access_status === 'Allowed' || rec.access_status === 'Revoked') set.access_status = rec.access_status
  return set
}

const baseOf = (rec: Learner): EnrollmentBase => ({ status: rec.status, percent: rec.percent_complete, access: rec.access_status })

/** Local users by lower-cased email, for the emails given. */
export function usersByEmail(sql: Sql, emails: readonly string[]): Map<string, number> {
  const found = new Map<string, number>()
  const unique = [...new Set(emails)]
  for (let i = 0; i < unique.length; i += 500) {
    for (const r of sql.all(sql.qb.selectFrom('users').select(['id', 'email_key']).where('email_key', 'in', unique.slice(i, i + 500)))) found.set(r.email_key, r.id)
  }
  return found
}

/** The learner and course of an enrollment no longer here: from its base (pulled) or the enroll that created it. */
export function learnerAndCourseOf(sql: Sql, localId: number): { course_id: number; user_id: number } | undefined {
  const base = readBase<EnrollmentBase>(sql, ENROLLMENT_BASE, localId)
  if (base?.user !== undefined && base.course !== undefined) return { course_id: base.course, user_id: base.user }
  const created = createInputOf(sql, 'enrollment', localId, createOperations()) as { id?: unknown; studentIds?: unknown[] } | undefined
  const user = created?.studentIds?.[0]
  return typeof created?.id === 'number' && typeof user === 'number' ? { course_id: created.id, user_id: user } : undefined
}

/**
 * Learners of a course whose enrollment was removed here by a removal not sent yet. The
 * hosted LMS lists them until it is sent; enrolled here again by the pull (which runs
 * before the push), they would stay here once the push removed them there, with nothing
 * queued to say so.
 */
function removalsUnsent(sql: Sql, localCourseId: number): Set<number> {
  const learners = new Set<number>()
  for (const { local_id } of unsentOf(sql, 'enrollment', operationsOfKind('delete'))) {
    if (local_id === null || sql.first(sql.qb.selectFrom('enrollments').select('id').where('id', '=', local_id))) continue
    const removed = learnerAndCourseOf(sql, local_id)
    if (removed?.course_id === localCourseId) learners.add(removed.user_id)
  }
  return learners
}

/** Merges a complete or partial list of a course's learners; returns the local enrollments it saw. */
function applyLearners(sql: Sql, localCourseId: number, learners: Learner[], sweep: string, now: string): Set<number> {
  const users = usersByEmail(sql, learners.map((l) => l.email))
  // Enrolled here and removed again before the enroll's answer arrived, or removed here and
  // the removal not sent yet: the push settles those.
  const removedHere = new Set([
    ...createsOfRemovedRows(sql, 'enrollment', 'enrollments', ['courses.enroll'])
      .filter((input) => Number(input.id) === localCourseId)
      .map((input) => Number((input.studentIds as unknown[] | undefined)?.[0])),
    ...removalsUnsent(sql, localCourseId),
  ])
  const existing = new Map<number, number>()
  const current = new Map<number, { status: string; percent_complete: number; access_status: string }>()
  for (const r of sql.all(sql.qb.selectFrom('enrollments').select(['id', 'user_id', 'status', 'percent_complete', 'access_status']).where('course_id', '=', localCourseId))) {
    existing.set(r.user_id, r.id)
    current.set(r.id, r)
  }
  const placeable = learners.filter((l) => users.has(l.email) && (existing.has(users.get(l.email)!) || !removedHere.has(users.get(l.email)!)))
  const seen = new Set<number>()
  const fresh = placeable.filter((l) => !existing.has(users.get(l.email)!))
  for (let i = 0; i < fresh.length; i += 200) {
    const rows = sql.all(
      sql.qb
        .insertInto('enrollments')
        .values(
          fresh.slice(i, i + 200).map((rec) => ({
            course_id: localCourseId,
            user_id: users.get(rec.email)!,
            group_id: null,
            status: 'Not Started',
            percent_complete: 0,
            access_status: 'Allowed',
            ...pulledValues(rec),
            registered_at: rec.registered_on ?? now,
            started_at: rec.started_on,
            completed_at: rec.completed_on,
            expire_at: null,
            last_accessed_at: null,
          })),
        )
        .returning(['id', 'user_id']),
    )
    for (const r of rows) existing.set(r.user_id, r.id)
  }
  const rows = placeable.map((rec) => ({ rec, localId: existing.get(users.get(rec.email)!)! }))
  const unsent = unsentLocalIds(sql, 'enrollment', rows.map((r) => r.localId))
  for (const { rec, localId } of rows) {
    seen.add(localId)
    // Changed here and unsent: what is here stays (it is sent next). Otherwise the server's values are the row's.
    if (unsent.has(localId)) continue
    const set = pulledValues(rec)
    const here = current.get(localId)
    const differs = !here || (Object.keys(set) as (keyof typeof set)[]).some((k) => set[k] !== here[k])
    if (differs && Object.keys(set).length) sql.run(sql.qb.updateTable('enrollments').set(set).where('id', '=', localId))
  }
  writeBases(sql, ENROLLMENT_BASE, rows.map(({ rec, localId }) => ({ serverId: localId, data: { ...baseOf(rec), user: users.get(rec.email), course: localCourseId } })), sweep)
  return seen
}

/** Enrollments of the course known on the server (seen in an earlier sweep, or mapped) that this complete sweep did not list. */
function unlisted(sql: Sql, localCourseId: number, seen: ReadonlySet<number>) {
  const rows = sql.all(
    sql.qb
      .selectFrom('enrollments as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .leftJoin('sync_base as b', (j) => j.onRef('b.server_id', '=', 'e.id').on('b.entity', '=', ENROLLMENT_BASE))
      .leftJoin('id_map as m', (j) => j.onRef('m.local_id', '=', 'e.id').on('m.entity', '=', 'enrollment'))
      .select(['e.id', 'u.email', 'u.first_name', 'u.last_name'])
      .where('e.course_id', '=', localCourseId)
      .where((eb) => eb.or([eb('b.server_id', 'is not', null), eb('m.server_id', 'is not', null)])),
  )
  return rows.filter((r) => !seen.has(r.id))
}

function removeEnrollment(sql: Sql, row: { id: number; email: string; first_name: string; last_name: string }, courseName: string, now: string): void {
  discardUnsent(sql, 'enrollment', row.id, now)
  sql.run(sql.qb.deleteFrom('enrollments').where('id', '=', row.id))
  sql.run(sql.qb.deleteFrom('id_map').where('entity', '=', 'enrollment').where('local_id', '=', row.id))
  sql.run(sql.qb.deleteFrom('sync_base').where('entity', '=', ENROLLMENT_BASE).where('server_id', '=', row.id))
  notice(sql, 'deleted_on_server', `${`${row.first_name} ${row.last_name}`.trim()} (${row.email}) was removed from "${courseName}" on the hosted LMS, so the enrollment was removed here too.`, now)
}

/** Confirms each unlisted enrollment gone by a search of the course's report for its email, then removes it. */
async function removeUnlisted(run: PhaseRun, course: Parent, seen: ReadonlySet<number>): Promise<void> {
  const { sql, client, clock } = run.deps
  for (const row of unlisted(sql, course.local_id, seen)) {
    const outcome = await run.slot(() =>
      client.records('courseReport', { course_id: course.server_id, page_size: 50, page_number: 1, search_param: JSON.stringify({ nameOrEmail: row.email }) }),
    )
    // No answer proves nothing: it stays until a later sweep confirms it.
    if (outcome.kind !== 'ok' || outcome.skipped.length > 0) continue
    if (outcome.records.some((r) => r.email === row.email.toLowerCase())) continue
    const courseName = sql.first(sql.qb.selectFrom('courses').select('name').where('id', '=', course.local_id))?.name ?? `course ${course.local_id}`
    sql.transaction(() => removeEnrollment(sql, row, courseName, clock().toISOString()))
    run.count({ deleted: 1 })
  }
}

export function mappedParents(sql: Sql, entity: string): Parent[] {
  return sql.all(sql.qb.selectFrom('id_map').select(['local_id', 'server_id']).where('entity', '=', entity).orderBy('server_id'))
}

export const enrollmentsPhase: PullPhase = {
  name: 'enrollments',
  entities: ['enrollment', 'module_status'],
  async run(run) {
    const { sql, client, clock } = run.deps
    const complete: { course: Parent; seen: Set<number> }[] = []
    const result = await walkParents(
      run,
      mappedParents(sql, 'course'),
      (course) =>
        allPages(run, `course ${course.server_id}`, (page) => client.records('courseReport', { course_id: course.server_id, page_size: run.pageSize, page_number: page })),
      (course, { records, complete: whole }) => {
        const seen = applyLearners(sql, course.local_id, records, run.cursor().sweep, clock().toISOString())
        run.count({ pulled: records.length })
        if (whole) complete.push({ course, seen })
      },
    )
    // Removals after the sweep, only for courses read completely in this run.
    for (const { course, seen } of complete) await removeUnlisted(run, course, seen)
    return result
  },
}
