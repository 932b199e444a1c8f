// Class rosters, from each learner's side: the reference documents no element of a class's
// own roster (GET class/enrolled-students shows `records: []`), but GET users/enrolled-classes
// lists a learner's registrations with their ids, class and status. The learners asked are
// those enrolled in a course that has classes, and those registered here in a class. A
// registration with an unsent local mark keeps it (attendance is last writer wins, and that
// mark is the later one); otherwise the server's status is taken. A registration of a
// learner whose complete list no longer has it is removed here.
// Not available from the hosted LMS: a learner registered in a class there without being
// enrolled in its course, and never registered here, is not seen (no documented route
// lists a class's roster).
import type { Sql } from '../engine/db/sql'
import type { DecodedRecord } from './hosted-client'
import { describeClass } from './pull-classes'
import type { PullPhase } from './pull-phase'
import { discardUnsent, localIdsOf, notice, unsentLocalIds, writeBases } from './pull-store'
import { allPages, walkParents, type Parent } from './pull-walk'
import { mapIds } from './id-map'

type Registration = DecodedRecord<'classesOfUser'>

const CLASS_STATUSES = new Set(['Registered', 'Attended', 'No Show', 'Cancelled'])

/** Mapped learners who can be in a class here: enrolled in a course with a mapped class, or registered in one. */
function learnersToAsk(sql: Sql): Parent[] {
  const rows = sql.all(
    sql.qb
      .selectFrom('id_map as mu')
      .select(['mu.local_id', 'mu.server_id'])
      .where('mu.entity', '=', 'user')
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('enrollments as e')
              .innerJoin('classes as c', 'c.course_id', 'e.course_id')
              .innerJoin('id_map as mc', (j) => j.onRef('mc.local_id', '=', 'c.id').on('mc.entity', '=', 'class'))
              .select('e.id')
              .whereRef('e.user_id', '=', 'mu.local_id'),
          ),
          eb.exists(
            eb
              .selectFrom('class_enrollments as ce')
              .innerJoin('id_map as mc', (j) => j.onRef('mc.local_id', '=', 'ce.class_id').on('mc.entity', '=', 'class'))
              .select('ce.id')
              .whereRef('ce.user_id', '=', 'mu.local_id'),
          ),
        ]),
      )
      .orderBy('mu.server_id'),
  )
  return rows
}

function applyLearner(sql: Sql, user: Parent, registrations: Registration[], complete: boolean, sweep: string, now: string): number {
  const classes = localIdsOf(sql, 'class', registrations.map((r) => r.classId))
  const known = localIdsOf(sql, 'class_enrollment', registrations.map((r) => r.id))
  const placed = registrations.filter((r) => classes.has(r.classId))
  const rows: { rec: Registration; localId: number }[] = []
  for (const rec of placed) {
    const classId = classes.get(rec.classId)!
    let localId = known.get(rec.id)
    if (localId === undefined) {
      const existing = sql.first(sql.qb.selectFrom('class_enrollments').select('id').where('class_id', '=', classId).where('user_id', '=', user.local_id))
      localId =
        existing?.id ??
        sql.run(
          sql.qb.insertInto('class_enrollments').values({
            class_id: classId,
            user_id: user.local_id,
            group_id: null,
            status: CLASS_STATUSES.has(rec.status) ? rec.status : 'Registered',
            note: null,
            registered_at: now,
            status_updated_at: null,
            last_accessed_at: null,
            certificate_issued_at: null,
          }),
        ).lastInsertRowid
      mapIds(sql, 'class_enrollment', localId, rec.id)
    }
    rows.push({ rec, localId })
  }
  const unsent = unsentLocalIds(sql, 'class_enrollment', rows.map((r) => r.localId))
  const current = new Map(sql.all(sql.qb.selectFrom('class_enrollments').select(['id', 'status']).where('user_id', '=', user.local_id)).map((r) => [r.id, r.status]))
  for (const { rec, localId } of rows) {
    // An unsent mark here is the later writer and wins; otherwise the server's mark is the registration's.
    if (unsent.has(localId) || current.get(localId) === rec.status || !CLASS_STATUSES.has(rec.status)) continue
    sql.run(sql.qb.updateTable('class_enrollments').set({ status: rec.status, status_updated_at: now }).where('id', '=', localId))
  }
  writeBases(sql, 'class_enrollment', rows.map(({ rec }) => ({ serverId: rec.id, data: { status: rec.status } })), sweep)
  if (!complete) return 0
  // Registrations of this learner the server had (mapped) and no longer lists: removed here.
  const listed = new Set(rows.map((r) => r.localId))
  const gone = sql
    .all(
      sql.qb
        .selectFrom('class_enrollments as ce')
        .innerJoin('id_map as m', (j) => j.onRef('m.local_id', '=', 'ce.id').on('m.entity', '=', 'class_enrollment'))
        .innerJoin('users as u', 'u.id', 'ce.user_id')
        .select(['ce.id', 'ce.class_id', 'm.server_id', 'u.email'])
        .where('ce.user_id', '=', user.local_id),
    )
    .filter((r) => !listed.has(r.id))
  for (const row of gone) {
    notice(sql, 'deleted_on_server', `${row.email} was removed from ${describeClass(sql, row.class_id).replace(/^The/, 'the')} on the hosted LMS, so the registration was removed here too.`, now)
    discardUnsent(sql, 'class_enrollment', row.id, now)
    sql.run(sql.qb.deleteFrom('class_enrollments').where('id', '=', row.id))
    sql.run(sql.qb.deleteFrom('id_map').where('entity', '=', 'class_enrollment').where('local_id', '=', row.id))
    sql.run(sql.qb.deleteFrom('sync_base').where('entity', '=', 'class_enrollment').where('server_id', '=', row.server_id))
  }
  return gone.length
}

export const rostersPhase: PullPhase = {
  name: 'class rosters',
  entities: ['class_enrollment'],
  run(run) {
    const { sql, client, clock } = run.deps
    return walkParents(
      run,
      learnersToAsk(sql),
      (user) => allPages(run, `learner ${user.server_id}`, (page) => client.records('classesOfUser', { user_id: user.server_id, page_size: run.pageSize, page_number: page })),
      (user, { records, complete }) => {
        const deleted = applyLearner(sql, user, records, complete, run.cursor().sweep, clock().toISOString())
        run.count({ pulled: records.length, deleted })
      },
    )
  },
}
