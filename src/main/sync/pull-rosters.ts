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
// Which learners a run asks: GET class/enrolled-students documents no roster element, but
// it does count a class's registrations by status (recordsTotal, totalAttended,
// totalNoShow, totalCancelled). The learners of a class whose counts changed since the last
// complete pull (or that has none yet) are all asked; of the others, `rosterTurn` a run, in
// turn (by server id, from where the last run stopped): a change that keeps every count
// (two learners' marks swapped, one registration replaced by another) is learnt that way,
// within learners / rosterTurn runs, as grades the list does not show are (pull-submissions.ts).
import type { Sql } from '../engine/db/sql'
import type { DecodedRecord } from './hosted-client'
import { describeClass } from './pull-fields'
import { readMeta, writeMeta } from '../engine/meta'
import type { PhaseRun, PullPhase } from './pull-phase'
import { basesOf, discardUnsent, localIdsOf, notice, sameJson, unsentLocalIds, writeBases } from './pull-store'
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

/** Learners of unchanged classes read again per run, in turn. */
export const ROSTER_TURN = 100
const TURN_CURSOR = 'sync.roster_turn_after'
/** sync_base key of a class's registration counts, by the class's server id. */
const COUNTS_BASE = 'class_roster'

type Counts = { total: number; attended: number; noShow: number; cancelled: number }

const COUNT_OF_STATUS: Record<string, keyof Counts | undefined> = { Attended: 'attended', 'No Show': 'noShow', Cancelled: 'cancelled' }

/**
 * A mark this laptop sent and the hosted LMS accepted moves its class's counts by itself:
 * the counts base follows it (and the registration's base takes the new status), so the
 * next pull does not take this laptop's own marks for a change made there and ask every
 * learner of the class again. Called in the transaction that marks the record done. Any
 * count that still differs (the server held another status than the base said) makes the
 * class read again, as before.
 */
export function markAccepted(sql: Sql, registrationServerId: number, classServerId: number, status: string): void {
  const was = basesOf<{ status: string }>(sql, 'class_enrollment', [registrationServerId]).get(registrationServerId)?.status
  const counts = basesOf<Counts>(sql, COUNTS_BASE, [classServerId]).get(classServerId)
  if (was === undefined || was === status || !counts) return
  const from = COUNT_OF_STATUS[was]
  const to = COUNT_OF_STATUS[status]
  const moved = { ...counts, ...(from ? { [from]: counts[from] - 1 } : {}) }
  if (to) moved[to] = moved[to] + 1
  const keep = (entity: string, serverId: number, data: unknown) =>
    sql.run(sql.qb.updateTable('sync_base').set({ data: JSON.stringify(data) }).where('entity', '=', entity).where('server_id', '=', serverId))
  keep(COUNTS_BASE, classServerId, moved)
  keep('class_enrollment', registrationServerId, { status })
}

/**
 * Each mapped class's counts now, and the local ids of the classes whose counts changed
 * since the last complete pull. A class whose counts could not be read counts as changed:
 * its learners are asked, and their reads say what the failure means.
 */
async function countClasses(run: PhaseRun): Promise<{ changed: Set<number>; counts: { serverId: number; data: Counts }[] }> {
  const { sql, client } = run.deps
  const classes = sql.all(sql.qb.selectFrom('id_map').select(['local_id', 'server_id']).where('entity', '=', 'class').orderBy('server_id'))
  const answers = await Promise.all(classes.map((c) => run.slot(() => client.answer('classCounts', { class_id: c.server_id, page_size: 1, page_number: 1 }))))
  const bases = basesOf<Counts>(sql, COUNTS_BASE, classes.map((c) => c.server_id))
  const changed = new Set<number>()
  const counts: { serverId: number; data: Counts }[] = []
  classes.forEach((c, i) => {
    const answer = answers[i]
    const v = answer.kind === 'ok' ? answer.value : null
    if (!v || v.recordsTotal === null || v.totalAttended === null || v.totalNoShow === null || v.totalCancelled === null) return void changed.add(c.local_id)
    const data: Counts = { total: v.recordsTotal, attended: v.totalAttended, noShow: v.totalNoShow, cancelled: v.totalCancelled }
    counts.push({ serverId: c.server_id, data })
    if (!sameJson(bases.get(c.server_id) ?? null, data)) changed.add(c.local_id)
  })
  return { changed, counts }
}

/** Local ids of the learners who can be in the classes given: enrolled in their course, or registered in them here. */
function learnersOf(sql: Sql, classIds: readonly number[]): Set<number> {
  const users = new Set<number>()
  for (let i = 0; i < classIds.length; i += 500) {
    const ids = classIds.slice(i, i + 500)
    for (const r of sql.all(sql.qb.selectFrom('enrollments as e').innerJoin('classes as c', 'c.course_id', 'e.course_id').select('e.user_id').where('c.id', 'in', ids))) users.add(r.user_id)
    for (const r of sql.all(sql.qb.selectFrom('class_enrollments').select('user_id').where('class_id', 'in', ids))) users.add(r.user_id)
  }
  return users
}

export const rostersPhase: PullPhase = {
  name: 'class rosters',
  entities: ['class_enrollment'],
  async run(run) {
    const { sql, client, clock } = run.deps
    const { changed, counts } = await countClasses(run)
    const all = learnersToAsk(sql)
    const affected = learnersOf(sql, [...changed])
    const after = Number(readMeta(sql, TURN_CURSOR) || 0)
    const rest = all.filter((l) => !affected.has(l.local_id))
    const turn = [...rest.filter((l) => l.server_id > after), ...rest.filter((l) => l.server_id <= after)].slice(0, run.deps.rosterTurn ?? ROSTER_TURN)
    const inTurn = new Set(turn.map((l) => l.local_id))
    const result = await walkParents(
      run,
      all.filter((l) => affected.has(l.local_id) || inTurn.has(l.local_id)),
      (user) => allPages(run, `learner ${user.server_id}`, (page) => client.records('classesOfUser', { user_id: user.server_id, page_size: run.pageSize, page_number: page })),
      (user, { records, complete }) => {
        const deleted = applyLearner(sql, user, records, complete, run.cursor().sweep, clock().toISOString())
        run.count({ pulled: records.length, deleted })
      },
    )
    if (result !== null) return result
    // Every learner asked was read: the counts read before are what this pull saw.
    sql.transaction(() => {
      writeBases(sql, COUNTS_BASE, counts, run.cursor().sweep)
      if (turn.length) writeMeta(sql, TURN_CURSOR, String(turn[turn.length - 1].server_id))
    })
    return null
  },
}
