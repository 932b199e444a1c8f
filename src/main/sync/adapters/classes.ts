// Adapters for the Class group: classes (found again by course, start and instructor),
// registrations (found through the class's enrolled students by the learner's email),
// attendance marks (absolute values: last writer wins per class and learner).
import { findInList, lookupRead, type AdapterContext, type Lookup, type SyncAdapter } from '../adapter-kit'

/** "2024-01-31 10:00:00" (local, as queued) to epoch milliseconds. */
function localMillis(text: unknown): number | undefined {
  const m = typeof text === 'string' ? /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text) : null
  return m ? new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)).getTime() : undefined
}

function startOf(sent: Record<string, unknown>): number | undefined {
  const r = sent.recurrence as { startDate?: string; startTime?: string } | undefined
  return r ? localMillis(`${r.startDate} ${r.startTime}`) : localMillis(sent.starttime)
}

const classBySchedule = async (ctx: AdapterContext, sent: Record<string, unknown>): Promise<Lookup> => {
  const start = startOf(sent)
  if (start === undefined) return undefined
  const found = await lookupRead<{ classes?: { id: number; start_time?: string; instructor_id?: number | null; location_id?: number | null }[] }>(
    ctx,
    'classes.schedules',
    { courseId: sent.courseId },
  )
  if (found === 'unknown' || found === 'unauthorized') return found
  const match = found?.classes?.find(
    (c) =>
      typeof c.start_time === 'string' &&
      new Date(c.start_time).getTime() === start &&
      (c.instructor_id === undefined || c.instructor_id === sent.instructor) &&
      (c.location_id === undefined || (c.location_id ?? null) === (sent.location ?? null)),
  )
  return match?.id
}

const registration: SyncAdapter = {
  kind: 'create',
  // class/enroll answers counts only: the registration is found afterwards, the same way as when unsure.
  async serverIdAfterSuccess(ctx, record, sent) {
    return this.reconcile!(ctx, record, sent)
  },
  async reconcile(ctx, record, sent) {
    const serverUser = (sent.studentIds as number[] | undefined)?.[0]
    const localUser = (record.input.studentIds as number[] | undefined)?.[0]
    if (serverUser === undefined || localUser === undefined) return undefined
    const email = ctx.sql.first(ctx.sql.qb.selectFrom('users').select('email').where('id', '=', localUser))?.email
    return findInList(
      ctx,
      'classes.enrolledStudents',
      { class_id: sent.id, page_size: 50, page_number: 1, search_param: JSON.stringify({ nameOrEmail: email ?? '' }) },
      (r) => r.user_id === serverUser || (typeof r.email === 'string' && !!email && r.email.toLowerCase() === email.toLowerCase()),
    )
  },
}

export const classAdapters: Record<string, SyncAdapter> = {
  'classes.create': {
    kind: 'create',
    serverIdAfterSuccess: async (ctx, _record, sent, body) => {
      const id = (body as { id?: unknown })?.id
      return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : classBySchedule(ctx, sent)
    },
    reconcile: (ctx, _record, sent) => classBySchedule(ctx, sent),
  },
  'classes.update': { kind: 'update' },
  'classes.delete': { kind: 'delete' },
  // Deleting every class of a course again deletes nothing more: safe to resend.
  'classes.deleteCourseClasses': { kind: 'update' },
  'classes.enroll': registration,
  'classes.remove': { kind: 'delete' },
  'classes.updateStatus': { kind: 'update' },
  'users.updateClassStatus': { kind: 'update' },
  'classes.assignCertificate': { kind: 'update' },
}
