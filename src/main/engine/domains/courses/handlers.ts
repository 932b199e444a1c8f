import { sql as rawSql } from 'kysely'
import {
  ACTIVITY_VERBS,
  COURSE_STATUSES,
  COURSE_TYPES,
  DURATION_RULES,
  GRADING_RULES,
} from '../../../../shared/operations/courses'
import { ENROLLMENT_STATUSES } from '../../../../shared/operations/users'
import type { OpParsed } from '../../../../shared/operations/index'
import { avatarSvg } from '../../avatar'
import type { EngineContext } from '../../context'
import type { CourseRow } from '../../db/schema'
import { invalid } from '../../errors'
import { dashedDateText, dayFirstDateTimeText, dateTimeText, relativeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { fullNameExpr, matchesText } from '../../list'
import { courseLists } from './list'
import { fullName, requireUser } from '../users/index'
import { enrollUsers, removeEnrollments, splitByEnrollments } from './enrollment'
import { assertModules, listModules, moduleView, saveModules } from './modules'
import { enrolledStudentsScope, missingCourseIds, requireCourse } from './queries'

const options = (values: readonly string[], labels: Record<string, string> = {}) =>
  values.map((v) => ({ db_value: v, display_value: labels[v] ?? v }))

type CourseBody = OpParsed<'courses.create'>

function courseColumns(input: CourseBody) {
  return {
    name: input.name,
    slug: input.slug,
    status: input.status,
    instructions: input.instructions,
    featured_image_url: input.featuredImageUrl,
    completion_redirection_url: input.completionRedirectionUrl,
    credits: input.credits,
    min_passing_percentage: input.minPassingPercentage,
    grading_rule: input.gradingRule,
    duration_rule: input.durationRule,
    duration_specific_date: input.durationSpecificDate,
    duration_days: input.durationDays,
    certificate_expires_after: input.certificateExpiresAfter,
    certificate_expires_after_grace_period: input.certificateExpiresAfterGracePeriod,
  }
}

function assertCourseRules(input: CourseBody): void {
  if (input.durationRule === 'on_specific_date' && !input.durationSpecificDate) {
    throw invalid('durationSpecificDate', 'reason.duration_date_required')
  }
  if (input.durationSpecificDate && Number.isNaN(new Date(input.durationSpecificDate).getTime())) {
    throw invalid('durationSpecificDate', 'reason.duration_date_invalid')
  }
  if ((input.durationRule === 'x_days_after_start' || input.durationRule === 'x_days_after_enrollment') && !input.durationDays) {
    throw invalid('durationDays', 'reason.duration_days_required', { rule: input.durationRule })
  }
}

function assertCategories(ctx: EngineContext, ids: readonly number[] | undefined): void {
  if (!ids?.length) return
  const found = new Set(
    ctx.sql
      .all(ctx.qb.selectFrom('categories').select('id').where('type', '=', 'course').where('id', 'in', [...ids]))
      .map((r) => r.id),
  )
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length) throw invalid('categories', 'reason.categories_missing', { ids: missing.join(', ') })
}

function saveCategories(ctx: EngineContext, courseId: number, ids: readonly number[] | undefined): boolean {
  if (!ids) return false
  const current = ctx.sql
    .all(ctx.qb.selectFrom('course_categories').select('category_id').where('course_id', '=', courseId))
    .map((r) => r.category_id)
  const wanted = [...new Set(ids)]
  if (current.length === wanted.length && wanted.every((id) => current.includes(id))) return false
  ctx.sql.run(ctx.qb.deleteFrom('course_categories').where('course_id', '=', courseId))
  for (const category_id of wanted) ctx.sql.run(ctx.qb.insertInto('course_categories').values({ course_id: courseId, category_id }))
  return true
}

/** A free slug: the one asked for, or it with -2, -3, ... when taken (the hosted site does the same on create). */
export function freeSlug(ctx: EngineContext, slug: string): string {
  const taken = new Set(
    ctx.sql
      .all(ctx.qb.selectFrom('courses').select('slug').where((eb) => eb.or([eb('slug', '=', slug), eb('slug', 'like', `${slug}-%`)])))
      .map((r) => r.slug),
  )
  if (!taken.has(slug)) return slug
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`
}

/** A course's completion, grading, duration and status settings as the API names them. */
function courseSettings(c: CourseRow) {
  return {
    completionRedirectionUrl: c.completion_redirection_url,
    credits: c.credits,
    minPassingPercentage: c.min_passing_percentage,
    gradingRule: c.grading_rule,
    durationRule: c.duration_rule,
    durationSpecificDate: c.duration_specific_date,
    durationDays: c.duration_days,
    status: c.status,
  }
}

/** The course as the create/update body, with absolute values, for the change queue. */
function courseChangeInput(ctx: EngineContext, courseId: number): Record<string, unknown> {
  const c = requireCourse(ctx, courseId)
  const modules = listModules(ctx, courseId)
  return {
    id: courseId,
    name: c.name,
    slug: c.slug,
    instructions: c.instructions,
    featuredImageUrl: c.featured_image_url,
    ...courseSettings(c),
    certificateTemplates: JSON.parse(c.certificate_templates),
    modules: modules.map(moduleView),
    certificateExpiresAfter: c.certificate_expires_after,
    certificateExpiresAfterGracePeriod: c.certificate_expires_after_grace_period,
    categories: ctx.sql
      .all(ctx.qb.selectFrom('course_categories').select('category_id').where('course_id', '=', courseId))
      .map((r) => r.category_id),
    gradeModules: modules.filter((m) => m.is_grade_module === 1).map((m) => m.module_id),
  }
}

export const courseHandlers = defineHandlers({
  ...courseLists,

  'courses.get'(ctx, input) {
    const c = requireCourse(ctx, input.id)
    const modules = listModules(ctx, c.id)
    return {
      id: c.id,
      name: c.name,
      slug: c.slug,
      featuredImageUrl: c.featured_image_url,
      instructions: c.instructions,
      ...courseSettings(c),
      courseType: c.course_type,
      certificateTemplates: JSON.parse(c.certificate_templates) as number[],
      certificateExpiresAfter: c.certificate_expires_after,
      certificateExpiresAfterGracePeriod: c.certificate_expires_after_grace_period,
      associatedProduct: [],
      hasAssociatedProduct: false,
      modules: modules.map(moduleView),
      categories: ctx.sql
        .all(ctx.qb.selectFrom('course_categories').select('category_id').where('course_id', '=', c.id).orderBy('category_id'))
        .map((r) => r.category_id),
      gradeModules: modules.filter((m) => m.is_grade_module === 1).map((m) => m.module_id),
    }
  },

  'courses.create'(ctx, input) {
    assertCourseRules(input)
    assertCategories(ctx, input.categories)
    assertModules(ctx, input.modules)
    const at = ctx.nowIso()
    const { lastInsertRowid: id } = ctx.sql.run(
      ctx.qb.insertInto('courses').values({
        ...courseColumns(input),
        slug: freeSlug(ctx, input.slug),
        course_type: input.courseType ?? 'self_paced',
        certificate_templates: JSON.stringify(input.certificateTemplates ?? []),
        author_id: ctx.actor()?.id ?? null,
        created_at: at,
        updated_at: at,
      }),
    )
    saveModules(ctx, id, input.modules ?? [], input.gradeModules)
    saveCategories(ctx, id, input.categories)
    ctx.audit({ effectOn: 'Course', subjectId: id, action: 'Created' })
    const { id: _id, ...body } = courseChangeInput(ctx, id)
    ctx.recordChange({ localId: id, input: body })
    return { id, message: 'Course saved successfully' }
  },

  'courses.update'(ctx, input) {
    const current = requireCourse(ctx, input.id)
    assertCourseRules(input)
    assertCategories(ctx, input.categories)
    assertModules(ctx, input.modules)
    const clash = ctx.sql.first(
      ctx.qb.selectFrom('courses').select('id').where('slug', '=', input.slug).where('id', '!=', current.id),
    )
    if (clash) throw invalid('slug', 'reason.slug_taken')
    const next = {
      ...courseColumns(input),
      course_type: input.courseType ?? current.course_type,
      certificate_templates: input.certificateTemplates ? JSON.stringify(input.certificateTemplates) : current.certificate_templates,
    }
    const changedColumns = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k])
    if (changedColumns.length) {
      ctx.sql.run(ctx.qb.updateTable('courses').set({ ...next, updated_at: ctx.nowIso() }).where('id', '=', current.id))
    }
    const modulesChanged = saveModules(ctx, current.id, input.modules, input.gradeModules)
    const categoriesChanged = saveCategories(ctx, current.id, input.categories)
    if (changedColumns.length || modulesChanged || categoriesChanged) {
      ctx.audit({
        effectOn: 'Course',
        subjectId: current.id,
        action: 'Updated',
        details: [...changedColumns, ...(modulesChanged ? ['modules'] : []), ...(categoriesChanged ? ['categories'] : [])],
      })
      ctx.recordChange({ localId: current.id, input: courseChangeInput(ctx, current.id) })
    }
    return { id: current.id, message: 'Course updated successfully' }
  },

  'courses.delete'(ctx, input) {
    const ids = [...new Set(input.delete_ids)]
    const missing = missingCourseIds(ctx, ids)
    if (missing.length) throw invalid('delete_ids', 'reason.ids_invalid', { field: 'delete_ids', ids: missing.join(', ') })
    const { free: deleted, enrolled: notDeleted } = splitByEnrollments(ctx, 'course_id', ids)
    for (const id of deleted) {
      // Audited first, while the record is there to be named (audit_subjects keeps the name).
      ctx.audit({ effectOn: 'Course', subjectId: id, action: 'Deleted' })
      ctx.sql.run(ctx.qb.deleteFrom('courses').where('id', '=', id))
      ctx.recordChange({ localId: id, input: { delete_ids: [id] } })
    }
    let message = `${deleted.length} course(s) deleted.`
    if (notDeleted.length) {
      message += ` ${notDeleted.length} course(s) not deleted as it has enrollments. Please remove the students from the course and try again.`
    }
    return { message, deleted, notDeleted }
  },

  'courses.lookup'(ctx, input) {
    // "Retrieves all the course details": every course, however many (pickers search on the server, courses.pick).
    let query = ctx.qb.selectFrom('courses').select(['id', 'name']).orderBy('name_key').orderBy('id')
    if (input.search_term?.trim()) query = query.where(matchesText(['courses.name'], input.search_term.trim()))
    return ctx.sql.all(query).map((c) => ({ value: c.id, label: c.name }))
  },

  'courses.name'(ctx, input) {
    return { course_name: requireCourse(ctx, input.id).name }
  },

  'courses.enroll'(ctx, input) {
    const { enrolled, alreadyEnrolled } = enrollUsers(ctx, input.id, input.studentIds, input.groupId ?? null)
    let message = `${enrolled.length} student(s) enrolled successfully`
    if (alreadyEnrolled.length) message += `. ${alreadyEnrolled.length} student(s) already enrolled`
    return { message, enrolled: enrolled.length, alreadyEnrolled }
  },

  'courses.remove'(ctx, input) {
    const removed = removeEnrollments(ctx, input.id, input.enrollmentIds)
    return { message: `${removed} student(s) removed successfully` }
  },

  'courses.enrolledUsersLookup'(ctx, input) {
    requireCourse(ctx, input.id)
    let query = ctx.qb
      .selectFrom('enrollments')
      .innerJoin('users', 'users.id', 'enrollments.user_id')
      .select(['users.id', 'users.first_name', 'users.last_name', 'users.email'])
      .where('enrollments.course_id', '=', input.id)
      .orderBy('users.first_name_key')
      .orderBy('users.last_name_key')
      .orderBy('users.id')
    if (input.search_term?.trim()) {
      query = query.where(matchesText([fullNameExpr('users.first_name', 'users.last_name'), 'users.email'], input.search_term.trim()))
    }
    return ctx.sql.all(query).map((u) => ({ id: u.id, full_name: fullName(u), email: u.email }))
  },

  'courses.statusLookup'() {
    return options(ENROLLMENT_STATUSES)
  },

  'courses.gradingRulesLookup'() {
    return options(GRADING_RULES, {
      no_grading: 'No Grading',
      avg_all_modules: 'Average of all Quiz/Assignment/Discussions/Scorm',
      avg_specific_modules: 'Average of specific Quiz/Assignment/Discussions/Scorm',
    })
  },

  'courses.durationRulesLookup'() {
    return options(DURATION_RULES, {
      unlimited: 'Unlimited',
      on_specific_date: 'Till Specific Date',
      x_days_after_start: 'Till X day(s) after a student start the course',
      x_days_after_enrollment: 'Till X day(s) after a student is registered to the course',
    })
  },

  'courses.typeLookup'() {
    return options(COURSE_TYPES, { self_paced: 'Self Paced', instructor_led: 'Instructor Led' })
  },

  'courses.dripLookup'() {
    return [
      {
        options: options(['immediately', 'fixed_date', 'specific_interval'], {
          immediately: 'Immediately',
          fixed_date: 'On a Fixed Date',
          specific_interval: 'At Fixed Intervals',
        }),
        intervals: options(['day', 'week', 'month'], { day: 'Day(s)', week: 'Week(s)', month: 'Month(s)' }),
        calculation_ref: options(['registration_date', 'started_date'], {
          registration_date: 'Enrollment Date',
          started_date: 'Course Start Date',
        }),
      },
    ]
  },

  'activities.verbLookup'() {
    return options(ACTIVITY_VERBS)
  },
})
