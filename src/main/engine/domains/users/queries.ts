// Reads of users shared by handlers of several domains.
import type { EngineContext } from '../../context'
import { prepared } from '../../db/prepared'
import type { UserRow } from '../../db/schema'
import { notFound } from '../../errors'

export const fullName = (u: { first_name: string; last_name: string }) => `${u.first_name} ${u.last_name}`.trim()

/** A user's first and last name by id (grading and every call's acting user read it). */
export const userNameOf = prepared((qb, id: number) => qb.selectFrom('users').select(['first_name', 'last_name']).where('id', '=', id))

export const emailKey = (email: string) => email.trim().toLowerCase()

export function findUser(ctx: EngineContext, id: number): UserRow | undefined {
  return ctx.sql.first(ctx.qb.selectFrom('users').selectAll().where('id', '=', id))
}

export function requireUser(ctx: EngineContext, id: number): UserRow {
  const user = findUser(ctx, id)
  if (!user) throw notFound('reason.user_not_found', { id: String(id) })
  return user
}

export function findUserByEmail(ctx: EngineContext, email: string): UserRow | undefined {
  return ctx.sql.first(ctx.qb.selectFrom('users').selectAll().where('email_key', '=', emailKey(email)))
}

/** Ids among `ids` that are not users, for a 422 naming them. */
export function missingUserIds(ctx: EngineContext, ids: readonly number[]): number[] {
  if (ids.length === 0) return []
  const found = new Set(
    ctx.sql.all(ctx.qb.selectFrom('users').select('id').where('id', 'in', [...ids])).map((r) => r.id),
  )
  return ids.filter((id) => !found.has(id))
}

/** One learner's enrollments with their courses, for the lists of a learner's courses (the learner checked first). */
export function learnerEnrollments(ctx: EngineContext, userId: number) {
  return ctx.qb
    .selectFrom('enrollments')
    .innerJoin('courses', 'courses.id', 'enrollments.course_id')
    .where('enrollments.user_id', '=', requireUser(ctx, userId).id)
}
