import { defineHandlers } from '../../handlers'
import { insertLibraryModule, libraryList, libraryRecord, libraryRows, requireModule, updateLibraryModule } from '../modules/index'
import { defineList } from '../../define-list'

export const discussionHandlers = defineHandlers({
  ...defineList('discussions.list', {
    ...libraryList,
    query: (ctx) => libraryRows(ctx, 'discussion'),
    records: (rows) => rows.map(libraryRecord),
  }),

  'discussions.create'(ctx, input) {
    const id = insertLibraryModule(ctx, 'discussion', {
      name: input.name,
      content: input.content,
      total_points: input.totalPoints,
      submission_type: null,
      allowed_filetypes: '[]',
      should_be_evaluated: input.should_be_evaluated ? 1 : 0,
      min_comments: input.minComments,
    })
    ctx.recordChange({
      localId: id,
      input: { name: input.name, content: input.content, should_be_evaluated: input.should_be_evaluated, totalPoints: input.totalPoints, minComments: input.minComments },
    })
    return { id, message: 'Module saved successfully' }
  },

  'discussions.update'(ctx, input) {
    const current = requireModule(ctx, input.id, 'discussion')
    const changed = updateLibraryModule(ctx, current, {
      name: input.name,
      content: input.content,
      total_points: input.totalPoints,
      should_be_evaluated: input.should_be_evaluated ? 1 : 0,
      min_comments: input.minComments,
    })
    if (changed) {
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
