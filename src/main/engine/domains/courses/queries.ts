// Reads of courses shared by handlers of several domains.
import type { EngineContext } from '../../context'
import type { CourseRow } from '../../db/schema'
import { notFound } from '../../errors'

export function requireCourse(ctx: EngineContext, id: number): CourseRow {
  const course = ctx.sql.first(ctx.qb.selectFrom('courses').selectAll().where('id', '=', id))
  if (!course) throw notFound(`Course ${id} not found.`)
  return course
}

export function missingCourseIds(ctx: EngineContext, ids: readonly number[]): number[] {
  if (ids.length === 0) return []
  const found = new Set(ctx.sql.all(ctx.qb.selectFrom('courses').select('id').where('id', 'in', [...ids])).map((r) => r.id))
  return ids.filter((id) => !found.has(id))
}
