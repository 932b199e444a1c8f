import { defineHandlers } from '../../handlers'
import { freeModuleSlug, listLibrary, MODULE_ICONS, requireModule } from '../modules/library'

export const discussionHandlers = defineHandlers({
  'discussions.list'(ctx, input) {
    const page = listLibrary(ctx, 'discussion', input)
    return {
      recordsTotal: page.recordsTotal,
      recordsFiltered: page.recordsFiltered,
      records: page.rows.map((m) => ({
        id: m.id,
        name: m.name,
        slug: m.slug,
        type: m.type,
        totalPoints: m.total_points ?? 0,
        icon: m.icon,
        author: m.author,
        created_at: m.created_at,
      })),
    }
  },

  'discussions.create'(ctx, input) {
    const at = ctx.nowIso()
    const { lastInsertRowid: id } = ctx.sql.run(
      ctx.qb.insertInto('modules').values({
        name: input.name,
        slug: freeModuleSlug(ctx, 'discussion', input.name),
        type: 'discussion',
        icon: MODULE_ICONS.discussion,
        content: input.content,
        total_points: input.totalPoints,
        submission_type: null,
        allowed_filetypes: '[]',
        should_be_evaluated: input.should_be_evaluated ? 1 : 0,
        min_comments: input.minComments,
        author_id: ctx.actor()?.id ?? null,
        created_at: at,
        updated_at: at,
      }),
    )
    ctx.recordChange({
      localId: id,
      input: { name: input.name, content: input.content, should_be_evaluated: input.should_be_evaluated, totalPoints: input.totalPoints, minComments: input.minComments },
    })
    return { id, message: 'Module saved successfully' }
  },

  'discussions.update'(ctx, input) {
    const current = requireModule(ctx, input.id, 'discussion')
    const next = {
      name: input.name,
      content: input.content,
      total_points: input.totalPoints,
      should_be_evaluated: input.should_be_evaluated ? 1 : 0,
      min_comments: input.minComments,
    }
    if ((Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== current[k])) {
      const slug = next.name === current.name ? current.slug : freeModuleSlug(ctx, 'discussion', next.name, current.id)
      ctx.sql.run(ctx.qb.updateTable('modules').set({ ...next, slug, updated_at: ctx.nowIso() }).where('id', '=', current.id))
      ctx.recordChange({
        localId: current.id,
        input: { id: current.id, name: input.name, content: input.content, should_be_evaluated: input.should_be_evaluated, totalPoints: input.totalPoints, minComments: input.minComments },
      })
    }
    return { message: 'Module updated successfully' }
  },

  'discussions.get'(ctx, input) {
    const m = requireModule(ctx, input.id, 'discussion')
    return {
      name: m.name,
      slug: m.slug,
      content: m.content ?? '',
      totalPoints: m.total_points ?? 0,
      should_be_evaluated: m.should_be_evaluated === 1,
      minComments: m.min_comments,
    }
  },
})
