// Announcements: written by staff, read by the learners their sending rule reaches until
// the expiry date has passed.
import { sql as rawSql } from 'kysely'
import { SENT_TO_TEXT } from '../../../../shared/operations/announcements'
import type { OpParsed } from '../../../../shared/operations/index'
import { avatarSvg } from '../../avatar'
import type { EngineContext } from '../../context'
import { defineHandlers } from '../../handlers'
import { invalid, notFound } from '../../errors'
import { dateTimeText } from '../../format'
import { matchesText } from '../../list'
import { defineList } from '../../define-list'
import { missingCourseIds } from '../courses/index'
import { missingUserIds, userNameOf } from '../users/index'

type Body = OpParsed<'announcements.create'>

function requireAnnouncement(ctx: EngineContext, id: number) {
  const row = ctx.sql.first(ctx.qb.selectFrom('announcements').selectAll().where('id', '=', id))
  if (!row) throw notFound('reason.announcement_not_found', { id: String(id) })
  return row
}

/** Recipients that do not exist are a 422 naming them; the ids a rule does not use are not kept. */
function recipients(ctx: EngineContext, input: Body): { user_ids: number[]; course_ids: number[] } {
  const user_ids = input.sending_rules === 'specific_users' ? [...new Set(input.user_ids)] : []
  const course_ids = input.sending_rules === 'specific_course_users' ? [...new Set(input.course_ids)] : []
  const missingUsers = missingUserIds(ctx, user_ids)
  if (missingUsers.length) throw invalid('user_ids', 'reason.users_missing', { ids: missingUsers.join(', ') })
  const missingCourses = missingCourseIds(ctx, course_ids)
  if (missingCourses.length) throw invalid('course_ids', 'reason.courses_missing', { ids: missingCourses.join(', ') })
  return { user_ids, course_ids }
}

/** The columns a create or update body sets. */
const announcementColumns = (input: Body, to: { user_ids: number[]; course_ids: number[] }) => ({
  heading: input.heading,
  content: input.content,
  expiry: input.expiry,
  sending_rules: input.sending_rules,
  user_ids: JSON.stringify(to.user_ids),
  course_ids: JSON.stringify(to.course_ids),
})

const queued = (input: Body, to: { user_ids: number[]; course_ids: number[] }) => ({
  heading: input.heading,
  content: input.content,
  expiry: input.expiry,
  sending_rules: input.sending_rules,
  ...to,
})

/** The announcements in a scope, with their authors' names. */
function announcementRows(ctx: EngineContext, scope: (q: ReturnType<typeof baseQuery>) => ReturnType<typeof baseQuery>) {
  const base = scope(baseQuery(ctx))
  return {
    total: base.select('announcements.id'),
    rows: base
      .leftJoin('users as author', 'author.id', 'announcements.author_id')
      .select([
        'announcements.id',
        'announcements.heading',
        'announcements.content',
        'announcements.sending_rules',
        'announcements.expiry',
        'announcements.created_at',
        'author.first_name as author_first',
        'author.last_name as author_last',
      ]),
  }
}

const authorOf = (r: { author_first: string | null; author_last: string | null }) => (r.author_first === null ? 'LMS Offline' : `${r.author_first} ${r.author_last ?? ''}`.trim())

const announcementOrder = {
  sort: { id: 'announcements.id', heading: 'announcements.heading', created_at: 'announcements.created_at', expiry: 'announcements.expiry' },
  defaultOrder: { colName: 'created_at', direction: 'desc' },
  tieBreaker: 'announcements.id',
  filters: { heading: (heading: string) => (heading.trim() ? matchesText(['announcements.heading'], heading.trim()) : undefined) },
} as const

const baseQuery = (ctx: EngineContext) => ctx.qb.selectFrom('announcements')

/** The acting user's announcements: to everyone, to them by name, or to a course they are enrolled in; not past the expiry day. */
function forLearner(ctx: EngineContext, q: ReturnType<typeof baseQuery>) {
  const userId = ctx.actor()?.id ?? 0
  const today = ctx.nowIso().slice(0, 10)
  return q
    .where((eb) => eb.or([eb('announcements.expiry', 'is', null), eb('announcements.expiry', '>=', today)]))
    .where(
      rawSql<boolean>`(announcements.sending_rules = 'all'
        OR (announcements.sending_rules = 'specific_users' AND EXISTS (SELECT 1 FROM json_each(announcements.user_ids) j WHERE j.value = ${userId}))
        OR (announcements.sending_rules = 'specific_course_users' AND EXISTS (
          SELECT 1 FROM json_each(announcements.course_ids) j JOIN enrollments e ON e.course_id = j.value WHERE e.user_id = ${userId})))`,
    )
}

export const announcementHandlers = defineHandlers({
  'announcements.create'(ctx, input) {
    const to = recipients(ctx, input)
    const at = ctx.nowIso()
    const id = ctx.sql.run(
      ctx.qb.insertInto('announcements').values({
        ...announcementColumns(input, to),
        author_id: ctx.actor()?.id ?? null,
        created_at: at,
        updated_at: at,
      }),
    ).lastInsertRowid
    ctx.recordChange({ localId: id, input: queued(input, to) })
    return { id, message: 'Announcement Created Successfully' }
  },

  ...defineList('announcements.tabularList', {
    ...announcementOrder,
    query: (ctx) => announcementRows(ctx, (q) => q),
    records: (rows) =>
      rows.map((r) => ({
        id: r.id,
        heading: r.heading,
        author: authorOf(r),
        content: r.content,
        created_at: dateTimeText(r.created_at),
        sent_to: SENT_TO_TEXT[r.sending_rules as keyof typeof SENT_TO_TEXT] ?? r.sending_rules,
      })),
  }),

  'announcements.update'(ctx, input) {
    const current = requireAnnouncement(ctx, input.id)
    const to = recipients(ctx, input)
    const next = announcementColumns(input, to)
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => current[k] !== next[k])
    if (changed) {
      ctx.sql.run(ctx.qb.updateTable('announcements').set({ ...next, updated_at: ctx.nowIso() }).where('id', '=', current.id))
      ctx.recordChange({ localId: current.id, input: { id: current.id, ...queued(input, to) } })
    }
    return { message: 'Announcement Updated Successfully' }
  },

  'announcements.get'(ctx, input) {
    const a = requireAnnouncement(ctx, input.id)
    return {
      id: a.id,
      heading: a.heading,
      content: a.content,
      sending_rules: a.sending_rules,
      expiry: a.expiry,
      user_ids: JSON.parse(a.user_ids) as number[],
      course_ids: JSON.parse(a.course_ids) as number[],
    }
  },

  'announcements.delete'(ctx, input) {
    const ids = [...new Set(input.delete_ids)]
    const found = new Set(ctx.sql.all(ctx.qb.selectFrom('announcements').select('id').where('id', 'in', ids)).map((r) => r.id))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) throw invalid('delete_ids', 'reason.ids_invalid', { field: 'delete_ids', ids: missing.join(', ') })
    for (const id of ids) {
      ctx.sql.run(ctx.qb.deleteFrom('announcements').where('id', '=', id))
      ctx.recordChange({ localId: id, input: { delete_ids: [id] } })
    }
    return { message: `${ids.length} announcement(s) deleted `, deleted: ids }
  },

  ...defineList('announcements.forStudent', {
    ...announcementOrder,
    query: (ctx) => announcementRows(ctx, (q) => forLearner(ctx, q)),
    records: (rows) =>
      rows.map((r) => ({
        id: r.id,
        heading: r.heading,
        content: r.content,
        author: authorOf(r),
        created_at: dateTimeText(r.created_at),
        expiry: r.expiry,
      })),
    extra: (_page, ctx) => {
      const userId = ctx.actor()?.id ?? 0
      const me = userId ? ctx.sql.first(userNameOf(userId)) : undefined
      return { avatar: avatarSvg(userId, me?.first_name ?? '', me?.last_name ?? '') }
    },
  }),
})
