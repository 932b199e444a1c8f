// A course's modules as the course form sends them: the list replaces what was there,
// keeping the ids of modules it names.
import type { CourseModule, CourseModuleInput } from '../../../../shared/operations/courses'
import type { EngineContext } from '../../context'
import type { CourseModuleRow } from '../../db/schema'
import { invalid } from '../../errors'

export function listModules(ctx: EngineContext, courseId: number): CourseModuleRow[] {
  return ctx.sql.all(ctx.qb.selectFrom('course_modules').selectAll().where('course_id', '=', courseId).orderBy('position').orderBy('id'))
}

export function moduleView(m: CourseModuleRow): CourseModule {
  return {
    module_id: m.id,
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

function moduleValues(m: CourseModuleInput, position: number) {
  return {
    position,
    name: m.name,
    type: m.type,
    icon: m.icon ?? '',
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

/**
 * Writes the module list and the grade modules; returns whether anything changed.
 * On create, module ids in the input belong to other courses and are not reused.
 */
export function saveModules(
  ctx: EngineContext,
  courseId: number,
  modules: readonly CourseModuleInput[] | undefined,
  gradeModules: readonly number[] | undefined,
): boolean {
  let changed = false
  const existing = listModules(ctx, courseId)
  if (modules) {
    const byId = new Map(existing.map((m) => [m.id, m]))
    const kept = new Set<number>()
    modules.forEach((m, position) => {
      const values = moduleValues(m, position)
      const current = m.module_id ? byId.get(m.module_id) : undefined
      if (current && !kept.has(current.id)) {
        kept.add(current.id)
        const differs = (Object.keys(values) as (keyof typeof values)[]).some((k) => values[k] !== current[k])
        if (differs) {
          ctx.sql.run(ctx.qb.updateTable('course_modules').set(values).where('id', '=', current.id))
          changed = true
        }
      } else {
        const { lastInsertRowid } = ctx.sql.run(ctx.qb.insertInto('course_modules').values({ course_id: courseId, ...values, is_grade_module: 0 }))
        kept.add(lastInsertRowid)
        changed = true
      }
    })
    for (const m of existing) {
      if (!kept.has(m.id)) {
        ctx.sql.run(ctx.qb.deleteFrom('course_modules').where('id', '=', m.id))
        changed = true
      }
    }
  }
  if (gradeModules) {
    const current = listModules(ctx, courseId)
    const ids = new Set(current.map((m) => m.id))
    const unknown = gradeModules.filter((id) => !ids.has(id))
    if (unknown.length) throw invalid('gradeModules', `These grade modules are not modules of this course: ${unknown.join(', ')}.`)
    const wanted = new Set(gradeModules)
    for (const m of current) {
      const flag = wanted.has(m.id) ? 1 : 0
      if (m.is_grade_module !== flag) {
        ctx.sql.run(ctx.qb.updateTable('course_modules').set({ is_grade_module: flag }).where('id', '=', m.id))
        changed = true
      }
    }
  }
  return changed
}
