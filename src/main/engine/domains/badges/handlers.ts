// Badges: a badge a learner holds cannot be deleted (the hosted LMS says so per badge).
import { DEFAULT_BADGES } from '../../../../shared/operations/badges'
import type { EngineContext } from '../../context'
import { defineHandlers } from '../../handlers'
import { invalid, notFound } from '../../errors'
import { matchesText } from '../../list'
import { defineList } from '../../define-list'
import { sortKeyOf } from '../../db/sort-key'

function requireBadge(ctx: EngineContext, id: number) {
  const row = ctx.sql.first(ctx.qb.selectFrom('badges').selectAll().where('id', '=', id))
  if (!row) throw notFound('reason.badge_not_found', { id: String(id) })
  return row
}

export const badgeHandlers = defineHandlers({
  ...defineList('badges.tabularList', {
    sort: { id: 'badges.id', title: sortKeyOf('badges.title'), points: 'badges.points', created_at: 'badges.created_at' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'badges.id',
    query: (ctx) => ({
      total: ctx.qb.selectFrom('badges').select('id'),
      rows: ctx.qb.selectFrom('badges').select(['id', 'title', 'badge_icon_url', 'points', 'created_at']),
    }),
    filters: { title: (title) => (title.trim() ? matchesText(['badges.title'], title.trim()) : undefined) },
    records: (rows) => rows.map((b) => ({ id: b.id, title: b.title, badgeIconUrl: b.badge_icon_url, points: b.points ?? 0 })),
  }),

  'badges.create'(ctx, input) {
    const at = ctx.nowIso()
    const id = ctx.sql.run(
      ctx.qb.insertInto('badges').values({
        title: input.title,
        points: input.points,
        badge_icon_url: input.badgeIconUrl,
        default_icon_url: input.defaultIconUrl,
        organization_id: input.organizationId,
        created_at: at,
        updated_at: at,
      }),
    ).lastInsertRowid
    ctx.recordChange({ localId: id, input: { title: input.title, points: input.points, badgeIconUrl: input.badgeIconUrl, defaultIconUrl: input.defaultIconUrl, organizationId: input.organizationId } })
    return { id, message: 'Badge created successfully' }
  },

  'badges.defaultLookup'() {
    return DEFAULT_BADGES.map((b) => ({ ...b }))
  },

  'badges.get'(ctx, input) {
    const b = requireBadge(ctx, input.id)
    return { id: b.id, title: b.title, points: b.points, organizationId: b.organization_id, badgeIconUrl: b.badge_icon_url, defaultIconUrl: b.default_icon_url }
  },

  'badges.update'(ctx, input) {
    const current = requireBadge(ctx, input.id)
    const next = {
      title: input.title,
      points: input.points,
      badge_icon_url: input.badgeIconUrl,
      default_icon_url: input.defaultIconUrl,
      organization_id: input.organizationId,
    }
    if ((Object.keys(next) as (keyof typeof next)[]).some((k) => current[k] !== next[k])) {
      ctx.sql.run(ctx.qb.updateTable('badges').set({ ...next, updated_at: ctx.nowIso() }).where('id', '=', current.id))
      const { id: _id, ...fields } = input
      ctx.recordChange({ localId: current.id, input: { id: current.id, ...fields } })
    }
    return { id: current.id, message: 'Badge updated successfully' }
  },

  'badges.delete'(ctx, input) {
    const ids = input.id
    if (ids.length) {
      const found = new Set(ctx.sql.all(ctx.qb.selectFrom('badges').select('id').where('id', 'in', ids)).map((r) => r.id))
      const missing = ids.filter((id) => !found.has(id))
      if (missing.length) throw invalid('id', 'reason.ids_invalid', { field: 'ids', ids: missing.join(', ') })
    }
    const held = new Set(
      ids.length ? ctx.sql.all(ctx.qb.selectFrom('user_badges').select('badge_id').distinct().where('badge_id', 'in', ids)).map((r) => r.badge_id) : [],
    )
    const deleted = ids.filter((id) => !held.has(id))
    const notDeleted = ids.filter((id) => held.has(id))
    for (const id of deleted) {
      ctx.sql.run(ctx.qb.deleteFrom('badges').where('id', '=', id))
      ctx.recordChange({ localId: id, input: { id: [id] } })
    }
    // Gamification events are not kept offline, so none holds a badge here.
    return {
      message: `${deleted.length} badge(s) deleted. ${notDeleted.length} badge(s) not deleted as they are assigned to users. 0 badge(s) not deleted as they are used in gamification events.`,
      deleted,
      notDeleted,
    }
  },
})
