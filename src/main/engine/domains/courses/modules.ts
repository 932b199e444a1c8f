// The modules a course uses, in order, from the module library. The course form's list
// replaces the placements; the library modules themselves are not changed by it.
import type { CourseModule, CourseModuleInput } from '../../../../shared/operations/courses'
import type { EngineContext } from '../../context'
import type { CourseModuleLinkRow } from '../../db/schema'
import { invalid, invalidFields } from '../../errors'
import type { ReasonKey, ReasonValues } from '../../reasons'

/** A placement with its library module's name, type and icon. */
export type PlacedModule = Omit<CourseModuleLinkRow, 'id' | 'course_id'> & { placement_id: number; name: string; type: string; icon: string }

export function listModules(ctx: EngineContext, courseId: number): PlacedModule[] {
  return ctx.sql.all(
    ctx.qb
      .selectFrom('course_modules as cm')
      .innerJoin('modules as m', 'm.id', 'cm.module_id')
      .select([
        'cm.id as placement_id',
        'cm.position',
        'm.id as module_id',
        'm.name',
        'm.type',
        'm.icon',
        'cm.is_locked',
        'cm.drip_rules',
        'cm.drip_fixed_date',
        'cm.drip_interval',
        'cm.drip_interval_unit',
        'cm.drip_calculation_reference',
        'cm.min_spent_hour',
        'cm.min_spent_minutes',
        'cm.is_grade_module',
      ])
      .where('cm.course_id', '=', courseId)
      .orderBy('cm.position')
      .orderBy('cm.id'),
  )
}

export function moduleView(m: PlacedModule): CourseModule {
  return {
    module_id: m.module_id,
    name: m.name,
    type: m.type,
    icon: m.icon,
    is_locked: m.is_locked === 1,
    drip_rules: m.drip_rules,
    drip_fixed_date: m.drip_fixed_date,
    drip_interval: m.drip_interval,
    drip_interval_unit: m.drip_interval_unit,
    drip_calculation_reference: m.drip_calculation_reference,
    minSpentHour: m.min_spent_hour,
    minSpentMinutes: m.min_spent_minutes,
  }
}

function placementValues(m: CourseModuleInput, position: number) {
  return {
    position,
    is_locked: m.is_locked ? 1 : 0,
    drip_rules: m.drip_rules ?? 'immediately',
    drip_fixed_date: m.drip_fixed_date ?? null,
    drip_interval: m.drip_interval ?? null,
    drip_interval_unit: m.drip_interval_unit ?? 'day',
    drip_calculation_reference: m.drip_calculation_reference ?? 'registration_date',
    min_spent_hour: m.minSpentHour ?? 0,
    min_spent_minutes: m.minSpentMinutes ?? 0,
  }
}

/** Refuses module ids that are not in the library, or placed twice; before anything is written. */
export function assertModules(ctx: EngineContext, modules: readonly CourseModuleInput[] | undefined): void {
  if (!modules?.length) return
  const ids = modules.map((m) => m.module_id)
  const found = new Set(ctx.sql.all(ctx.qb.selectFrom('modules').select('id').where('id', 'in', ids)).map((r) => r.id))
  const fields: Record<string, { key: ReasonKey; values: ReasonValues }[]> = {}
  const seen = new Set<number>()
  modules.forEach((m, i) => {
    const id = String(m.module_id)
    if (!found.has(m.module_id)) fields[`modules.${i}.module_id`] = [{ key: 'reason.module_not_in_library', values: { id } }]
    else if (seen.has(m.module_id)) fields[`modules.${i}.module_id`] = [{ key: 'reason.module_placed_twice', values: { id } }]
    seen.add(m.module_id)
  })
  if (Object.keys(fields).length) throw invalidFields(fields)
}

/** Writes the placements and the grade modules; returns whether anything changed. */
export function saveModules(
  ctx: EngineContext,
  courseId: number,
  modules: readonly CourseModuleInput[] | undefined,
  gradeModules: readonly number[] | undefined,
): boolean {
  let changed = false
  if (modules) {
    const existing = new Map(listModules(ctx, courseId).map((m) => [m.module_id, m]))
    modules.forEach((m, position) => {
      const values = placementValues(m, position)
      const current = existing.get(m.module_id)
      if (current) {
        existing.delete(m.module_id)
        const differs = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== current[k])
        if (differs) {
          ctx.sql.run(ctx.qb.updateTable('course_modules').set(values).where('id', '=', current.placement_id))
          changed = true
        }
      } else {
        ctx.sql.run(ctx.qb.insertInto('course_modules').values({ course_id: courseId, module_id: m.module_id, ...values, is_grade_module: 0 }))
        changed = true
      }
    })
    for (const removed of existing.values()) {
      ctx.sql.run(ctx.qb.deleteFrom('course_modules').where('id', '=', removed.placement_id))
      changed = true
    }
  }
  if (gradeModules) {
    const placed = listModules(ctx, courseId)
    const ids = new Set(placed.map((m) => m.module_id))
    const unknown = gradeModules.filter((id) => !ids.has(id))
    if (unknown.length) throw invalid('gradeModules', 'reason.grade_modules_not_in_course', { ids: unknown.join(', ') })
    const wanted = new Set(gradeModules)
    for (const m of placed) {
      const flag = wanted.has(m.module_id) ? 1 : 0
      if (m.is_grade_module !== flag) {
        ctx.sql.run(ctx.qb.updateTable('course_modules').set({ is_grade_module: flag }).where('id', '=', m.placement_id))
        changed = true
      }
    }
  }
  return changed
}
