// A learner's progress: one module_status row per (enrollment, module), the course
// completion they add up to, and the marks under the course's grading rule.
import type { ModuleProgress } from '../../../../shared/operations/assignments'
import type { GradebookModule } from '../../../../shared/operations/progress'
import type { EngineContext } from '../../context'
import { prepared } from '../../db/prepared'
import type { EnrollmentRow, ModuleStatusRow } from '../../db/schema'
import type { Sql } from '../../db/sql'
import { notFound } from '../../errors'
import { relativeText } from '../../format'
import { listModules, type PlacedModule, requireCourse } from '../courses/index'
import { fullName, userNameOf } from '../users/index'

/** Module types whose points count towards a grade. */
export const GRADED_TYPES = new Set(['assignment', 'discussion', 'quiz', 'scorm'])

/**
 * Whether a module's points count towards a grade. A discussion that is not evaluated can
 * never be accepted, so it can never earn points; counting its points would cap the grade.
 */
export function countsForGrade(m: { type: string; total_points: number | null; should_be_evaluated: number }): boolean {
  return GRADED_TYPES.has(m.type) && m.total_points !== null && m.total_points > 0 && (m.type !== 'discussion' || m.should_be_evaluated === 1)
}

const enrollmentById = prepared((qb, id: number) => qb.selectFrom('enrollments').selectAll().where('id', '=', id))
const statusRowById = prepared((qb, id: number) => qb.selectFrom('module_status').selectAll().where('id', '=', id))

export function requireEnrollment(ctx: EngineContext, id: number): EnrollmentRow {
  const row = ctx.sql.first(enrollmentById(id))
  if (!row) throw notFound('reason.enrollment_not_found', { id: String(id) })
  return row
}

export function requireStatusRow(ctx: EngineContext, id: number): ModuleStatusRow {
  const row = ctx.sql.first(statusRowById(id))
  if (!row) throw notFound('reason.module_status_not_found', { id: String(id) })
  return row
}

export function findStatusRow(ctx: EngineContext, enrollmentId: number, moduleId: number): ModuleStatusRow | undefined {
  return ctx.sql.first(
    ctx.qb.selectFrom('module_status').selectAll().where('enrollment_id', '=', enrollmentId).where('module_id', '=', moduleId),
  )
}

export function ensureStatusRow(ctx: EngineContext, enrollmentId: number, moduleId: number): ModuleStatusRow {
  const existing = findStatusRow(ctx, enrollmentId, moduleId)
  if (existing) return existing
  return requireStatusRow(ctx, insertBlankStatusRow(ctx.sql, enrollmentId, moduleId, ctx.nowIso()))
}

/** A learner's module not started yet: the row every later status, submission and grade hangs on. Its id. */
export function insertBlankStatusRow(sql: Sql, enrollmentId: number, moduleId: number, now: string): number {
  return sql.run(
    sql.qb.insertInto('module_status').values({
      enrollment_id: enrollmentId,
      module_id: moduleId,
      status: 'Not Started',
      started_at: null,
      completed_at: null,
      last_accessed_at: null,
      points_awarded: null,
      evaluated_by_id: null,
      evaluated_at: null,
      last_submitted_at: null,
      updated_at: now,
    }),
  ).lastInsertRowid
}

export function timeSpent(seconds: number) {
  return {
    hours: Math.floor(seconds / 3600),
    minutes: Math.floor((seconds % 3600) / 60),
    seconds: seconds % 60,
    totalSeconds: seconds,
  }
}

function statusRowsOf(ctx: EngineContext, enrollmentId: number): Map<number, ModuleStatusRow> {
  return statusRowsOfMany(ctx, [enrollmentId]).get(enrollmentId) ?? new Map()
}

/** Status rows of several enrollments, by enrollment and module, in a few statements. */
function statusRowsOfMany(ctx: EngineContext, enrollmentIds: readonly number[]): Map<number, Map<number, ModuleStatusRow>> {
  const found = new Map<number, Map<number, ModuleStatusRow>>()
  const ids = [...new Set(enrollmentIds)]
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of ctx.sql.all(ctx.qb.selectFrom('module_status').selectAll().where('enrollment_id', 'in', ids.slice(i, i + 500)))) {
      let rows = found.get(r.enrollment_id)
      if (!rows) found.set(r.enrollment_id, (rows = new Map()))
      rows.set(r.module_id, r)
    }
  }
  return found
}

function moduleSlugs(ctx: EngineContext, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map()
  return new Map(ctx.sql.all(ctx.qb.selectFrom('modules').select(['id', 'slug']).where('id', 'in', ids)).map((r) => [r.id, r.slug]))
}

export function moduleProgress(
  placed: PlacedModule,
  row: ModuleStatusRow | undefined,
  slug: string,
  now: Date,
  currentModuleId?: number,
): ModuleProgress {
  const status = row?.status ?? 'Not Started'
  return {
    module_id: placed.module_id,
    name: placed.name,
    slug,
    type: placed.type,
    icon: placed.icon,
    is_locked: placed.is_locked === 1,
    lock_reason: '',
    is_dripped: false,
    drip_message: '',
    is_current: placed.module_id === currentModuleId,
    status_row_id: row?.id ?? -1,
    status,
    started_on: row?.started_at ?? '',
    completed_on: row?.completed_at ?? '',
    last_accessed_on: relativeText(row?.last_accessed_at ?? null, now),
    // A row the launch created for a module never opened since answers like no row at all.
    total_time_spent: row && !(row.status === 'Not Started' && row.access_count === 0 && row.time_spent_seconds === 0) ? timeSpent(row.time_spent_seconds) : '',
    points_awarded: row?.points_awarded ?? '',
    completion_percentage: status === 'Completed' ? 100 : 0,
    no_of_times_accessed: row?.access_count ?? 0,
  }
}

/** The course's modules with this enrollment's status of each, in course order. */
export function progressOf(ctx: EngineContext, enrollment: EnrollmentRow, currentModuleId?: number): ModuleProgress[] {
  const placed = listModules(ctx, enrollment.course_id)
  const rows = statusRowsOf(ctx, enrollment.id)
  const slugs = moduleSlugs(ctx, placed.map((p) => p.module_id))
  const now = ctx.now()
  return placed.map((p) => moduleProgress(p, rows.get(p.module_id), slugs.get(p.module_id) ?? '', now, currentModuleId))
}

export interface GradeSummary {
  modules: GradebookModule[]
  totalMarks: number
  obtainedMarks: number
  percentage: number | null
}

/**
 * Marks under the course's grading rule. Only accepted evaluations earn points.
 * - no_grading: the share of all points earned, shown for information.
 * - avg_all_modules: the mean of each graded module's percentage.
 * - avg_specific_modules: the same mean over the course's grade modules only.
 */
export function gradeSummary(ctx: EngineContext, enrollment: Pick<EnrollmentRow, 'id' | 'course_id'>): GradeSummary {
  return gradeSummaries(ctx, enrollment.course_id, [enrollment.id]).get(enrollment.id) as GradeSummary
}

/** gradeSummary of several enrollments of one course: the course and its modules read once (a report page of learners). */
export function gradeSummaries(ctx: EngineContext, courseId: number, enrollmentIds: readonly number[]): Map<number, GradeSummary> {
  const course = requireCourse(ctx, courseId)
  const placed = listModules(ctx, courseId)
  const rowsOf = statusRowsOfMany(ctx, enrollmentIds)
  const points = new Map(
    placed.length
      ? ctx.sql
          .all(
            ctx.qb
              .selectFrom('modules')
              .select(['id', 'type', 'total_points', 'should_be_evaluated', 'slug'])
              .where('id', 'in', placed.map((p) => p.module_id)),
          )
          .map((m) => [m.id, m])
      : [],
  )
  const now = ctx.now()
  const summaries = new Map<number, GradeSummary>()
  for (const enrollmentId of enrollmentIds) {
    const rows = rowsOf.get(enrollmentId) ?? new Map<number, ModuleStatusRow>()
    const modules: GradebookModule[] = placed.map((p) => {
      const row = rows.get(p.module_id)
      const library = points.get(p.module_id)
      const total = library?.total_points ?? null
      const graded = library !== undefined && countsForGrade(library)
      const counts = graded && (course.grading_rule !== 'avg_specific_modules' || p.is_grade_module === 1)
      return {
        ...moduleProgress(p, row, library?.slug ?? '', now),
        totalMarks: graded ? total : null,
        obtainedMarks: graded && row?.status === 'Completed' ? (row.points_awarded ?? 0) : null,
        countsTowardsGrade: counts,
      }
    })
    const counted = modules.filter((m) => m.countsTowardsGrade)
    const totalMarks = counted.reduce((sum, m) => sum + (m.totalMarks ?? 0), 0)
    const obtainedMarks = counted.reduce((sum, m) => sum + (m.obtainedMarks ?? 0), 0)
    let percentage: number | null
    if (counted.length === 0) percentage = course.grading_rule === 'no_grading' ? 0 : null
    else if (course.grading_rule === 'no_grading') percentage = round2((obtainedMarks / totalMarks) * 100)
    else percentage = round2(counted.reduce((sum, m) => sum + ((m.obtainedMarks ?? 0) / (m.totalMarks as number)) * 100, 0) / counted.length)
    summaries.set(enrollmentId, { modules, totalMarks, obtainedMarks, percentage })
  }
  return summaries
}

const round2 = (n: number) => Math.round(n * 100) / 100

// Counted in SQL, one query: every grade saved runs this, and reading the course's
// modules and the learner's status rows to count them cost several times as much.
const completionCounts = prepared((qb, enrollmentId: number, courseId: number) =>
  qb.selectNoFrom((eb) => [
    eb.selectFrom('course_modules').select(eb.fn.countAll<number>().as('n')).where('course_id', '=', courseId).as('placed'),
    eb
      .selectFrom('course_modules as cm')
      .innerJoin('module_status as ms', (join) => join.onRef('ms.module_id', '=', 'cm.module_id').on('ms.enrollment_id', '=', enrollmentId))
      .select(eb.fn.countAll<number>().as('n'))
      .where('cm.course_id', '=', courseId)
      .where('ms.status', '=', 'Completed')
      .as('completed'),
    eb.exists(eb.selectFrom('module_status').select('id').where('enrollment_id', '=', enrollmentId).where('status', '!=', 'Not Started')).as('any_started'),
  ]),
)
const setCompletion = prepared((qb, percent: number, status: string, startedAt: string | null, completedAt: string | null, id: number) =>
  qb.updateTable('enrollments').set({ percent_complete: percent, status, started_at: startedAt, completed_at: completedAt }).where('id', '=', id),
)

/**
 * Recomputes an enrollment's completion from its module statuses: the share of the
 * course's modules completed; Completed at 100 %, In Progress once anything started.
 */
export function recomputeEnrollment(ctx: EngineContext, enrollmentId: number): EnrollmentRow {
  const enrollment = requireEnrollment(ctx, enrollmentId)
  const counts = ctx.sql.first(completionCounts(enrollment.id, enrollment.course_id))
  const placed = Number(counts?.placed ?? 0)
  const completed = Number(counts?.completed ?? 0)
  const percent = placed ? Math.round((completed / placed) * 10000) / 100 : 0
  const anyStarted = Boolean(counts?.any_started)
  const status = placed > 0 && completed === placed ? 'Completed' : anyStarted || enrollment.started_at ? 'In Progress' : 'Not Started'
  const now = ctx.nowIso()
  const next = {
    percent_complete: percent,
    status,
    started_at: enrollment.started_at ?? (status !== 'Not Started' ? now : null),
    completed_at: status === 'Completed' ? (enrollment.completed_at ?? now) : null,
  }
  if (
    next.percent_complete !== enrollment.percent_complete ||
    next.status !== enrollment.status ||
    next.started_at !== enrollment.started_at ||
    next.completed_at !== enrollment.completed_at
  ) {
    ctx.sql.run(setCompletion(next.percent_complete, next.status, next.started_at, next.completed_at, enrollment.id))
    if (status === 'Completed' && enrollment.status !== 'Completed') {
      const course = requireCourse(ctx, enrollment.course_id)
      const user = ctx.sql.first(userNameOf(enrollment.user_id))
      ctx.courseActivity({
        courseId: course.id,
        userId: enrollment.user_id,
        studentName: user ? fullName(user) : `User ${enrollment.user_id}`,
        verb: 'COMPLETED',
        message: `${course.name} was completed`,
      })
    }
  }
  return { ...enrollment, ...next }
}
