// Pickers that search on the server (shared/operations/pickers): the first matches in name
// order and the real count of all matches, so no picker stops at a fixed number unseen.
import { countRows, fullNameExpr, matchesText } from '../../list'
import { defineHandlers } from '../../handlers'
import { searchIndexed } from '../../trigram-search'

export const pickerHandlers = defineHandlers({
  'users.pick'(ctx, input) {
    if (input.ids?.length === 0) return { total: 0, options: [] }
    let scope = ctx.qb.selectFrom('users')
    if (input.ids) scope = scope.where('users.id', 'in', input.ids)
    if (input.notInCourse !== undefined) {
      const course = input.notInCourse
      scope = scope.where((eb) =>
        eb.not(eb.exists(eb.selectFrom('enrollments').select('enrollments.id').whereRef('enrollments.user_id', '=', 'users.id').where('enrollments.course_id', '=', course))),
      )
    }
    const text = input.search?.trim()
    if (text) {
      // The users' trigram index finds the matches of a name or email among 100,000 users.
      const everyone = countRows(ctx.sql, ctx.qb.selectFrom('users').select('users.id'))
      const search = searchIndexed(ctx.sql, 'users', 'users.id', [fullNameExpr('users.first_name', 'users.last_name'), 'users.email'], text, everyone)
      scope = scope.where(search.narrowed)
    }
    const total = countRows(ctx.sql, scope.select('users.id'))
    const rows = ctx.sql.all(
      scope
        .select(['users.id', 'users.first_name', 'users.last_name', 'users.email'])
        .orderBy('users.first_name_key')
        .orderBy('users.last_name_key')
        .orderBy('users.id')
        .limit(input.limit),
    )
    const inClass =
      input.classId === undefined || rows.length === 0
        ? undefined
        : new Set(
            ctx.sql
              .all(
                ctx.qb
                  .selectFrom('class_enrollments')
                  .select('user_id')
                  .where('class_id', '=', input.classId)
                  .where('user_id', 'in', rows.map((r) => r.id)),
              )
              .map((r) => r.user_id),
          )
    return {
      total,
      options: rows.map((u) => ({
        id: u.id,
        firstName: u.first_name,
        lastName: u.last_name,
        email: u.email,
        ...(inClass ? { inClass: inClass.has(u.id) } : {}),
      })),
    }
  },

  'courses.pick'(ctx, input) {
    if (input.ids?.length === 0) return { total: 0, options: [] }
    let scope = ctx.qb.selectFrom('courses')
    if (input.ids) scope = scope.where('courses.id', 'in', input.ids)
    if (input.withClasses) scope = scope.where((eb) => eb.exists(eb.selectFrom('classes').select('classes.id').whereRef('classes.course_id', '=', 'courses.id')))
    const text = input.search?.trim()
    if (text) scope = scope.where(matchesText(['courses.name'], text))
    const total = countRows(ctx.sql, scope.select('courses.id'))
    const rows = ctx.sql.all(scope.select(['courses.id', 'courses.name']).orderBy('courses.name_key').orderBy('courses.id').limit(input.limit))
    return { total, options: rows }
  },
})
