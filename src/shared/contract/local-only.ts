// Values the app shows that the hosted LMS's reference (../shared/api/endpoints.json) gives
// no way to send or to read: kept on this computer only. The one declaration: the sync
// rules' `notSent` lists are built from it (src/main/sync/rules), the screens put a hint
// next to each such field (LocalOnlyHint), and test/sync/local-only.test.ts holds it to the
// rules, the pull's decoders and the reference, so a field the sync starts to send or read
// cannot stay declared here, and one it silently drops cannot be missing.
import type { QueuedName } from '../operations/index'

/**
 * What the reference lacks. `push`: no request parameter, so the hosted LMS never gets the
 * value from here. `pull`: no documented answer gives the value (the app shows what this
 * computer recorded). `both`: neither.
 */
export type LocalOnlyDirection = 'push' | 'pull' | 'both'

/**
 * Why, as the screens say it (catalog key `localOnly.<reason>`). `notInReference`: no route
 * of the reference names it. `noParameter`: answers may show it, no request sets it.
 * `editsNotSent`: the create sends it, the update has no parameter for it. `relativeOnly`:
 * answers give only a rough text ("2 days ago", "Never"), no time.
 */
export type LocalOnlyReason = 'notInReference' | 'noParameter' | 'editsNotSent' | 'relativeOnly'

export interface LocalOnlyField {
  entity: 'course' | 'enrollment'
  /** The field as the operations' input (or, for what no operation sets, the lists) and the screens name it. */
  field: string
  /** Its local column. */
  column: string
  direction: LocalOnlyDirection
  reason: LocalOnlyReason
  /** Queued operations whose request leaves it out, because their route documents no parameter for it (none for `pull`). */
  notSentBy: readonly QueuedName[]
  /** Why, in the reference's terms (held records, README). */
  why: string
}

const COURSE_WRITES = ['courses.create', 'courses.update'] as const

export const LOCAL_ONLY_FIELDS: readonly LocalOnlyField[] = [
  {
    entity: 'course',
    field: 'courseType',
    column: 'course_type',
    direction: 'both',
    reason: 'notInReference',
    notSentBy: COURSE_WRITES,
    why: 'no course route of the reference names a course type (self-paced or instructor-led): not available from the hosted LMS',
  },
  {
    entity: 'course',
    field: 'durationSpecificDate',
    column: 'duration_specific_date',
    direction: 'push',
    reason: 'noParameter',
    notSentBy: COURSE_WRITES,
    why: 'the reference documents no parameter for the end date of a duration rule: not available from the hosted LMS',
  },
  {
    entity: 'course',
    field: 'durationDays',
    column: 'duration_days',
    direction: 'push',
    reason: 'noParameter',
    notSentBy: COURSE_WRITES,
    why: 'the reference documents no parameter for the number of days of a duration rule: not available from the hosted LMS',
  },
  {
    entity: 'course',
    field: 'instructions',
    column: 'instructions',
    direction: 'push',
    reason: 'editsNotSent',
    notSentBy: ['courses.update'],
    why: 'POST course sends the instructions, PUT course/{id} documents no instructions parameter: later changes are not available from the hosted LMS',
  },
  {
    entity: 'enrollment',
    field: 'last_accessed_on',
    column: 'last_accessed_at',
    direction: 'pull',
    reason: 'relativeOnly',
    notSentBy: [],
    why: 'the course reports and enrollment lists give the last access only as a rough text ("1 hour ago", "Never"): its time is not available from the hosted LMS',
  },
]

/** The declared fields one queued operation leaves out, with why: a sync rule's `notSent`. */
export function notSentBy(operation: QueuedName): { fields: readonly string[]; why: string } {
  const declared = LOCAL_ONLY_FIELDS.filter((f) => f.notSentBy.includes(operation))
  return { fields: declared.map((f) => f.field), why: declared.map((f) => `${f.field}: ${f.why}`).join('; ') }
}

/**
 * The declaration of a field a screen shows: in a form, when the operation saving it cannot
 * send it; in a view (no operation), whenever it is declared.
 */
export function localOnlyField(entity: LocalOnlyField['entity'], field: string, operation?: QueuedName): LocalOnlyField | undefined {
  return LOCAL_ONLY_FIELDS.find((f) => f.entity === entity && f.field === field && (operation === undefined || f.notSentBy.includes(operation)))
}
