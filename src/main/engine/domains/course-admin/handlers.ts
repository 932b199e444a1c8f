// Course administration: slug changes, clones, quick edits, auto-enroll courses, and the
// bulk actions on a course's enrollments, each leaving its documented activity verb.
import type { SortKey } from '../../../../shared/operations/lists'
import type { ActivityVerb } from '../../../../shared/operations/courses'
import type { EngineContext } from '../../context'
import { invalid } from '../../errors'
import { defineHandlers } from '../../handlers'
import { insertLibraryModule, slugify } from '../modules/index'
import { courseEnrollments, freeSlug, enrollUsers, missingCourseIds, requireCourse } from '../courses/index'
import { fullName, requireUser } from '../users/index'

function activity(ctx: EngineContext, courseId: number, row: { user_id: number; first_name: string; last_name: string }, verb: ActivityVerb, message: string) {
  ctx.courseActivity({ courseId, userId: row.user_id, studentName: fullName(row), verb, message })
}

/** Enrolls a new user into every auto-enroll course (users.create calls this). */
export function enrollIntoAutoEnrollCourses(ctx: EngineContext, userId: number): void {
  const courses = ctx.sql.all(ctx.qb.selectFrom('auto_enroll_courses').select('course_id').orderBy('course_id'))
  for (const { course_id } of courses) enrollUsers(ctx, course_id, [userId], null)
}

export const courseAdminHandlers = defineHandlers({
  'courses.updateSlug'(ctx, input) {
    const course = requireCourse(ctx, input.id)
    const slug = input.slug.toLowerCase()
    if (slug === course.slug) return slug
    const clash = ctx.sql.first(ctx.qb.selectFrom('courses').select('id').where('slug', '=', slug).where('id', '!=', course.id))
    if (clash) throw invalid('slug', 'reason.slug_taken')
    ctx.sql.run(ctx.qb.updateTable('courses').set({ slug, updated_at: ctx.nowIso() }).where('id', '=', course.id))
    ctx.audit({ effectOn: 'Course', subjectId: course.id, action: 'Updated', details: ['slug'] })
    ctx.recordChange({ localId: course.id, input: { id: course.id, slug } })
    return slug
  },

  /**
   * A shallow clone places the same library modules (editing one changes both courses); a
   * deep clone places copies, so the clone can change without touching the original. The
   * reference's sentence on isDeepCopy reads the other way round; copies are what "deep"
   * means everywhere else, and what the hosted form's help text describes.
   */
  'courses.clone'(ctx, input) {
    const source = requireCourse(ctx, input.course_id)
    const at = ctx.nowIso()
    const { id: _id, slug: _slug, name: _name, created_at: _c, updated_at: _u, author_id: _a, ...copied } = source
    const { lastInsertRowid: id } = ctx.sql.run(
      ctx.qb.insertInto('courses').values({
        ...copied,
        name: input.course_name,
        slug: freeSlug(ctx, slugify(input.course_name) || 'course'),
        // A copy is not shown to learners before someone decides to publish it.
        status: 'draft',
        author_id: ctx.actor()?.id ?? null,
        created_at: at,
        updated_at: at,
      }),
    )
    for (const { category_id } of ctx.sql.all(ctx.qb.selectFrom('course_categories').select('category_id').where('course_id', '=', source.id))) {
      ctx.sql.run(ctx.qb.insertInto('course_categories').values({ course_id: id, category_id }))
    }
    const placed = ctx.sql.all(ctx.qb.selectFrom('course_modules').selectAll().where('course_id', '=', source.id).orderBy('position').orderBy('id'))
    for (const { id: _placement, course_id: _course, module_id, ...placement } of placed) {
      let moduleId = module_id
      if (input.isDeepCopy) {
        const m = ctx.sql.first(ctx.qb.selectFrom('modules').selectAll().where('id', '=', module_id))!
        moduleId = insertLibraryModule(ctx, m.type, {
          name: m.name,
          content: m.content,
          total_points: m.total_points,
          submission_type: m.submission_type,
          allowed_filetypes: m.allowed_filetypes,
          should_be_evaluated: m.should_be_evaluated,
          min_comments: m.min_comments,
        })
      }
      ctx.sql.run(ctx.qb.insertInto('course_modules').values({ ...placement, course_id: id, module_id: moduleId }))
    }
    ctx.audit({ effectOn: 'Course', subjectId: id, action: 'Created', details: [`cloned from course ${source.id}`] })
    ctx.recordChange({ localId: id, input: { course_id: source.id, course_name: input.course_name, isDeepCopy: input.isDeepCopy } })
    return { message: 'Course Cloned Successfully', id }
  },

  'courses.quickEdit'(ctx, input) {
    const ids = [...new Set(input.course_ids)]
    const missing = missingCourseIds(ctx, ids)
    if (missing.length) throw invalid('course_ids', 'reason.ids_invalid', { field: 'course_ids', ids: missing.join(', ') })
    if (input.author_id) requireUserAsField(ctx, input.author_id)
    const categoryIds = [...new Set(input.categories_id ?? [])]
    if (categoryIds.length) {
      const found = new Set(
        ctx.sql.all(ctx.qb.selectFrom('categories').select('id').where('type', '=', 'course').where('id', 'in', categoryIds)).map((r) => r.id),
      )
      const unknown = categoryIds.filter((c) => !found.has(c))
      if (unknown.length) throw invalid('categories_id', 'reason.categories_missing', { ids: unknown.join(', ') })
    }
    for (const id of ids) {
      const course = requireCourse(ctx, id)
      const details: string[] = []
      if (input.author_id && course.author_id !== input.author_id) {
        ctx.sql.run(ctx.qb.updateTable('courses').set({ author_id: input.author_id, updated_at: ctx.nowIso() }).where('id', '=', id))
        details.push('author')
      }
      // Categories are added to those the course has; none are taken away.
      const has = new Set(ctx.sql.all(ctx.qb.selectFrom('course_categories').select('category_id').where('course_id', '=', id)).map((r) => r.category_id))
      const added = categoryIds.filter((c) => !has.has(c))
      for (const category_id of added) ctx.sql.run(ctx.qb.insertInto('course_categories').values({ course_id: id, category_id }))
      if (added.length) details.push('categories')
      if (details.length) {
        ctx.audit({ effectOn: 'Course', subjectId: id, action: 'Updated', details })
        ctx.recordChange({
          localId: id,
          input: { course_ids: [id], ...(input.author_id ? { author_id: input.author_id } : {}), ...(added.length ? { categories_id: added } : {}) },
        })
      }
    }
    return { message: 'Courses updated Successfully' }
  },

  'courses.dropdownList'(ctx, input) {
    const courses = ctx.sql.all(ctx.qb.selectFrom('courses').select(['id', 'name']).orderBy('name_key').orderBy('id'))
    if (input.group_id === undefined) return courses.map((c) => ({ ...c, used_seats: null, total_seats: null }))
    const used = new Map(
      ctx.sql
        .all(
          ctx.qb
            .selectFrom('enrollments')
            .select(['course_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where('group_id', '=', input.group_id)
            .groupBy('course_id'),
        )
        .map((r) => [r.course_id, Number(r.n)]),
    )
    // Seat limits are bought on the hosted store; none is known offline (total_seats null).
    return courses.map((c) => ({ ...c, used_seats: used.get(c.id) ?? null, total_seats: null }))
  },

  'courses.autoEnrollCourses'(ctx, input) {
    const order = input.order_by ?? { colName: 'created_at', direction: 'desc' }
    // A documented lookup (every course, unpaged), not a page: sorted here, by the declared keys.
    const column: Record<SortKey<'courses.autoEnrollCourses'>, 'auto_enroll_courses.created_at' | 'courses.name_key' | 'courses.id'> = {
      created_at: 'auto_enroll_courses.created_at',
      name: 'courses.name_key',
      id: 'courses.id',
    }
    return ctx.sql
      .all(
        ctx.qb
          .selectFrom('auto_enroll_courses')
          .innerJoin('courses', 'courses.id', 'auto_enroll_courses.course_id')
          .select(['courses.id', 'courses.name'])
          .orderBy(column[order.colName], order.direction)
          .orderBy('courses.id', order.direction),
      )
      .map((c) => ({ value: String(c.id), label: c.name }))
  },

  'courses.autoEnrollUpdate'(ctx, input) {
    const ids = [...new Set(input.id)]
    const missing = missingCourseIds(ctx, ids)
    if (missing.length) throw invalid('id', 'reason.ids_invalid', { field: 'course_ids', ids: missing.join(', ') })
    const current = new Set(ctx.sql.all(ctx.qb.selectFrom('auto_enroll_courses').select('course_id')).map((r) => r.course_id))
    const changed = ids.length !== current.size || ids.some((id) => !current.has(id))
    if (changed) {
      const at = ctx.nowIso()
      ctx.sql.run(ctx.qb.deleteFrom('auto_enroll_courses').where('course_id', 'not in', ids.length ? ids : [0]))
      for (const course_id of ids) if (!current.has(course_id)) ctx.sql.run(ctx.qb.insertInto('auto_enroll_courses').values({ course_id, created_at: at }))
      ctx.recordChange({ localId: null, input: { id: ids } })
    }
    return { message: 'Course Updated Successfully', type: 'success', title: 'Success' }
  },

  'courses.reset'(ctx, input) {
    const { course, rows } = courseEnrollments(ctx, input.id, input.enrollmentIds)
    for (const row of rows) {
      // Submissions, evaluations and drafts go with the status rows (ON DELETE CASCADE).
      ctx.sql.run(ctx.qb.deleteFrom('module_status').where('enrollment_id', '=', row.id))
      ctx.sql.run(
        ctx.qb
          .updateTable('enrollments')
          .set({ status: 'Not Started', percent_complete: 0, started_at: null, completed_at: null, last_accessed_at: null })
          .where('id', '=', row.id),
      )
      activity(ctx, course.id, row, 'RESET', `${fullName(row)}'s progress in ${course.name} is reset`)
      ctx.recordChange({ localId: row.id, input: { id: course.id, enrollmentIds: [row.id] } })
    }
    return { message: `${rows.length} student(s) progress is reset successfully` }
  },

  'courses.revoke'(ctx, input) {
    const { course, rows } = courseEnrollments(ctx, input.id, input.enrollmentIds)
    for (const row of rows) {
      if (row.access_status === 'Revoked') continue
      ctx.sql.run(ctx.qb.updateTable('enrollments').set({ access_status: 'Revoked' }).where('id', '=', row.id))
      activity(ctx, course.id, row, 'REVOKED', `${fullName(row)}'s access to ${course.name} is revoked`)
      ctx.recordChange({ localId: row.id, input: { id: course.id, enrollmentIds: [row.id] } })
    }
    return { message: `${rows.length} student(s) access has been revoked successfully` }
  },

  'courses.grant'(ctx, input) {
    const { course, rows } = courseEnrollments(ctx, input.id, input.enrollmentIds)
    for (const row of rows) {
      if (row.access_status === 'Allowed') continue
      ctx.sql.run(ctx.qb.updateTable('enrollments').set({ access_status: 'Allowed' }).where('id', '=', row.id))
      activity(ctx, course.id, row, 'GRANTED', `${fullName(row)} is granted access to ${course.name}`)
      ctx.recordChange({ localId: row.id, input: { id: course.id, enrollmentIds: [row.id] } })
    }
    return { message: `${rows.length} student(s) access has been granted successfully` }
  },

  'courses.setExpiry'(ctx, input) {
    const { course, rows } = courseEnrollments(ctx, input.id, input.enrollmentIds)
    const expiry = input.expiryDate
    for (const row of rows) {
      if (row.expire_at === expiry) continue
      ctx.sql.run(ctx.qb.updateTable('enrollments').set({ expire_at: expiry }).where('id', '=', row.id))
      const when = expiry ? expiry.slice(0, 10) : 'never'
      activity(ctx, course.id, row, 'UPDATED EXPIRY DATE', `${fullName(row)}'s access to ${course.name} now expires ${when === 'never' ? 'never' : `on ${when}`}`)
      ctx.recordChange({ localId: row.id, input: { id: course.id, enrollmentIds: [row.id], expiryDate: expiry ? expiry.slice(0, 10) : null } })
    }
    return { message: `Expiration date is sucessfully updated for ${rows.length} student(s) ` }
  },
})

function requireUserAsField(ctx: EngineContext, id: number): void {
  try {
    requireUser(ctx, id)
  } catch {
    throw invalid('author_id', 'reason.author_missing', { id: String(id) })
  }
}
