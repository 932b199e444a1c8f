// Which library modules each course holds, in order, from each course's detail route
// (GET course/{id}: modules, gradeModules). A course with unsynced local changes keeps its
// own placements (its queued update carries them); otherwise the server's list is taken as
// a whole. The same answer gives the course's grading rule, pass mark, credits, duration
// rule and instructions, merged three ways like its list's fields (detailFields).
import type { CourseModuleLinkRow } from '../engine/db/schema'
import type { Sql } from '../engine/db/sql'
import type { DecodedAnswer, HostedClient } from './hosted-client'
import { mapIds } from './id-map'
import { mappedParents } from './pull-enrollments'
import { localModuleSlug, PULLED_ROWS, type ListRecord } from './pull-fields'
import type { PullPhase } from './pull-phase'
import { hasUnsent, localIdOf, readBase, sameJson, writeBase } from './pull-store'
import { mergeDetails } from './pull-rows'
import { answered, unread, walkParents } from './pull-walk'

const COURSES = PULLED_ROWS.find((p) => p.entity === 'course')!

type CourseDetails = DecodedAnswer<'course'>

/** A placement as the local course_modules row holds it, without its own id, course and position. */
type Placement = Omit<CourseModuleLinkRow, 'id' | 'course_id' | 'position'>

/**
 * Modules of a course this laptop does not hold: assignments and discussions created after
 * the module sweep are read from their detail route; other types (quiz, video, ...) have
 * no documented library route, so the course's own entry (name, type, icon) is all there is.
 */
async function unknownModules(sql: Sql, client: HostedClient, detail: CourseDetails): Promise<ListRecord[]> {
  const found: ListRecord[] = []
  for (const m of detail.modules) {
    if (localIdOf(sql, 'module', m.module_id) !== undefined) continue
    const name = m.name || `Module ${m.module_id}`
    const rec: ListRecord = { ...m, name, id: m.module_id, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || `module-${m.module_id}` }
    const spec = PULLED_ROWS.find((p) => p.entity === 'module' && p.naturalKey.where?.type === m.type)
    // A module whose detail cannot be read now is placed from the course's entry alone.
    found.push((spec?.enrich ? await spec.enrich(client, rec) : undefined) ?? rec)
  }
  return found
}

function insertModule(sql: Sql, rec: ListRecord, now: string): void {
  const spec = PULLED_ROWS.find((p) => p.entity === 'module' && p.naturalKey.where?.type === rec.type)
  const localId = spec
    ? spec.insert(sql, rec, now)
    : sql.run(
        sql.qb.insertInto('modules').values({
          name: String(rec.name),
          slug: localModuleSlug(sql, String(rec.type), String(rec.slug), String(rec.name)),
          type: String(rec.type),
          icon: String(rec.icon ?? ''),
          content: null,
          total_points: null,
          submission_type: null,
          allowed_filetypes: '[]',
          should_be_evaluated: 0,
          min_comments: null,
          author_id: null,
          created_at: now,
          updated_at: now,
        }),
      ).lastInsertRowid
  mapIds(sql, 'module', localId, rec.id)
}

function placementsOf(sql: Sql, detail: CourseDetails): Placement[] {
  const grade = new Set(detail.gradeModules)
  const placements: Placement[] = []
  for (const m of detail.modules) {
    const local = localIdOf(sql, 'module', m.module_id)
    if (local === undefined) continue
    placements.push({
      module_id: local,
      is_locked: m.is_locked ? 1 : 0,
      drip_rules: m.drip_rules || 'none',
      drip_fixed_date: m.drip_fixed_date,
      drip_interval: m.drip_interval,
      drip_interval_unit: m.drip_interval_unit || 'days',
      drip_calculation_reference: m.drip_calculation_reference || 'enrollment_date',
      min_spent_hour: m.minSpentHour ?? 0,
      min_spent_minutes: m.minSpentMinutes ?? 0,
      is_grade_module: grade.has(m.module_id) ? 1 : 0,
    })
  }
  return placements
}

function localPlacements(sql: Sql, courseId: number): Placement[] {
  return sql.all(
    sql.qb
      .selectFrom('course_modules')
      .select([
        'module_id',
        'is_locked',
        'drip_rules',
        'drip_fixed_date',
        'drip_interval',
        'drip_interval_unit',
        'drip_calculation_reference',
        'min_spent_hour',
        'min_spent_minutes',
        'is_grade_module',
      ])
      .where('course_id', '=', courseId)
      .orderBy('position'),
  )
}

export const courseModulesPhase: PullPhase = {
  name: 'course modules',
  entities: ['module', 'course'],
  run(run) {
    const { sql, client, clock } = run.deps
    return walkParents<{ detail: CourseDetails; unknown: ListRecord[]; placements: boolean }>(
      run,
      mappedParents(sql, 'course'),
      async (course) => {
        const outcome = await run.slot(() => client.answer('course', { id: course.server_id }))
        const where = `course ${course.server_id}`
        if (outcome.kind !== 'ok') return unread(run, outcome, where)
        answered(run, outcome, where)
        // A course with unsent changes keeps its placements; its detail fields are merged field by field.
        if (hasUnsent(sql, 'course', course.local_id)) return { kind: 'read', data: { detail: outcome.value, unknown: [], placements: false } }
        return { kind: 'read', data: { detail: outcome.value, unknown: await unknownModules(sql, client, outcome.value), placements: true } }
      },
      (course, { detail, unknown, placements }) => {
        const now = clock().toISOString()
        const conflicts = mergeDetails(sql, COURSES, course.local_id, course.server_id, detail, run.cursor().sweep, now)
        if (conflicts) run.count({ conflicts })
        if (!placements) return
        for (const rec of unknown) if (localIdOf(sql, 'module', rec.id) === undefined) insertModule(sql, rec, now)
        const server = placementsOf(sql, detail)
        const base = readBase<Placement[]>(sql, 'course_modules', course.server_id)
        if (!sameJson(server, base) || !sameJson(server, localPlacements(sql, course.local_id))) {
          sql.run(sql.qb.deleteFrom('course_modules').where('course_id', '=', course.local_id))
          server.forEach((p, position) => sql.run(sql.qb.insertInto('course_modules').values({ ...p, course_id: course.local_id, position })))
          run.count({ pulled: 1 })
        }
        writeBase(sql, 'course_modules', course.server_id, server, run.cursor().sweep)
      },
    )
  },
}
