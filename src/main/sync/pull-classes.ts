// Instructor-led classes. Per mapped course, GET class/get-class-schedules lists the
// classes with their location and instructor (ids and names), which arrive as local rows
// too: there is no documented create for either, so a laptop learns them here. A class new
// or changed since the last pull is read in full (GET class/edit: its end time and
// options; its webinar merged three ways: CLASS_DETAILS). A class a complete sweep of its course no longer lists is removed once
// class/edit answers 404. Rosters: pull-rosters.ts.
import type { Sql } from '../engine/db/sql'
import type { DecodedAnswer } from './hosted-client'
import { mapIds } from './id-map'
import { mappedParents } from './pull-enrollments'
import { CLASS_DETAILS, describeClass } from './pull-fields'
import { mergeDetails } from './pull-rows'
import type { PhaseRun, PullPhase } from './pull-phase'
import { discardUnsent, hasUnsent, localIdOf, notice, readBase, sameJson, writeBase } from './pull-store'
import { answered, type Parent, unread, walkParents } from './pull-walk'

type Schedule = DecodedAnswer<'schedules'>['classes'][number]
type ClassDetail = DecodedAnswer<'classDetails'>['classDetails']

/** A location or instructor named by the hosted LMS: mapped, adopted by name, or inserted. */
function referenceRow(sql: Sql, entity: 'location' | 'instructor', serverId: number | null, name: string, now: string): number | null {
  if (serverId === null) return null
  const mapped = localIdOf(sql, entity, serverId)
  if (mapped !== undefined) return mapped
  const table = entity === 'location' ? 'locations' : 'instructors'
  const byName = sql
    .all(sql.qb.selectFrom(table).select('id').where('name', '=', name))
    .map((r) => r.id)
    .find((id) => !sql.first(sql.qb.selectFrom('id_map').select('server_id').where('entity', '=', entity).where('local_id', '=', id)))
  const localId =
    byName ??
    (entity === 'location'
      ? sql.run(sql.qb.insertInto('locations').values({ name: name || `Location ${serverId}`, address: null, created_at: now })).lastInsertRowid
      : sql.run(sql.qb.insertInto('instructors').values({ name: name || `Instructor ${serverId}`, user_id: null, email: null, created_at: now })).lastInsertRowid)
  mapIds(sql, entity, localId, serverId)
  return localId
}

/** Takes one class in; returns the number of new conflicts. */
function applyClass(sql: Sql, localCourseId: number, rec: Schedule, detail: ClassDetail, sweep: string, now: string): number {
  const location = referenceRow(sql, 'location', rec.location_id ?? detail.location, rec.location, now)
  const instructor = referenceRow(sql, 'instructor', rec.instructor_id ?? detail.instructor, rec.instructor, now)
  const start = detail.startTime ?? rec.start_time
  const end = detail.endTime ?? start
  if (!start || !end) return 0
  let localId = localIdOf(sql, 'class', rec.id)
  if (localId === undefined) {
    const same = sql
      .all(sql.qb.selectFrom('classes').select('id').where('course_id', '=', localCourseId).where('start_at', '=', start))
      .map((r) => r.id)
      .find((id) => !sql.first(sql.qb.selectFrom('id_map').select('server_id').where('entity', '=', 'class').where('local_id', '=', id)))
    localId =
      same ??
      sql.run(
        sql.qb.insertInto('classes').values({
          course_id: localCourseId,
          location_id: location,
          instructor_id: instructor,
          start_at: start,
          end_at: end,
          class_type: 'onetime',
          series_id: null,
          recurrence: null,
          allow_download: detail.allowDownload ? 1 : 0,
          disabled: 0,
          study_material: '[]',
          created_at: now,
          updated_at: now,
        }),
      ).lastInsertRowid
    mapIds(sql, 'class', localId, rec.id)
  }
  if (!hasUnsent(sql, 'class', localId)) {
    sql.run(
      sql.qb
        .updateTable('classes')
        .set({ course_id: localCourseId, location_id: location, instructor_id: instructor, start_at: start, end_at: end, updated_at: now })
        .where('id', '=', localId),
    )
  }
  writeBase(sql, 'class', rec.id, rec, sweep)
  return mergeDetails(sql, CLASS_DETAILS, localId, rec.id, detail, sweep, now)
}

function removeClass(sql: Sql, localId: number, serverId: number, now: string): void {
  const name = describeClass(sql, localId)
  discardUnsent(sql, 'class', localId, now)
  for (const r of sql.all(sql.qb.selectFrom('class_enrollments').select('id').where('class_id', '=', localId))) discardUnsent(sql, 'class_enrollment', r.id, now)
  sql.run(sql.qb.deleteFrom('classes').where('id', '=', localId))
  sql.run(sql.qb.deleteFrom('id_map').where('entity', '=', 'class').where('local_id', '=', localId))
  sql.run(sql.qb.deleteFrom('sync_base').where('entity', 'in', ['class', 'class:details']).where('server_id', '=', serverId))
  notice(sql, 'deleted_on_server', `${name} was deleted on the hosted LMS, so it was removed here too; unsent changes to it were discarded.`, now)
}

/** Mapped classes of the course the sweep did not list, removed once class/edit answers 404. */
async function removeDeletedClasses(run: PhaseRun, course: Parent, listed: ReadonlySet<number>): Promise<void> {
  const { sql, client, clock } = run.deps
  const mapped = sql.all(
    sql.qb
      // CROSS JOIN: from the course's classes to their mappings, not from every class mapping.
      .selectFrom('classes as c')
      .crossJoin('id_map as m')
      .select(['c.id', 'm.server_id'])
      .where('m.entity', '=', 'class')
      .whereRef('m.local_id', '=', 'c.id')
      .where('c.course_id', '=', course.local_id),
  )
  for (const row of mapped.filter((r) => !listed.has(r.server_id))) {
    const outcome = await run.slot(() => client.answer('classDetails', { classId: row.server_id }))
    if (outcome.kind !== 'refused' || outcome.status !== 404) continue
    sql.transaction(() => removeClass(sql, row.id, row.server_id, clock().toISOString()))
    run.count({ deleted: 1 })
  }
}

export const classesPhase: PullPhase = {
  name: 'classes',
  entities: ['class', 'location', 'instructor', 'class_enrollment'],
  async run(run) {
    const { sql, client, clock } = run.deps
    const listed: { course: Parent; ids: Set<number> }[] = []
    const result = await walkParents<{ classes: Schedule[]; read: { rec: Schedule; detail: ClassDetail }[]; complete: boolean }>(
      run,
      mappedParents(sql, 'course'),
      async (course) => {
        const where = `course ${course.server_id}`
        const outcome = await run.slot(() => client.answer('schedules', { courseId: course.server_id }))
        if (outcome.kind !== 'ok') return unread(run, outcome, where)
        answered(run, outcome, where)
        const changed = outcome.value.classes.filter((rec) => localIdOf(sql, 'class', rec.id) === undefined || !sameJson(readBase(sql, 'class', rec.id), rec))
        const details = await Promise.all(changed.map((rec) => run.slot(() => client.answer('classDetails', { classId: rec.id, courseId: course.server_id }))))
        const read: { rec: Schedule; detail: ClassDetail }[] = []
        for (let i = 0; i < changed.length; i++) {
          const detail = details[i]
          if (detail.kind === 'ok') read.push({ rec: changed[i], detail: detail.value.classDetails })
          else if (!(detail.kind === 'refused' && detail.status === 404)) {
            const verdict = run.failed(detail, `class ${changed[i].id}`)
            if (verdict !== 'skip') return { kind: 'failed', verdict }
          }
        }
        return { kind: 'read', data: { classes: outcome.value.classes, read, complete: outcome.skipped.length === 0 } }
      },
      (course, { classes, read, complete }) => {
        const now = clock().toISOString()
        const sweep = run.cursor().sweep
        const changed = new Set(read.map((r) => r.rec.id))
        let conflicts = 0
        for (const { rec, detail } of read) conflicts += applyClass(sql, course.local_id, rec, detail, sweep, now)
        for (const rec of classes) if (!changed.has(rec.id) && localIdOf(sql, 'class', rec.id) !== undefined) writeBase(sql, 'class', rec.id, rec, sweep)
        run.count({ pulled: read.length, conflicts })
        if (complete) listed.push({ course, ids: new Set(classes.map((c) => c.id)) })
      },
    )
    for (const { course, ids } of listed) await removeDeletedClasses(run, course, ids)
    return result
  },
}
