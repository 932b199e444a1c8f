// Rules for courses and their enrollments: the course, its slug, clone, quick edit,
// auto-enroll list, and each learner's enrollment (enroll, remove, reset, revoke, grant,
// expiry, launch). Updates carry absolute values, so a resend is harmless.
import { notSentBy } from '../../../shared/contract/local-only'
import { mapIds } from '../id-map'
import { enrollmentOf, findInList, type Lookup } from '../lookups'
import { first, idInAnswer, keptByServer, ALREADY_GONE, type RuleContext, type Sent, type SyncRule } from './rule'

/** A course by name (courses/tabularlist, search_param courseName), matched by its slug. */
function courseBySlug(ctx: RuleContext, name: string, slug: string): Promise<Lookup> {
  return findInList(ctx.client, 'courses', { search_param: JSON.stringify({ courseName: name }), order_by: JSON.stringify({ colName: 'id', direction: 'desc' }) }, (r) => r.slug === slug)
}

/** The hosted clone answers only a message: the clone is the newest course of that name no local course is mapped to yet. */
async function cloneOf(ctx: RuleContext, sent: Sent): Promise<Lookup> {
  const name = String(sent.course_name)
  const mapped = new Set(ctx.sql.all(ctx.sql.qb.selectFrom('id_map').select('server_id').where('entity', '=', 'course')).map((r) => r.server_id))
  return findInList(
    ctx.client,
    'courses',
    { search_param: JSON.stringify({ courseName: name }), order_by: JSON.stringify({ colName: 'id', direction: 'desc' }) },
    (r) => r.name === name && r.id !== sent.course_id && !mapped.has(r.id),
  )
}

/**
 * A deep clone's module copies are made by each side on its own: once the clone is found,
 * the laptop's copies are mapped to the hosted copies placed at the same positions (GET
 * course/{id} modules), so a later edit of a copy is sent to the hosted copy.
 */
async function mapDeepCopies(ctx: RuleContext, localCourse: number | null, sent: Sent, serverCourse: number): Promise<void> {
  if (localCourse === null || !sent.isDeepCopy) return
  const course = await ctx.client.answer('course', { id: serverCourse })
  if (course.kind !== 'ok') return
  const local = ctx.sql.all(ctx.sql.qb.selectFrom('course_modules').select('module_id').where('course_id', '=', localCourse).orderBy('position').orderBy('id'))
  ctx.sql.transaction(() => {
    local.forEach(({ module_id }, i) => {
      const server = course.value.modules[i]?.module_id
      if (server !== undefined && ctx.serverId('module', module_id) === undefined) mapIds(ctx.sql, 'module', module_id, server)
    })
  })
}

/** An enrollment's learner and course as sent (server ids). */
const enrollmentFound = (ctx: RuleContext, sent: Sent): Promise<Lookup> => {
  const user = first(sent.studentIds)
  return user === undefined ? Promise.resolve(undefined) : enrollmentOf(ctx.client, user, Number(sent.id))
}

export const courseRules = {
  'courses.create': {
    kind: 'create',
    idFromAnswer: idInAnswer,
    confirm: { via: 'GET courses/tabularlist (search_param courseName), matched by slug', find: (ctx, _r, sent) => courseBySlug(ctx, String(sent.name), String(sent.slug)) },
    notSent: notSentBy('courses.create'),
    folds: {
      'courses.update': (_create, update) => {
        const { id: _id, ...body } = update
        return { input: body, consumed: true }
      },
    },
  },
  'courses.update': {
    kind: 'update',
    supersedes: true,
    notSent: notSentBy('courses.update'),
  },
  'courses.delete': {
    kind: 'delete',
    // The hosted LMS keeps a course that still has enrollments: that course's removals go first.
    waitsOn: (input) => input.delete_ids.map((id) => `removal:course:${id}`),
    kept: keptByServer,
    gone: /invalid|not found|does not exist/i,
  },
  'courses.enroll': {
    kind: 'create',
    // course/enroll answers only a message: the enrollment is found through the learner's enrollments.
    confirm: { via: 'GET users/enrolled-courses (user_id), matched by courseId', find: (ctx, _r, sent) => enrollmentFound(ctx, sent) },
    // The hosted LMS enrolls nobody who is enrolled already: a removal of that course goes first.
    waitsOn: (input) => [`removal:course:${input.id}`],
    plainIds: ['groupId'],
  },
  'courses.remove': {
    kind: 'delete',
    holds: (input) => ['removal', `removal:course:${input.id}`],
    gone: ALREADY_GONE,
    plainIds: ['groupId'],
  },
  'courses.progressUpdate': {
    kind: 'update',
    localOnly:
      'Not available from the hosted LMS: its reference documents no parameters for PUT course-progress/update/{id}, so a learner\'s progress set here stays on this computer.',
  },
  'courses.launch': { kind: 'update' },
  'courses.updateSlug': { kind: 'update', supersedes: true },
  'courses.clone': {
    kind: 'create',
    confirm: { via: 'GET courses/tabularlist (search_param courseName), the newest course of that name not mapped here', find: (ctx, _r, sent) => cloneOf(ctx, sent) },
    afterCreate: (ctx, record, sent, serverId) => mapDeepCopies(ctx, record.local_id, sent, serverId),
  },
  'courses.quickEdit': { kind: 'update' },
  'courses.autoEnrollUpdate': { kind: 'update', supersedes: true },
  'courses.reset': { kind: 'update' },
  'courses.revoke': { kind: 'update' },
  'courses.grant': { kind: 'update' },
  'courses.setExpiry': { kind: 'update' },
} satisfies {
  [N in
    | 'courses.create'
    | 'courses.update'
    | 'courses.delete'
    | 'courses.enroll'
    | 'courses.remove'
    | 'courses.progressUpdate'
    | 'courses.launch'
    | 'courses.updateSlug'
    | 'courses.clone'
    | 'courses.quickEdit'
    | 'courses.autoEnrollUpdate'
    | 'courses.reset'
    | 'courses.revoke'
    | 'courses.grant'
    | 'courses.setExpiry']: SyncRule<N>
}
