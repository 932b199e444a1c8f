// The Class group, and the class operations of the Users and Courses groups.
import { usersUpdateClassStatus, type ClassStatus, type StudyMaterial } from '../../../../shared/operations/classes'
import type { OpParsed } from '../../../../shared/operations/index'
import { sql as rawSql } from 'kysely'
import type { EngineContext } from '../../context'
import { conflict, invalid, notFound } from '../../errors'
import { englishReason } from '../../reasons'
import { dashedDateText, dateText, dateTimeText, relativeText } from '../../format'
import { defineHandlers } from '../../handlers'
import { sortKeyOf } from '../../db/sort-key'
import { classLists } from './list'
import { requireCourse } from '../courses/index'
import { issueCertificates } from '../certificates/index'
import { enrollUsersInClass, removeFromClass } from './enroll'
import { classQuery, classTotals, isWebinar, laravelIso, localDateTime, requireClass, rosterScope, sessionTimes, STATUS_COLOURS, type ClassView } from './queries'
import { expandRecurrence } from './schedule'
import { requireRegistration, setClassStatus } from './status'

function assertRefs(ctx: EngineContext, refs: { location?: number | null; instructor?: number | null }): void {
  if (refs.location && !ctx.sql.first(ctx.qb.selectFrom('locations').select('id').where('id', '=', refs.location))) {
    throw invalid('location', 'reason.location_missing', { id: String(refs.location) })
  }
  if (refs.instructor && !ctx.sql.first(ctx.qb.selectFrom('instructors').select('id').where('id', '=', refs.instructor))) {
    throw invalid('instructor', 'reason.instructor_missing', { id: String(refs.instructor) })
  }
}

/** A registration with its class, for the per-learner reads (study material, webinar). */
function registrationView(ctx: EngineContext, registrationId: number) {
  const reg = requireRegistration(ctx, registrationId)
  return { reg, cls: requireClass(ctx, reg.class_id) }
}

function studyMaterialOf(cls: ClassView): StudyMaterial[] {
  try {
    const parsed = JSON.parse(cls.study_material) as unknown
    return Array.isArray(parsed) ? (parsed as StudyMaterial[]) : []
  } catch {
    return []
  }
}

function updateStatus(ctx: EngineContext, input: OpParsed<'classes.updateStatus'>, fromUsersRoute: boolean) {
  setClassStatus(ctx, input.id, input.status, input.classId, fromUsersRoute ? usersUpdateClassStatus : undefined)
  return { message: 'Status Updated Successfully' }
}

function deleteClassRows(ctx: EngineContext, classIds: readonly number[]): number {
  if (classIds.length === 0) return 0
  const { changes } = ctx.sql.run(ctx.qb.deleteFrom('class_enrollments').where('class_id', 'in', [...classIds]))
  ctx.sql.run(ctx.qb.deleteFrom('classes').where('id', 'in', [...classIds]))
  return changes
}

export const classHandlers = defineHandlers({
  ...classLists,

  'classes.schedules'(ctx, input) {
    let query = classQuery(ctx)
    if (input.courseId) query = query.where('classes.course_id', '=', input.courseId)
    if (input.search_param?.location) query = query.where('classes.location_id', '=', input.search_param.location)
    const rows = ctx.sql.all(query.orderBy('classes.start_at').orderBy('classes.id'))
    return {
      classes: rows.map((c) => ({
        id: c.id,
        ...sessionTimes(c),
        location_id: c.location_id,
        location: c.location_name ?? '',
        instructor_id: c.instructor_id,
        instructor: c.instructor_name ?? '',
        start_time: laravelIso(c.start_at),
      })),
    }
  },

  'classes.create'(ctx, input) {
    requireCourse(ctx, input.courseId)
    assertRefs(ctx, input)
    // A recurring class is one class on the hosted LMS (one id, one registration per learner);
    // its sessions run from the first start to the last end. Expanding checks the rule.
    const sessions = input.recurrence ? expandRecurrence(input.recurrence) : [{ start: input.starttime!, end: input.endTime! }]
    const at = ctx.nowIso()
    const { lastInsertRowid: id } = ctx.sql.run(
      ctx.qb.insertInto('classes').values({
        course_id: input.courseId,
        location_id: input.location ?? null,
        instructor_id: input.instructor,
        start_at: sessions[0].start,
        end_at: sessions[sessions.length - 1].end,
        class_type: input.type,
        series_id: null,
        recurrence: input.recurrence ? JSON.stringify(input.recurrence) : null,
        webinar_provider: input.webinarProvider ?? null,
        zoom_meeting_id: input.zoom_meeting_id ?? null,
        zoom_host_pwd: input.zoom_host_pwd ?? null,
        allow_download: input.allowDownload ? 1 : 0,
        disabled: input.disabled ? 1 : 0,
        study_material: '[]',
        signed_off_at: null,
        signed_off_by_id: null,
        signed_off_by: null,
        created_at: at,
        updated_at: at,
      }),
    )
    ctx.recordChange({
      localId: id,
      input: {
        courseId: input.courseId,
        instructor: input.instructor,
        location: input.location ?? null,
        type: input.type,
        allowDownload: Boolean(input.allowDownload),
        disabled: Boolean(input.disabled),
        ...(input.recurrence
          ? { recurrence: input.recurrence }
          : { starttime: localDateTime(input.starttime!), endTime: localDateTime(input.endTime!) }),
        ...(input.webinarProvider ? { webinarProvider: input.webinarProvider } : {}),
        ...(input.zoom_meeting_id ? { zoom_meeting_id: input.zoom_meeting_id } : {}),
        ...(input.zoom_host_pwd ? { zoom_host_pwd: input.zoom_host_pwd } : {}),
      },
    })
    return { id, sessions: sessions.length, message: 'Class saved successfully' }
  },

  'classes.edit'(ctx, input) {
    const c = requireClass(ctx, input.classId)
    if (input.courseId && c.course_id !== input.courseId) throw notFound('reason.class_not_of_course', { id: String(input.classId), course: String(input.courseId) })
    return {
      classDetails: {
        id: c.id,
        courseId: String(c.course_id),
        startTime: localDateTime(c.start_at),
        endTime: localDateTime(c.end_at),
        location: c.location_id,
        instructor: c.instructor_id,
        webinarProvider: c.webinar_provider ?? '',
        allowDownload: c.allow_download === 1,
        zoom_meeting_id: c.zoom_meeting_id,
        zoom_host_pwd: c.zoom_host_pwd,
        studyMaterial: studyMaterialOf(c),
      },
    }
  },

  'classes.update'(ctx, input) {
    const c = requireClass(ctx, input.id)
    if (input.courseId) requireCourse(ctx, input.courseId)
    assertRefs(ctx, input)
    const next = {
      course_id: input.courseId ?? c.course_id,
      start_at: input.startTime ?? c.start_at,
      end_at: input.endTime ?? c.end_at,
      location_id: input.location ?? c.location_id,
      instructor_id: input.instructor ?? c.instructor_id,
      webinar_provider: input.webinarProvider ?? c.webinar_provider,
      zoom_meeting_id: input.zoom_meeting_id ?? c.zoom_meeting_id,
      zoom_host_pwd: input.zoom_host_pwd ?? c.zoom_host_pwd,
      allow_download: input.allowDownload === undefined ? c.allow_download : input.allowDownload ? 1 : 0,
      study_material: input.studyMaterial ? JSON.stringify(input.studyMaterial) : c.study_material,
    }
    if (next.end_at <= next.start_at) throw invalid('endTime', 'reason.end_before_start')
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== c[k])
    if (changed) {
      ctx.sql.run(ctx.qb.updateTable('classes').set({ ...next, updated_at: ctx.nowIso() }).where('id', '=', c.id))
      ctx.recordChange({
        localId: c.id,
        input: {
          id: c.id,
          courseId: next.course_id,
          startTime: localDateTime(next.start_at),
          endTime: localDateTime(next.end_at),
          location: next.location_id,
          instructor: next.instructor_id,
          allowDownload: next.allow_download === 1,
          webinarProvider: next.webinar_provider ?? '',
          zoom_meeting_id: next.zoom_meeting_id,
          zoom_host_pwd: next.zoom_host_pwd,
          // The list itself (the operation's input schema): a JSON text went out as `studyMaterial[]=[]`.
          studyMaterial: JSON.parse(next.study_material) as StudyMaterial[],
        },
      })
    }
    return { message: 'Class updated Successfully' }
  },

  'classes.enroll'(ctx, input) {
    const outcome = enrollUsersInClass(ctx, input.id, input.studentIds, input.groupId ?? null)
    return {
      message: `${outcome.enrolled} student(s) enrolled successfully`,
      enrolledUsersCount: outcome.enrolled,
      notEnrolledUsers: outcome.notEnrolled.map(({ userId, reason }) => ({ userId, reason })),
    }
  },

  'classes.updateStatus'(ctx, input) {
    return updateStatus(ctx, input, false)
  },

  'users.updateClassStatus'(ctx, input) {
    return updateStatus(ctx, input, true)
  },

  'classes.remove'(ctx, input) {
    const n = removeFromClass(ctx, input.id, input.enrollmentIds)
    return { message: `${n} student(s) removed successfully` }
  },

  'classes.assignCertificate'(ctx, input) {
    const c = requireClass(ctx, input.id)
    const ids = [...new Set(input.enrollmentIds)]
    const regs = ctx.sql.all(ctx.qb.selectFrom('class_enrollments').selectAll().where('class_id', '=', c.id).where('id', 'in', ids))
    const missing = ids.filter((id) => !regs.some((r) => r.id === id))
    // Reported in the answer (isSucess false when nobody got one), as the hosted API reports who was skipped.
    const outcome = regs.length
      ? issueCertificates(ctx, { courseId: c.course_id, userIds: regs.map((r) => r.user_id), classId: c.id })
      : { issued: 0, skipped: [], certificates: [] }
    if (missing.length) {
      const values = { id: String(c.id), ids: missing.join(', ') }
      outcome.skipped.unshift({ userId: 0, reason: englishReason('reason.not_registrations_of_class', values), reasonCode: { key: 'reason.not_registrations_of_class', values } })
    }
    const at = ctx.nowIso()
    for (const cert of outcome.certificates) {
      const reg = regs.find((r) => r.user_id === cert.userId)!
      ctx.sql.run(ctx.qb.updateTable('class_enrollments').set({ certificate_issued_at: at }).where('id', '=', reg.id))
      ctx.recordChange({ localId: reg.id, input: { id: c.id, enrollmentIds: [reg.id] } })
    }
    const skipped = outcome.skipped.length ? ` Not issued: ${outcome.skipped.map((s) => s.reason).join(' ')}` : ''
    return { isSucess: outcome.issued > 0 || outcome.skipped.length === 0, message: `Certificate assigned successfully to ${outcome.issued} student(s).${skipped}` }
  },

  'classes.studyMaterial'(ctx, input) {
    const { reg, cls } = registrationView(ctx, input.registrationId)
    return {
      name: cls.course_name,
      instructions: cls.course_instructions,
      featuredImageUrl: cls.course_image,
      status: reg.status as ClassStatus,
      display_status: reg.status,
      ...sessionTimes(cls),
      location: cls.location_name ?? '',
      start: laravelIso(cls.start_at),
      end: laravelIso(cls.end_at),
      instructor: cls.instructor_name ?? '',
      // Media files live on the hosted LMS; offline the list names them without links.
      classMaterial: studyMaterialOf(cls).map((m) => ({
        id: m.media_id,
        file_name: m.name,
        file_type: m.type,
        status: 'Completed',
        s3_url: '',
        mux_url: '',
        mux_id: '',
        mime_type: '',
        created_at: dateTimeText(cls.created_at),
      })),
    }
  },

  'classes.delete'(ctx, input) {
    requireClass(ctx, input.classId)
    deleteClassRows(ctx, [input.classId])
    // A registration or mark never sent has nothing to delete on the hosted LMS.
    ctx.recordChange({ localId: input.classId, input: { classId: input.classId } })
    return { message: 'Class deleted successfully' }
  },

  'classes.deleteCourseClasses'(ctx, input) {
    requireCourse(ctx, input.courseId)
    const ids = ctx.sql.all(ctx.qb.selectFrom('classes').select('id').where('course_id', '=', input.courseId)).map((r) => r.id)
    const removed = deleteClassRows(ctx, ids)
    if (ids.length) ctx.recordChange({ localId: null, input: { courseId: input.courseId } })
    return { message: `${ids.length} Class(s) is successfully deleted and ${removed} Enrollment(s) is successfully removed` }
  },

  'classes.webinarDetails'(ctx, input) {
    const { reg, cls } = registrationView(ctx, input.registrationId)
    if (!isWebinar(cls)) throw invalid('registrationId', cls.location_name ? 'reason.registration_not_webinar' : 'reason.registration_not_webinar_nowhere', { id: String(reg.id), location: cls.location_name ?? '' })
    const days = Math.floor((new Date(cls.end_at).getTime() - new Date(cls.start_at).getTime()) / 86_400_000)
    const now = ctx.now().toISOString()
    return {
      recordings: [],
      name: cls.course_name,
      instructions: cls.course_instructions,
      status: reg.status as ClassStatus,
      display_status: reg.status,
      startTime: dateTimeText(cls.start_at),
      endTime: dateTimeText(cls.end_at),
      location: cls.location_name ?? 'Virtual',
      instructor: cls.instructor_name ?? '',
      serviceProvider: cls.webinar_provider ?? '',
      meetingUrl: null,
      webinarTimezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      duration: `${days} Day(s)`,
      webinarStatus: now < cls.start_at ? 'Upcoming' : now > cls.end_at ? 'Completed' : 'Ongoing',
      webinarDetails: {
        is_success: false,
        message: 'The meeting link is made by the hosted LMS when the webinar is launched; it is not available offline.',
        url: '',
      },
    }
  },

  'classes.webinarLaunch'(ctx, input) {
    const { reg, cls } = registrationView(ctx, input.registrationId)
    if (!isWebinar(cls)) throw invalid('registrationId', cls.location_name ? 'reason.registration_not_webinar' : 'reason.registration_not_webinar_nowhere', { id: String(reg.id), location: cls.location_name ?? '' })
    // Launching signs a meeting with the provider's keys on the hosted LMS: never make up a link.
    throw conflict('reason.webinar_needs_network', { provider: cls.webinar_provider ?? 'webinar' })
  },

  'classes.overviewReport'(ctx, input) {
    const now = ctx.now()
    const [month, year] = input.selectedMonth ? input.selectedMonth.split('-').map(Number) : [now.getMonth() + 1, now.getFullYear()]
    const from = new Date(year, month - 1, 1).toISOString()
    const to = new Date(year, month, 1).toISOString()
    const rows = ctx.sql.all(
      classQuery(ctx).where('classes.start_at', '>=', from).where('classes.start_at', '<', to).orderBy('classes.start_at').orderBy('classes.id'),
    )
    const totals = rows.map((c) => classTotals(ctx, c.id))
    const sum = (k: keyof (typeof totals)[number]) => totals.reduce((n, t) => n + t[k], 0)
    return {
      labels: rows.map((c) => `${c.course_name} (${dashedDateText(c.start_at)})`),
      totalRegistered: totals.map((t) => t.totalRegistered),
      totalAttended: totals.map((t) => t.totalAttended),
      totalNoShow: totals.map((t) => t.totalNoShow),
      totalCancelled: totals.map((t) => t.totalCancelled),
      startDate: rows.map((c) => dashedDateText(c.start_at)),
      endDate: rows.map((c) => dashedDateText(c.end_at)),
      sumRegistered: sum('totalRegistered'),
      sumAttended: sum('totalAttended'),
      sumNoShow: sum('totalNoShow'),
      sumCancelled: sum('totalCancelled'),
    }
  },

  'courses.locationsLookup'(ctx, input) {
    if (input.course_id) requireCourse(ctx, input.course_id)
    // The hosted API answers its de-duplicated array as an object keyed by the first position
    // of each location among the classes (soonest first). Positions are numbered in SQL, so
    // every class counts however many there are, and only one row per location comes back.
    let positioned = ctx.qb
      .selectFrom('classes')
      .innerJoin('locations', 'locations.id', 'classes.location_id')
      .select([
        'locations.id',
        'locations.name',
        'classes.course_id',
        'classes.id as class_id',
        rawSql<number>`row_number() OVER (ORDER BY classes.start_at, classes.id) - 1`.as('position'),
      ])
    if (input.course_id) positioned = positioned.where('classes.course_id', '=', input.course_id)
    // With min() in an aggregate, SQLite takes the other (bare) columns from the row holding the minimum.
    const firsts = ctx.sql.all(
      ctx.qb
        .selectFrom(positioned.as('p'))
        .select(['p.id', 'p.name', 'p.course_id', 'p.class_id', (eb) => eb.fn.min('p.position').as('position')])
        .groupBy('p.id')
        .orderBy('position'),
    )
    const out: Record<string, { id: number; name: string; courseId: string; classId: number }> = {}
    for (const r of firsts) out[String(r.position)] = { id: r.id, name: r.name, courseId: String(r.course_id), classId: r.class_id }
    return out
  },
})
