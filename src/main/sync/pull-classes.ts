// Instructor-led classes and their rosters. Per mapped course, the class schedules route
// lists the classes with their location and instructor (ids and names), which arrive as
// local rows too: there is no documented create for either, so a laptop learns them here.
// A class new or changed since the last pull is read in full (its end time is only in the
// edit route). Per mapped class, the roster: a registration with an unsent local mark
// keeps it (attendance is last writer wins, and that mark is the later one); otherwise
// the server's status is taken. Classes and registrations the server deleted are removed
// after a complete sweep of their course or class, once confirmed gone.
import type { ClassSchedule, ClassStudentRecord } from '../../shared/operations/classes'
import type { Sql } from '../engine/db/sql'
import { forEachMapped } from './pull-enrollments'
import {
  discardUnsent,
  hasUnsent,
  localIdOf,
  notice,
  readBase,
  sameJson,
  stopFor,
  removeUnlisted,
  writeBase,
  type PhaseRun,
  type PullPhase,
  type PullStop,
} from './pull-phase'
import { mapIds } from './id-map'

const CLASS_STATUSES = new Set(['Registered', 'Attended', 'No Show', 'Cancelled'])

/** A location or instructor named by the hosted LMS: mapped, adopted by name, or inserted. */
function referenceRow(sql: Sql, entity: 'location' | 'instructor', serverId: number | null, name: string, now: string): number | null {
  if (serverId === null || serverId === undefined) return null
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

type ClassDetail = { classDetails: { startTime: string; endTime: string } }

/** "2024-06-03 09:00:00" as the hosted LMS writes class times (its local time) to an instant. */
const instant = (text: string) => {
  const d = new Date(text.includes('T') ? text : text.replace(' ', 'T'))
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

function applyClass(sql: Sql, localCourseId: number, rec: ClassSchedule, detail: ClassDetail, sweep: string, now: string): void {
  const location = referenceRow(sql, 'location', rec.location_id, rec.location, now)
  const instructor = referenceRow(sql, 'instructor', rec.instructor_id, rec.instructor, now)
  const start = instant(detail.classDetails.startTime) ?? instant(rec.start_time)
  const end = instant(detail.classDetails.endTime) ?? start
  if (!start || !end) return
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
          allow_download: 0,
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
}

function describeClass(sql: Sql, localId: number): string {
  const c = sql.first(sql.qb.selectFrom('classes').innerJoin('courses', 'courses.id', 'classes.course_id').select(['courses.name', 'classes.start_at']).where('classes.id', '=', localId))
  return c ? `The class of "${c.name}" starting ${c.start_at.slice(0, 16).replace('T', ' ')} UTC` : `Class ${localId}`
}

function removeClass(sql: Sql, localId: number, serverId: number, now: string): void {
  const name = describeClass(sql, localId)
  discardUnsent(sql, 'class', localId, now)
  for (const r of sql.all(sql.qb.selectFrom('class_enrollments').select('id').where('class_id', '=', localId))) discardUnsent(sql, 'class_enrollment', r.id, now)
  sql.run(sql.qb.deleteFrom('classes').where('id', '=', localId))
  sql.run(sql.qb.deleteFrom('id_map').where('entity', '=', 'class').where('local_id', '=', localId))
  sql.run(sql.qb.deleteFrom('sync_base').where('entity', '=', 'class').where('server_id', '=', serverId))
  notice(sql, 'deleted_on_server', `${name} was deleted on the hosted LMS, so it was removed here too; unsent changes to it were discarded.`, now)
}

/** Mapped classes of the course the sweep did not list, removed once the edit route answers 404. */
async function removeDeletedClasses(run: PhaseRun, course: { local_id: number; server_id: number }, sweep: string): Promise<PullStop | null> {
  const { sql, client, clock } = run.deps
  const unseen = sql.all(
    sql.qb
      // CROSS JOIN: from the course's classes to their mappings, not from every class mapping.
      .selectFrom('classes as c')
      .crossJoin('id_map as m')
      .leftJoin('sync_base as b', (j) => j.onRef('b.server_id', '=', 'm.server_id').on('b.entity', '=', 'class'))
      .select(['c.id', 'm.server_id'])
      .where('m.entity', '=', 'class')
      .whereRef('m.local_id', '=', 'c.id')
      .where('c.course_id', '=', course.local_id)
      .where((eb) => eb.or([eb('b.sweep', 'is', null), eb('b.sweep', '!=', sweep)])),
  )
  for (const row of unseen) {
    const outcome = await client.call('classes.edit', { classId: row.server_id })
    if (outcome.kind === 'ok') continue
    const stop = stopFor(outcome)
    if (stop) return stop
    if (outcome.kind !== 'refused' || outcome.status !== 404) continue
    sql.transaction(() => removeClass(sql, row.id, row.server_id, clock().toISOString()))
    run.count({ deleted: 1 })
  }
  return null
}

export const classesPhase: PullPhase = {
  name: 'classes',
  entities: ['class', 'location', 'instructor', 'class_enrollment'],
  run(run) {
    const { sql, client, clock } = run.deps
    return forEachMapped(
      run,
      'course',
      async (course) => {
        const outcome = await client.call('classes.schedules', { courseId: course.server_id })
        if (outcome.kind === 'refused') return { stop: null, more: false, skip: true }
        if (outcome.kind !== 'ok') return { stop: stopFor(outcome) ?? 'offline', more: false }
        const schedules = ((outcome.body as { classes?: ClassSchedule[] }).classes ?? []).filter((c) => typeof c?.id === 'number')
        const sweep = run.cursor().sweep
        const changed: { rec: ClassSchedule; detail: ClassDetail }[] = []
        const unchanged: ClassSchedule[] = []
        for (const rec of schedules) {
          if (localIdOf(sql, 'class', rec.id) !== undefined && sameJson(readBase(sql, 'class', rec.id), rec)) {
            unchanged.push(rec)
            continue
          }
          const detail = await client.call('classes.edit', { classId: rec.id })
          if (detail.kind === 'ok') changed.push({ rec, detail: detail.body as ClassDetail })
          else if (stopFor(detail)) return { stop: stopFor(detail), more: false }
        }
        const now = clock().toISOString()
        sql.transaction(() => {
          for (const { rec, detail } of changed) applyClass(sql, course.local_id, rec, detail, sweep, now)
          for (const rec of unchanged) writeBase(sql, 'class', rec.id, rec, sweep)
        })
        run.count({ pulled: changed.length })
        return { stop: null, more: false }
      },
      (course) => removeDeletedClasses(run, course, run.cursor().sweep),
    )
  },
}

function applyRegistration(sql: Sql, localClassId: number, rec: ClassStudentRecord, sweep: string, now: string): void {
  const user = localIdOf(sql, 'user', rec.user_id)
  if (user === undefined) return
  let localId = localIdOf(sql, 'class_enrollment', rec.id)
  if (localId === undefined) {
    const existing = sql.first(sql.qb.selectFrom('class_enrollments').select('id').where('class_id', '=', localClassId).where('user_id', '=', user))
    localId =
      existing?.id ??
      sql.run(
        sql.qb.insertInto('class_enrollments').values({
          class_id: localClassId,
          user_id: user,
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
  const base = readBase<{ status: string }>(sql, 'class_enrollment', rec.id)
  writeBase(sql, 'class_enrollment', rec.id, { status: rec.status }, sweep)
  if (hasUnsent(sql, 'class_enrollment', localId) || base?.status === rec.status || !CLASS_STATUSES.has(rec.status)) return
  sql.run(sql.qb.updateTable('class_enrollments').set({ status: rec.status, status_updated_at: now }).where('id', '=', localId))
}

function removeDeletedRegistrations(run: PhaseRun, cls: { local_id: number; server_id: number }, sweep: string): Promise<PullStop | null> {
  const { sql } = run.deps
  const unseen = sql.all(
    sql.qb
      // CROSS JOIN: from the class's registrations to their mappings (see above).
      .selectFrom('class_enrollments as ce')
      .crossJoin('id_map as m')
      .innerJoin('users as u', 'u.id', 'ce.user_id')
      .leftJoin('sync_base as b', (j) => j.onRef('b.server_id', '=', 'm.server_id').on('b.entity', '=', 'class_enrollment'))
      .select(['ce.id', 'm.server_id', 'u.email'])
      .where('m.entity', '=', 'class_enrollment')
      .whereRef('m.local_id', '=', 'ce.id')
      .where('ce.class_id', '=', cls.local_id)
      .where((eb) => eb.or([eb('b.sweep', 'is', null), eb('b.sweep', '!=', sweep)])),
  )
  return removeUnlisted(run, unseen, {
    entity: 'class_enrollment',
    table: 'class_enrollments',
    search: 'classes.enrolledStudents',
    parent: { class_id: cls.server_id },
    told: (row) => `${row.email} was removed from ${describeClass(sql, cls.local_id).replace(/^The/, 'the')} on the hosted LMS, so the registration was removed here too.`,
  })
}

export const rostersPhase: PullPhase = {
  name: 'class rosters',
  entities: ['class_enrollment'],
  run(run) {
    const { sql, client, clock } = run.deps
    return forEachMapped(
      run,
      'class',
      async (cls, page) => {
        const outcome = await client.call('classes.enrolledStudents', { class_id: cls.server_id, page_size: run.pageSize, page_number: page })
        if (outcome.kind === 'refused') return { stop: null, more: false, skip: true }
        if (outcome.kind !== 'ok') return { stop: stopFor(outcome) ?? 'offline', more: false }
        const records = ((outcome.body as { records?: ClassStudentRecord[] }).records ?? []).filter((r) => typeof r?.id === 'number')
        const cursor = run.cursor()
        sql.transaction(() => {
          for (const rec of records) applyRegistration(sql, cls.local_id, rec, cursor.sweep, clock().toISOString())
          run.save({ ...cursor, page: page + 1 })
        })
        run.count({ pulled: records.length })
        return { stop: null, more: records.length >= run.pageSize }
      },
      (cls) => removeDeletedRegistrations(run, cls, run.cursor().sweep),
    )
  },
}
