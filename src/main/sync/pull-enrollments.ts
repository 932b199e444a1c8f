// Enrollments of every course known on both sides, read from each course's enrolled
// students. A row with unsynced local changes keeps its values. An enrollment a complete
// sweep of its course did not see is confirmed gone by searching the course for that
// learner before it is removed here (the API has no enrollment route that answers 404).
import type { Sql } from '../engine/db/sql'
import { basesOf, createsOfRemovedRows, insertMappings, sameJson, localIdsOf, removeUnlisted, stopFor, unsentLocalIds, writeBases, type PhaseRun, type PullPhase, type PullStop } from './pull-phase'

type EnrolledRecord = { id: number; user_id: number; status?: string; percentComplete?: number; access_status?: string }

const ENROLLMENT_STATUSES = new Set(['Not Started', 'In Progress', 'Completed'])

/** The values of a pulled enrollment this laptop takes (unknown values are ignored). */
function pulledValues(rec: EnrolledRecord): { status?: string; percent_complete?: number; access_status?: string } {
  const set: { status?: string; percent_complete?: number; access_status?: string } = {}
  if (ENROLLMENT_STATUSES.has(String(rec.status))) set.status = String(rec.status)
  if (typeof rec.percentComplete === 'number') set.percent_complete = rec.percentComplete
  if (rec.access_status === 'Allowed' || rec.access_status === 'Revoked') set.access_status = rec.access_status
  return set
}

/** Merges one page of a course's enrolled students. */
function applyEnrollmentPage(sql: Sql, localCourseId: number, records: EnrolledRecord[], sweep: string, now: string): void {
  const users = localIdsOf(sql, 'user', records.map((r) => r.user_id))
  const mapped = localIdsOf(sql, 'enrollment', records.map((r) => r.id))
  // Enrolled here and removed again before the enroll's answer arrived: the push settles those.
  const removedHere = new Set(
    createsOfRemovedRows(sql, 'enrollment', 'enrollments', ['courses.enroll'])
      .filter((input) => Number(input.id) === localCourseId)
      .map((input) => Number((input.studentIds as unknown[] | undefined)?.[0])),
  )
  const placeable = records.filter((r) => users.has(r.user_id) && (mapped.has(r.id) || !removedHere.has(users.get(r.user_id)!)))
  const unmapped = placeable.filter((r) => !mapped.has(r.id))
  // Unmapped server enrollments: adopt this course's local row of that learner, else insert one.
  const existing = new Map<number, number>()
  if (unmapped.length) {
    const localUsers = unmapped.map((r) => users.get(r.user_id)!)
    for (let i = 0; i < localUsers.length; i += 500) {
      const rows = sql.all(sql.qb.selectFrom('enrollments').select(['id', 'user_id']).where('course_id', '=', localCourseId).where('user_id', 'in', localUsers.slice(i, i + 500)))
      for (const r of rows) existing.set(r.user_id, r.id)
    }
  }
  const fresh = unmapped.filter((r) => !existing.has(users.get(r.user_id)!))
  const inserted = new Map<number, number>()
  for (let i = 0; i < fresh.length; i += 200) {
    const part = fresh.slice(i, i + 200)
    const rows = sql.all(
      sql.qb
        .insertInto('enrollments')
        .values(
          part.map((rec) => ({
            course_id: localCourseId,
            user_id: users.get(rec.user_id)!,
            group_id: null,
            status: 'Not Started',
            percent_complete: 0,
            access_status: 'Allowed',
            ...pulledValues(rec),
            registered_at: now,
            started_at: null,
            completed_at: null,
            expire_at: null,
            last_accessed_at: null,
          })),
        )
        .returning(['id', 'user_id']),
    )
    for (const r of rows) inserted.set(r.user_id, r.id)
  }
  const adopted = unmapped.map((rec) => {
    const user = users.get(rec.user_id)!
    return { localId: existing.get(user) ?? inserted.get(user)!, serverId: rec.id }
  })
  insertMappings(sql, 'enrollment', adopted)
  const baseOf = (rec: EnrolledRecord) => ({ status: rec.status, percentComplete: rec.percentComplete, access_status: rec.access_status })
  const bases = basesOf(sql, 'enrollment', placeable.map((r) => r.id))
  writeBases(sql, 'enrollment', placeable.map((rec) => ({ serverId: rec.id, data: baseOf(rec) })), sweep)
  // Rows known before (mapped or adopted) take the server's values unless they have unsent changes.
  const known = [...placeable.filter((r) => mapped.has(r.id)).map((rec) => ({ rec, localId: mapped.get(rec.id)! })), ...unmapped.filter((r) => existing.has(users.get(r.user_id)!)).map((rec) => ({ rec, localId: existing.get(users.get(rec.user_id)!)! }))]
  const unsent = unsentLocalIds(sql, 'enrollment', known.map((k) => k.localId))
  for (const { rec, localId } of known) {
    // Unchanged on the server since the last pull: what is here stays.
    if (unsent.has(localId) || (bases.has(rec.id) && sameJson(bases.get(rec.id), baseOf(rec)))) continue
    const set = pulledValues(rec)
    if (Object.keys(set).length) sql.run(sql.qb.updateTable('enrollments').set(set).where('id', '=', localId))
  }
}

/** Mapped enrollments of a course that the sweep in progress has not seen. */
function unseenEnrollments(sql: Sql, localCourseId: number, sweep: string) {
  return sql.all(
    sql.qb
      // CROSS JOIN keeps this order (the course's enrollments first, then each one's mapping):
      // without statistics SQLite started from every enrollment mapping, once per course.
      .selectFrom('enrollments as e')
      .crossJoin('id_map as m')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .leftJoin('sync_base as b', (j) => j.onRef('b.server_id', '=', 'm.server_id').on('b.entity', '=', 'enrollment'))
      .select(['e.id', 'm.server_id', 'u.email', 'u.first_name', 'u.last_name'])
      .where('m.entity', '=', 'enrollment')
      .whereRef('m.local_id', '=', 'e.id')
      .where('e.course_id', '=', localCourseId)
      .where((eb) => eb.or([eb('b.sweep', 'is', null), eb('b.sweep', '!=', sweep)])),
  )
}

function removeDeletedEnrollments(run: PhaseRun, course: { local_id: number; server_id: number }, sweep: string): Promise<PullStop | null> {
  const { sql } = run.deps
  return removeUnlisted(run, unseenEnrollments(sql, course.local_id, sweep), {
    entity: 'enrollment',
    table: 'enrollments',
    search: 'courses.enrolledStudents',
    parent: { course_id: course.server_id },
    told(row) {
      const courseName = sql.first(sql.qb.selectFrom('courses').select('name').where('id', '=', course.local_id))?.name ?? `course ${course.local_id}`
      return `${`${row.first_name} ${row.last_name}`.trim()} (${row.email}) was removed from "${courseName}" on the hosted LMS, so the enrollment was removed here too.`
    },
  })
}

type Mapped = { local_id: number; server_id: number }
type PageStep = (item: Mapped, page: number) => Promise<{ stop: PullStop | null; more: boolean; skip?: boolean }>

/** Walks every mapped course, page by page, resuming at the saved course and page. */
export function forEachMappedCourse(run: PhaseRun, eachPage: PageStep, afterCourse?: (course: Mapped) => Promise<PullStop | null>): Promise<PullStop | null> {
  return forEachMapped(run, 'course', eachPage, afterCourse)
}

/** Walks every mapped row of an entity (by server id), page by page, resuming at the saved row and page. */
export async function forEachMapped(
  run: PhaseRun,
  entity: string,
  eachPage: PageStep,
  afterCourse?: (item: Mapped) => Promise<PullStop | null>,
): Promise<PullStop | null> {
  const { sql } = run.deps
  const courses = sql.all(sql.qb.selectFrom('id_map').select(['local_id', 'server_id']).where('entity', '=', entity).orderBy('server_id'))
  for (;;) {
    const cursor = run.cursor()
    const index = cursor.item ?? 0
    if (index >= courses.length) return null
    const course = courses[index]
    const { stop, more, skip } = await eachPage(course, cursor.page)
    if (stop) return stop
    if (more) continue
    if (!skip && afterCourse) {
      const after = await afterCourse(course)
      if (after) return after
    }
    run.save({ ...run.cursor(), item: index + 1, page: 1 })
    run.progress((index + 1) / courses.length)
  }
}

export const enrollmentsPhase: PullPhase = {
  name: 'enrollments',
  entities: ['enrollment', 'module_status'],
  run(run) {
    const { sql, client, clock } = run.deps
    return forEachMappedCourse(
      run,
      async (course, page) => {
        const outcome = await client.call('courses.enrolledStudents', { course_id: course.server_id, page_size: run.pageSize, page_number: page })
        // A course gone on the server is handled by the course sweep; skip it here.
        if (outcome.kind === 'refused' && outcome.status === 404) return { stop: null, more: false, skip: true }
        if (outcome.kind !== 'ok') return { stop: stopFor(outcome) ?? 'offline', more: false }
        const records = ((outcome.body as { records?: EnrolledRecord[] }).records ?? []).filter((r) => typeof r?.id === 'number')
        const cursor = run.cursor()
        sql.transaction(() => {
          applyEnrollmentPage(sql, course.local_id, records, cursor.sweep, clock().toISOString())
          run.save({ ...cursor, page: page + 1 })
        })
        run.count({ pulled: records.length })
        return { stop: null, more: records.length >= run.pageSize }
      },
      (course) => removeDeletedEnrollments(run, course, run.cursor().sweep),
    )
  },
}
