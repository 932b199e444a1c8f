// A class's learners: the roster (classes.enrolledStudents) and the class's attendance
// report (classes.detailedReport), one query and one record shape.
import type { ClassStatus } from '../../../../shared/operations/classes'
import type { EngineContext } from '../../context'
import { defineList } from '../../define-list'
import { dateText } from '../../format'
import { containsText, fullNameExpr, isAnyOf, isEqual, withinDates } from '../../list'
import { classTotals, requireClass, ROSTER_COLUMNS, rosterScope, sessionTimes } from './queries'
import { fullName } from '../users/index'

function studentRecord(r: {
  id: number
  user_id: number
  first_name: string
  last_name: string
  email: string
  status: string
  registered_at: string
  note: string | null
  certificate_issued_at: string | null
}) {
  return {
    id: r.id,
    user_id: r.user_id,
    first_name: r.first_name,
    last_name: r.last_name,
    name: fullName(r),
    email: r.email,
    status: r.status as ClassStatus,
    display_status: r.status,
    registered_on: dateText(r.registered_at),
    note: r.note,
    certificate_issued: r.certificate_issued_at ? 'Yes' : 'No',
  }
}

/** A class's learners; the caller's class is checked first. */
function roster(ctx: EngineContext, classId: number) {
  const base = rosterScope(ctx, requireClass(ctx, classId).id)
  return {
    total: base.select('class_enrollments.id'),
    rows: base.select([...ROSTER_COLUMNS, 'class_enrollments.registered_at', 'class_enrollments.note', 'class_enrollments.certificate_issued_at']),
  }
}

const ROSTER_ORDER = {
  registered_on: 'class_enrollments.registered_at',
  id: 'class_enrollments.id',
  name: 'users.first_name_key',
  email: 'users.email_key',
  status: 'class_enrollments.status',
} as const

const nameOrEmail = containsText([fullNameExpr('users.first_name', 'users.last_name'), 'users.email'])

export const rosterLists = {
  ...defineList('classes.enrolledStudents', {
    sort: { ...ROSTER_ORDER, first_name: 'users.first_name_key', last_name: 'users.last_name_key' },
    defaultOrder: { colName: 'registered_on', direction: 'desc' },
    tieBreaker: 'class_enrollments.id',
    query: (ctx, input) => roster(ctx, input.class_id),
    filters: {
      nameOrEmail,
      status: (status) => isAnyOf('class_enrollments.status', typeof status === 'string' ? (status === '' ? [] : [status]) : status),
    },
    records: (rows) => rows.map(studentRecord),
    extra: (_page, ctx, input) => {
      const c = requireClass(ctx, input.class_id)
      return {
        courseId: c.course_id,
        locationId: c.location_id,
        courseName: c.course_name,
        featuredImage: c.course_image,
        ...sessionTimes(c),
        ...classTotals(ctx, c.id),
      }
    },
  }),

  ...defineList('classes.detailedReport', {
    sort: ROSTER_ORDER,
    defaultOrder: { colName: 'registered_on', direction: 'desc' },
    tieBreaker: 'class_enrollments.id',
    query: (ctx, input) => roster(ctx, input.class_id),
    filters: {
      nameOrEmail,
      status: (status) => isAnyOf('class_enrollments.status', status),
      userIdActual: (userId) => (userId === '' ? undefined : isEqual('class_enrollments.user_id', userId)),
      started_on: (dates) => (dates.length ? withinDates('class_enrollments.registered_at', dates) : undefined),
    },
    records: (rows) => rows.map(studentRecord),
    extra: (_page, ctx, input) => {
      const c = requireClass(ctx, input.class_id)
      return { courseName: c.course_name, ...classTotals(ctx, c.id) }
    },
  }),
}
