// The Attendance screen's own operations (no documented route; served at POST /app/<name>):
// the class picker, the roster in pages, marking the unmarked, notes, sign-off and
// reopen, and the paper fallbacks (sign-in sheet PDF, CSV of the marked roster).
// Status changes themselves go through the documented class/update-class-status.
import { z } from 'zod'
import { LOCALES } from '../i18n/locales'
import { defineOperation, returns } from '../contract/operation'
import { id, intLike, pageNumber } from '../contract/list-params'
import { jobId, optionalString } from '../contract/fields'
import { classStatus, type ClassStatus, type ClassTotals } from './classes'

export interface AttendanceClass {
  id: number
  courseId: number
  courseName: string
  locationId: number | null
  location: string
  instructor: string
  start: string
  end: string
  /** 'today', 'upcoming' or 'past', by the engine's clock. */
  when: 'today' | 'upcoming' | 'past'
  learners: number
  marked: number
  signedOff: boolean
}

/** Classes the picker lists at first, of today's and upcoming ones and of past ones; "Show more" asks for more. */
export const CLASSES_SHOWN = { current: 100, past: 50 } as const

export const attendanceClasses = defineOperation({
  name: 'attendance.classes',
  summary: "Classes for the Attendance screen: today's, then upcoming (soonest first), then past (latest first), with how many there are of each",
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({
    locationId: id.nullish(),
    courseId: id.nullish(),
    includePast: z.boolean().default(true),
    /** How many of today's and upcoming classes to answer (the first, soonest first). */
    currentLimit: intLike('current limit', 1, 5000).default(CLASSES_SHOWN.current),
    /** How many past classes to answer (the latest first). */
    pastLimit: intLike('past limit', 1, 5000).default(CLASSES_SHOWN.past),
  }),
  output: returns<{
    classes: AttendanceClass[]
    /** How many classes match the filters: today's and upcoming ones, and past ones (0 without includePast). */
    counts: { current: number; past: number }
    locations: { id: number; name: string }[]
  }>(),
})

export interface RosterLearner {
  enrollmentId: number
  userId: number
  name: string
  email: string
  status: ClassStatus
  note: string | null
  statusUpdatedAt: string | null
}

export interface SessionEvent {
  action: 'signed_off' | 'reopened'
  by: string
  at: string
  reason: string | null
}

/**
 * Learners in one page of the roster. A class up to this size comes in one page, which the
 * screen searches as it is typed; a bigger one is paged and searched on the server.
 */
export const ROSTER_PAGE = 200

export const attendanceRoster = defineOperation({
  name: 'attendance.roster',
  summary: 'A class, a page of its roster by name (searched by name or email), counts per status and its sign-off state',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({
    classId: id,
    search: z.string().max(255).optional(),
    page_size: intLike('page size', 1, 1000).default(ROSTER_PAGE),
    page_number: pageNumber,
  }),
  output: returns<{
    class: AttendanceClass
    /** One page of the learners matching the search, by last name then first name. */
    learners: RosterLearner[]
    /** Learners in the class. */
    recordsTotal: number
    /** Learners matching the search (recordsTotal without one). */
    recordsFiltered: number
    totals: ClassTotals
    signedOff: { at: string; by: string } | null
    events: SessionEvent[]
  }>(),
})

export const attendanceMarkUnmarked = defineOperation({
  name: 'attendance.markUnmarked',
  summary: 'Mark every learner still Registered as Attended',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ classId: id }),
  output: returns<{ marked: number }>(),
  // Each learner's change is queued as the documented class/update-class-status.
  sync: null,
})

export const attendanceAddWalkIn = defineOperation({
  name: 'attendance.addWalkIn',
  summary: 'Register a user who walked in, with the status they arrive with (Attended unless told otherwise)',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ classId: id, userId: id, status: classStatus.default('Attended') }),
  output: returns<{ enrollmentId: number; status: ClassStatus }>(),
  // Queued as the documented class/enroll and, for a status other than Registered, class/update-class-status.
  sync: null,
})

export const attendanceNote = defineOperation({
  name: 'attendance.note',
  summary: 'Set or clear the note on one learner of a class',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ enrollmentId: id, note: optionalString('note', 500) }),
  output: returns<{ note: string | null }>(),
  // The hosted API has no field for it: notes stay on this machine.
  sync: null,
})

export const attendanceSignOff = defineOperation({
  name: 'attendance.signOff',
  summary: 'Close a class session: attendance is locked until reopened',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ classId: id }),
  output: returns<{ at: string; by: string }>(),
  sync: null,
})

export const attendanceReopen = defineOperation({
  name: 'attendance.reopen',
  summary: 'Reopen a signed-off class session (recorded with who and when)',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ classId: id, reason: optionalString('reason', 500) }),
  output: returns<{ at: string; by: string }>(),
  sync: null,
})

export const attendanceSignInSheet = defineOperation({
  name: 'attendance.signInSheet',
  summary: 'A printable sign-in sheet of the roster, as PDF',
  // A job: pdf-lib draws asynchronously; a 500-learner sheet takes a moment.
  kind: 'job',
  writes: false,
  phases: ['rendering'],
  method: 'POST',
  route: null,
  // `locale`: the sheet's language; without it the profile's choice, else English.
  input: z.object({ classId: id, locale: z.enum(LOCALES).optional(), jobId }),
  output: returns<{ fileName: string; pdfBase64: string }>(),
})

export const attendanceExportCsv = defineOperation({
  name: 'attendance.exportCsv',
  summary: 'The marked roster as CSV',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({ classId: id, locale: z.enum(LOCALES).optional() }),
  output: returns<{ fileName: string; csv: string }>(),
})

export const attendanceOperations = [
  attendanceClasses,
  attendanceRoster,
  attendanceMarkUnmarked,
  attendanceAddWalkIn,
  attendanceNote,
  attendanceSignOff,
  attendanceReopen,
  attendanceSignInSheet,
  attendanceExportCsv,
] as const
