// Reads of classes shared by the class, user-report and attendance handlers: one class with
// its course, location and instructor names, the sign-off lock, and totals per status.
import type { ClassStatus, ClassTotals } from '../../../../shared/operations/classes'
import type { EngineContext } from '../../context'
import { conflict, notFound } from '../../errors'
import { dashedDateText, dateTimeText, timeText } from '../../format'

export function classQuery(ctx: EngineContext) {
  return ctx.qb
    .selectFrom('classes')
    .innerJoin('courses', 'courses.id', 'classes.course_id')
    .leftJoin('locations', 'locations.id', 'classes.location_id')
    .leftJoin('instructors', 'instructors.id', 'classes.instructor_id')
    .selectAll('classes')
    .select([
      'courses.name as course_name',
      'courses.course_type as course_type',
      'courses.instructions as course_instructions',
      'courses.featured_image_url as course_image',
      'locations.name as location_name',
      'instructors.name as instructor_name',
    ])
}

export type ClassView = NonNullable<ReturnType<typeof findClass>>

export function findClass(ctx: EngineContext, id: number) {
  return ctx.sql.first(classQuery(ctx).where('classes.id', '=', id))
}

export function requireClass(ctx: EngineContext, id: number): ClassView {
  const row = findClass(ctx, id)
  if (!row) throw notFound('reason.class_not_found', { id: String(id) })
  return row
}

/** A signed-off session refuses changes to its roster and marks until it is reopened. */
export function assertOpen(cls: { id: number; signed_off_at: string | null; signed_off_by: string | null }): void {
  if (cls.signed_off_at) {
    throw conflict(cls.signed_off_by ? 'reason.class_signed_off' : 'reason.class_signed_off_unknown', { id: String(cls.id), by: cls.signed_off_by ?? '', at: dateTimeText(cls.signed_off_at), atIso: cls.signed_off_at })
  }
}

export function classTotals(ctx: EngineContext, classId: number): ClassTotals {
  const rows = ctx.sql.all(
    ctx.qb
      .selectFrom('class_enrollments')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('class_id', '=', classId)
      .groupBy('status'),
  )
  const count = (s: ClassStatus) => Number(rows.find((r) => r.status === s)?.n ?? 0)
  return { totalRegistered: count('Registered'), totalAttended: count('Attended'), totalNoShow: count('No Show'), totalCancelled: count('Cancelled') }
}

export const isWebinar = (cls: { webinar_provider: string | null; location_name: string | null }) =>
  Boolean(cls.webinar_provider) || (cls.location_name ?? '').toLowerCase() === 'virtual'

/** The documented date and time fields of a class's session: "01-Jan-2024", "09:00 AM". */
export function sessionTimes(cls: { start_at: string; end_at: string }) {
  return {
    startDate: dashedDateText(cls.start_at),
    endDate: dashedDateText(cls.end_at),
    startTime: timeText(cls.start_at),
    endTime: timeText(cls.end_at),
  }
}

/** The documented date and time texts of a class: "01-Jan-2024", "09:00 AM", "01-Jan-2024 09:00 AM". */
export function classTimes(cls: { start_at: string; end_at: string }) {
  return {
    ...sessionTimes(cls),
    startText: `${dashedDateText(cls.start_at)} ${timeText(cls.start_at)}`,
    endText: `${dashedDateText(cls.end_at)} ${timeText(cls.end_at)}`,
  }
}

const pad = (n: number) => String(n).padStart(2, '0')
/** "2024-01-11 21:00:00" in the machine's time zone, the form the API's class records use. */
export function localDateTime(iso: string): string {
  const d = new Date(iso)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** "2024-01-01T09:00:00.000000Z", the Laravel form of a UTC timestamp. */
export const laravelIso = (iso: string) => new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')

export const STATUS_COLOURS: Record<string, string> = { Registered: 'orange', Attended: 'green', 'No Show': 'red', Cancelled: 'grey' }

/** The columns of a roster row that the roster lists and the attendance sheet both read. */
export const ROSTER_COLUMNS = ['class_enrollments.id', 'class_enrollments.user_id', 'users.first_name', 'users.last_name', 'users.email', 'class_enrollments.status'] as const

/** A class's registrations joined to their users: the roster lists and the attendance sheet start here. */
export function rosterScope(ctx: EngineContext, classId: number) {
  return ctx.qb.selectFrom('class_enrollments').innerJoin('users', 'users.id', 'class_enrollments.user_id').where('class_enrollments.class_id', '=', classId)
}
