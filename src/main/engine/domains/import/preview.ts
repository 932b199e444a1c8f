// What the dry run shows of each row: exactly what the commit will do with it, the options
// chosen on the page included (courses and classes everyone imported is put in, the group,
// the membership plan), by name, and which of those enrollments exist already.
import type { ImportClassTarget, ImportCourseTarget, ImportNameCheck, ImportNamedId, ImportOptionsView, ImportPreviewRow } from '../../../../shared/operations/import'
import type { EngineContext } from '../../context'
import { ClassIndex, classView, CourseIndex } from './resolve'
import type { PlannedRow } from './rows'
import type { EnrollmentOptions } from './write'

/** The options by name; a group or plan this computer does not know keeps its id with no name. */
export function optionsView(ctx: EngineContext, options: EnrollmentOptions): ImportOptionsView {
  const courses = options.selectedCourses.length ? CourseIndex.load(ctx) : null
  const classes = options.classIds.length ? ClassIndex.load(ctx) : null
  let group: ImportNamedId | null = null
  if (options.groupId !== null) {
    const found = ctx.sql.first(ctx.qb.selectFrom('categories').select('name').where('type', '=', 'user').where('id', '=', options.groupId))
    group = { id: options.groupId, name: found?.name ?? null }
  }
  let membership: ImportNamedId | null = null
  if (options.membershipId !== null) {
    const found = ctx.sql.first(ctx.qb.selectFrom('user_memberships').select('name').where('plan_id', '=', options.membershipId).orderBy('updated_at', 'desc').limit(1))
    membership = { id: options.membershipId, name: found?.name ?? null }
  }
  return {
    courses: options.selectedCourses.map((id) => ({ id, name: courses?.get(id)?.name ?? `Course ${id}` })),
    classes: options.classIds.flatMap((id) => {
      const c = classes?.get(id)
      return c ? [classView(c)] : []
    }),
    group,
    membership,
  }
}

export function previewOf(ctx: EngineContext, rows: readonly PlannedRow[], options: ImportOptionsView, limit = 20): ImportPreviewRow[] {
  const shown = rows.slice(0, limit)
  const named = shown.some((r) => r.courses.length || r.classes.length)
  const courses = named ? CourseIndex.load(ctx) : null
  const classes = shown.some((r) => r.classes.length) ? ClassIndex.load(ctx) : null
  return shown.map((r) => {
    const imported = r.action === 'create' || r.action === 'update'
    const enrolled = new Set(
      r.existingId === null ? [] : ctx.sql.all(ctx.qb.selectFrom('enrollments').select('course_id').where('user_id', '=', r.existingId)).map((e) => e.course_id),
    )
    const registered = new Set(
      r.existingId === null ? [] : ctx.sql.all(ctx.qb.selectFrom('class_enrollments').select('class_id').where('user_id', '=', r.existingId)).map((e) => e.class_id),
    )
    const courseTargets: ImportCourseTarget[] = !imported
      ? []
      : [
          ...r.courses.map((id) => ({ id, name: courses?.get(id)?.name ?? `Course ${id}`, from: 'file' as const })),
          ...options.courses.filter((c) => !r.courses.includes(c.id)).map((c) => ({ ...c, from: 'options' as const })),
        ].map((c) => ({ ...c, enrolled: enrolled.has(c.id) }))
    const classTargets: ImportClassTarget[] = !imported
      ? []
      : [
          ...r.classes.flatMap((id) => {
            const c = classes?.get(id)
            return c ? [{ ...classView(c), from: 'file' as const }] : []
          }),
          ...options.classes.filter((c) => !r.classes.includes(c.id)).map((c) => ({ ...c, from: 'options' as const })),
        ].map((c) => ({ ...c, registered: registered.has(c.id) }))
    const enrolls = courseTargets.some((c) => !c.enrolled) || classTargets.some((c) => !c.registered)
    return {
      row: r.row,
      action: r.action,
      email: r.email,
      first_name: r.firstName,
      last_name: r.lastName,
      full_name: r.fullName,
      name_from: r.nameFrom,
      password: r.password !== null ? 'given' : r.existingId !== null ? 'kept' : 'generated',
      courses: courseTargets,
      classes: classTargets,
      group: options.group && (r.action === 'create' || (r.action === 'update' && enrolls)) ? options.group : null,
      membership: r.action === 'create' ? options.membership : null,
      custom: r.custom,
    }
  })
}

/** Names split from a full name that are worth a look, and the ones corrected: the screen lists them to check. */
export function nameChecksOf(rows: readonly PlannedRow[], limit = 500): ImportNameCheck[] {
  const out: ImportNameCheck[] = []
  for (const r of rows) {
    if (out.length >= limit) break
    if (r.fullName === null || (r.nameFrom === 'full_name' && !r.nameUncertain)) continue
    out.push({ row: r.row, full_name: r.fullName, first_name: r.firstName, last_name: r.lastName, corrected: r.nameFrom === 'corrected' })
  }
  return out
}
