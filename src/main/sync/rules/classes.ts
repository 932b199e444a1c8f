// Rules for the Class group: classes (found again by course and start), registrations
// (found in the learner's enrolled classes), attendance marks (absolute values: last
// writer wins per class and learner, sent side by side across learners).
import { registrationOf, type Lookup } from '../lookups'
import { markAccepted } from '../pull-rosters'
import { first, idInAnswer, type RuleContext, type Sent, type SyncRule } from './rule'

/** "2024-01-31 10:00:00", as a class's times are queued (local wall-clock time, as the form takes them), to an instant. */
function localInstant(text: unknown): string | null {
  const m = typeof text === 'string' ? /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text) : null
  return m ? new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)).toISOString() : null
}

function startOf(sent: Sent): string | null {
  const r = sent.recurrence as { startDate?: string; startTime?: string } | undefined
  return localInstant(r ? `${r.startDate} ${r.startTime}` : sent.starttime)
}

/** A class of the course starting then (GET class/get-class-schedules, courseId), with the same instructor and location. */
async function classBySchedule(ctx: RuleContext, sent: Sent): Promise<Lookup> {
  const start = startOf(sent)
  if (start === null) return undefined
  const outcome = await ctx.client.answer('schedules', { courseId: sent.courseId })
  if (outcome.kind !== 'ok') return outcome.kind === 'unauthorized' ? 'unauthorized' : 'unknown'
  const matches = outcome.value.classes.filter(
    (c) =>
      c.start_time === start &&
      (c.instructor_id === null || c.instructor_id === sent.instructor) &&
      (c.location_id === null || c.location_id === ((sent.location as number | null | undefined) ?? null)),
  )
  return matches.length ? Math.max(...matches.map((c) => c.id)) : undefined
}

/** An attendance mark the hosted LMS accepted: its class's counts move by it (pull-rosters.ts). */
function markSent(ctx: RuleContext, record: { local_id: number | null }, sent: Sent): void {
  const registration = Number(sent.id)
  const local = record.local_id === null ? undefined : ctx.sql.first(ctx.sql.qb.selectFrom('class_enrollments').select('class_id').where('id', '=', record.local_id))
  const classId = sent.classId !== undefined ? Number(sent.classId) : local && ctx.serverId('class', local.class_id)
  if (Number.isInteger(registration) && classId !== undefined && Number.isInteger(classId) && typeof sent.status === 'string') markAccepted(ctx.sql, registration, classId, sent.status)
}

export const classRules = {
  'classes.create': {
    kind: 'create',
    idFromAnswer: idInAnswer,
    confirm: { via: 'GET class/get-class-schedules (courseId), matched by start time, instructor and location', find: (ctx, _r, sent) => classBySchedule(ctx, sent) },
    plainIds: ['zoom_meeting_id'],
  },
  'classes.update': { kind: 'update', supersedes: true, plainIds: ['zoom_meeting_id'] },
  'classes.delete': { kind: 'delete', gone: /invalid|not found|does not exist/i },
  // Deleting every class of a course again deletes nothing more: safe to resend.
  'classes.deleteCourseClasses': { kind: 'update' },
  'classes.enroll': {
    kind: 'create',
    // class/enroll answers counts only: the registration is found in the learner's enrolled classes.
    confirm: {
      via: 'GET users/enrolled-classes (user_id), matched by classId',
      find: (ctx, _r, sent) => {
        const user = first(sent.studentIds)
        return user === undefined ? Promise.resolve(undefined) : registrationOf(ctx.client, user, Number(sent.id))
      },
    },
    plainIds: ['groupId'],
  },
  'classes.remove': { kind: 'delete', gone: /invalid|not found|does not exist|not enrolled/i, plainIds: ['groupID'] },
  'classes.updateStatus': { kind: 'update', supersedes: true, parallel: true, accepted: markSent },
  'users.updateClassStatus': { kind: 'update', supersedes: true, parallel: true, accepted: markSent },
  'classes.assignCertificate': { kind: 'update' },
} satisfies {
  [N in
    | 'classes.create'
    | 'classes.update'
    | 'classes.delete'
    | 'classes.deleteCourseClasses'
    | 'classes.enroll'
    | 'classes.remove'
    | 'classes.updateStatus'
    | 'users.updateClassStatus'
    | 'classes.assignCertificate']: SyncRule<N>
}
