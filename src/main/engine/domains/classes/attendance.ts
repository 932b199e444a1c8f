// The Attendance screen's operations: the class picker (with how many classes there are),
// the roster in pages searched on the server (a class of thousands has every learner
// reachable, and real counts), marking the unmarked, walk-ins, notes, sign-off and reopen
// (both recorded with who and when), and the sign-in sheet PDF and CSV export of everyone.
import type { AttendanceClass, SessionEvent } from '../../../../shared/operations/attendance'
import type { ClassStatus } from '../../../../shared/operations/classes'
import type { EngineContext } from '../../context'
import { conflict, invalid } from '../../errors'
import { defineHandlers } from '../../handlers'
import { readPage } from '../../define-list'
import { checkpoint } from '../../jobs'
import { countRows, nameOrEmailMatches } from '../../list'
import { enrollUsersInClass } from './enroll'
import { sortKeyOf } from '../../db/sort-key'
import { assertOpen, classQuery, classTotals, requireClass, ROSTER_COLUMNS, rosterScope, type ClassView } from './queries'
import { signInSheetPdf, rosterCsv, type SheetClass } from './sheet'
import { documentDate, documentLocale, documentText } from '../../documents'
import type { Locale } from '../../../../shared/i18n/locales'
import { requireRegistration, setClassStatus } from './status'
import { fullName } from '../users/index'

function dayBounds(now: Date): { start: string; end: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)
  return { start: start.toISOString(), end: end.toISOString() }
}

function whenOf(cls: { start_at: string; end_at: string }, now: Date): AttendanceClass['when'] {
  const today = dayBounds(now)
  // A class running today (started before and ending after today's start) is today's.
  if (cls.start_at < today.end && cls.end_at >= today.start) return 'today'
  return cls.start_at >= today.end ? 'upcoming' : 'past'
}

function attendanceClass(ctx: EngineContext, c: ClassView & { learners?: number; marked?: number }): AttendanceClass {
  const counts =
    c.learners === undefined
      ? (() => {
          const t = classTotals(ctx, c.id)
          return { learners: t.totalRegistered + t.totalAttended + t.totalNoShow + t.totalCancelled, marked: t.totalAttended + t.totalNoShow + t.totalCancelled }
        })()
      : { learners: Number(c.learners), marked: Number(c.marked) }
  return {
    id: c.id,
    courseId: c.course_id,
    courseName: c.course_name,
    locationId: c.location_id,
    location: c.location_name ?? '',
    instructor: c.instructor_name ?? '',
    start: c.start_at,
    end: c.end_at,
    when: whenOf(c, ctx.now()),
    ...counts,
    signedOff: Boolean(c.signed_off_at),
  }
}

function rosterRows(ctx: EngineContext, classId: number) {
  return rosterScope(ctx, classId).select([...ROSTER_COLUMNS, 'class_enrollments.note', 'class_enrollments.status_updated_at'])
}

/** Every learner of the class in roster order, for the paper fallbacks. */
function wholeRoster(ctx: EngineContext, classId: number) {
  return ctx.sql.all(rosterRows(ctx, classId).orderBy('users.last_name_key').orderBy('users.first_name_key').orderBy('class_enrollments.id'))
}

function sheetClass(locale: Locale, c: ClassView): SheetClass {
  const at = documentDate(locale, c.signed_off_at, 'dateTime')
  return {
    id: c.id,
    courseName: c.course_name,
    when: documentText(locale, 'sheet.when', { day: documentDate(locale, c.start_at, 'day'), start: documentDate(locale, c.start_at, 'time'), end: documentDate(locale, c.end_at, 'time') }),
    location: c.location_name ?? '',
    instructor: c.instructor_name ?? '',
    signedOff: c.signed_off_at ? (c.signed_off_by ? documentText(locale, 'sheet.signedOff', { by: c.signed_off_by, at }) : documentText(locale, 'sheet.signedOffUnknown', { at })) : null,
  }
}

const fileStem = (c: ClassView) =>
  `${c.course_name}-${c.start_at.slice(0, 10)}-class-${c.id}`
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-+/g, '-')
    .toLowerCase()

function sessionEvent(ctx: EngineContext, classId: number, action: 'signed_off' | 'reopened', reason: string | null) {
  const actor = ctx.actor()
  const at = ctx.nowIso()
  const by = actor?.name ?? 'LMS Offline'
  ctx.sql.run(ctx.qb.insertInto('class_session_events').values({ class_id: classId, action, by_id: actor?.id ?? null, by_name: by, reason, at }))
  return { at, by, byId: actor?.id ?? null }
}

export const attendanceHandlers = defineHandlers({
  'attendance.classes'(ctx, input) {
    const now = ctx.now()
    const today = dayBounds(now)
    let query = classQuery(ctx).select((eb) => [
      eb.selectFrom('class_enrollments').select((e) => e.fn.countAll<number>().as('n')).whereRef('class_enrollments.class_id', '=', 'classes.id').as('learners'),
      eb
        .selectFrom('class_enrollments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('class_enrollments.class_id', '=', 'classes.id')
        .where('class_enrollments.status', '!=', 'Registered')
        .as('marked'),
    ])
    if (input.locationId) query = query.where('classes.location_id', '=', input.locationId)
    if (input.courseId) query = query.where('classes.course_id', '=', input.courseId)
    // Today's and upcoming first (soonest first), then past ones (latest first); the first
    // of each as asked, with how many there are, so the screen says what it does not list.
    const current = ctx.sql.all(query.where('classes.end_at', '>=', today.start).orderBy('classes.start_at').orderBy('classes.id').limit(input.currentLimit))
    const past = input.includePast
      ? ctx.sql.all(query.where('classes.end_at', '<', today.start).orderBy('classes.start_at', 'desc').orderBy('classes.id', 'desc').limit(input.pastLimit))
      : []
    let counted = ctx.qb.selectFrom('classes').select('classes.id')
    if (input.locationId) counted = counted.where('classes.location_id', '=', input.locationId)
    if (input.courseId) counted = counted.where('classes.course_id', '=', input.courseId)
    return {
      classes: [...current, ...past].map((c) => attendanceClass(ctx, c as ClassView & { learners: number; marked: number })),
      counts: {
        current: countRows(ctx.sql, counted.where('classes.end_at', '>=', today.start)),
        past: input.includePast ? countRows(ctx.sql, counted.where('classes.end_at', '<', today.start)) : 0,
      },
      locations: ctx.sql.all(ctx.qb.selectFrom('locations').select(['id', 'name']).orderBy(sortKeyOf('name')).orderBy('id')),
    }
  },

  'attendance.roster'(ctx, input) {
    const c = requireClass(ctx, input.classId)
    const events = ctx.sql.all(ctx.qb.selectFrom('class_session_events').selectAll().where('class_id', '=', c.id).orderBy('id', 'desc'))
    const totals = classTotals(ctx, c.id)
    const learners = totals.totalRegistered + totals.totalAttended + totals.totalNoShow + totals.totalCancelled
    const text = input.search?.trim()
    const page = readPage(
      ctx.sql,
      { sort: { name: 'users.last_name_key' }, thenBy: { name: 'users.first_name_key' }, defaultOrder: { colName: 'name', direction: 'asc' }, tieBreaker: 'class_enrollments.id', fromNearerEnd: true },
      {
        total: rosterScope(ctx, c.id).select('class_enrollments.id'),
        rows: text ? rosterRows(ctx, c.id).where(nameOrEmailMatches(text)) : rosterRows(ctx, c.id),
        counted: text ? rosterScope(ctx, c.id).select('class_enrollments.id').where(nameOrEmailMatches(text)) : undefined,
        known: { recordsTotal: learners, recordsFiltered: text ? undefined : learners },
      },
      input,
    )
    return {
      class: attendanceClass(ctx, c),
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      learners: page.rows.map((r) => ({
        enrollmentId: r.id,
        userId: r.user_id,
        name: fullName(r),
        email: r.email,
        status: r.status as ClassStatus,
        note: r.note,
        statusUpdatedAt: r.status_updated_at,
      })),
      totals,
      signedOff: c.signed_off_at ? { at: c.signed_off_at, by: c.signed_off_by ?? '' } : null,
      events: events.map((e): SessionEvent => ({ action: e.action as SessionEvent['action'], by: e.by_name, at: e.at, reason: e.reason })),
    }
  },

  'attendance.markUnmarked'(ctx, input) {
    const c = requireClass(ctx, input.classId)
    assertOpen(c)
    const unmarked = ctx.sql.all(
      ctx.qb.selectFrom('class_enrollments').select('id').where('class_id', '=', c.id).where('status', '=', 'Registered'),
    )
    for (const r of unmarked) setClassStatus(ctx, r.id, 'Attended', c.id)
    return { marked: unmarked.length }
  },

  'attendance.addWalkIn'(ctx, input) {
    // One transaction: the walk-in is never left registered without the status they came with.
    const outcome = enrollUsersInClass(ctx, input.classId, [input.userId])
    const enrollmentId = outcome.enrollmentIds[0]
    if (enrollmentId === undefined) throw invalid('userId', outcome.notEnrolled[0]?.reasonKey ?? 'reason.walk_in_not_registered', { user: String(input.userId) })
    if (input.status !== 'Registered') setClassStatus(ctx, enrollmentId, input.status, input.classId)
    return { enrollmentId, status: input.status }
  },

  'attendance.note'(ctx, input) {
    const reg = requireRegistration(ctx, input.enrollmentId)
    assertOpen(requireClass(ctx, reg.class_id))
    ctx.sql.run(ctx.qb.updateTable('class_enrollments').set({ note: input.note }).where('id', '=', reg.id))
    return { note: input.note }
  },

  'attendance.signOff'(ctx, input) {
    const c = requireClass(ctx, input.classId)
    assertOpen(c)
    const e = sessionEvent(ctx, c.id, 'signed_off', null)
    ctx.sql.run(ctx.qb.updateTable('classes').set({ signed_off_at: e.at, signed_off_by: e.by, signed_off_by_id: e.byId }).where('id', '=', c.id))
    return { at: e.at, by: e.by }
  },

  'attendance.reopen'(ctx, input) {
    const c = requireClass(ctx, input.classId)
    if (!c.signed_off_at) throw conflict('reason.class_not_signed_off', { id: String(c.id) })
    const e = sessionEvent(ctx, c.id, 'reopened', input.reason)
    ctx.sql.run(ctx.qb.updateTable('classes').set({ signed_off_at: null, signed_off_by: null, signed_off_by_id: null }).where('id', '=', c.id))
    return { at: e.at, by: e.by }
  },

  async 'attendance.signInSheet'(ctx, input, job) {
    const c = requireClass(ctx, input.classId)
    const locale = documentLocale(ctx.sql, input.locale)
    const learners = wholeRoster(ctx, c.id).map((r) => ({ name: fullName(r), email: r.email, status: r.status, note: r.note }))
    // A job: pdf-lib draws asynchronously; between pages it reports and may be cancelled.
    const bytes = await signInSheetPdf(locale, sheetClass(locale, c), learners, checkpoint(job, 'rendering'))
    return { fileName: `sign-in-sheet-${fileStem(c)}.pdf`, pdfBase64: Buffer.from(bytes).toString('base64') }
  },

  'attendance.exportCsv'(ctx, input) {
    const c = requireClass(ctx, input.classId)
    const locale = documentLocale(ctx.sql, input.locale)
    const learners = wholeRoster(ctx, c.id).map((r) => ({
      name: fullName(r),
      email: r.email,
      status: r.status,
      note: r.note,
      markedAt: r.status_updated_at ? documentDate(locale, r.status_updated_at, 'dateTime') : null,
    }))
    return { fileName: `attendance-${fileStem(c)}.csv`, csv: rosterCsv(locale, sheetClass(locale, c), learners) }
  },
})
