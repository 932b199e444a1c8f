// Categories: one table, five kinds; names unique within a kind (case-insensitive).
import { sql as rawSql } from 'kysely'
import { CATEGORY_TYPE_OF, type CategoryType } from '../../../../shared/operations/categories'
import type { EngineContext } from '../../context'
import { defineHandlers } from '../../handlers'
import { invalid, notFound } from '../../errors'
import { dateTimeText } from '../../format'
import { matchesText } from '../../list'
import { defineList, listSpec } from '../../define-list'
import { sortKeyOf } from '../../db/sort-key'

function requireCategory(ctx: EngineContext, id: number) {
  const row = ctx.sql.first(ctx.qb.selectFrom('categories').selectAll().where('id', '=', id))
  if (!row) throw notFound('reason.category_not_found', { id: String(id) })
  return row
}

function assertNameFree(ctx: EngineContext, type: string, name: string, exceptId?: number): void {
  let query = ctx.qb
    .selectFrom('categories')
    .select('id')
    .where('type', '=', type)
    .where(rawSql<boolean>`lower(name) = lower(${name})`)
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  if (ctx.sql.first(query)) throw invalid('category_name', 'reason.category_taken', { type, name })
}

/** "2020-08-10 12:43:12", the form the reference's category detail uses. */
const sqlDateTime = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) : null)

function lookup(ctx: EngineContext, type: CategoryType) {
  return ctx.sql.all(ctx.qb.selectFrom('categories').select(['id', 'name']).where('type', '=', type).orderBy(sortKeyOf('name')).orderBy('id'))
}

/** The categories of one type; the four category lists are declared alike. */
const categoryList = (type: CategoryType) =>
  listSpec<'categories.courseList'>()({
    sort: { id: 'categories.id', name: sortKeyOf('categories.name'), created_at: 'categories.created_at', count: 'count', author: 'author.first_name_key' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'categories.id',
    query: (ctx) => {
      const base = ctx.qb.selectFrom('categories').where('categories.type', '=', type)
      // Only courses hold categories here; the other kinds' holders are not kept offline.
      const used =
        type === 'course'
          ? rawSql<number>`(SELECT count(*) FROM course_categories cc WHERE cc.category_id = categories.id)`
          : rawSql<number>`0`
      return {
        total: base.select('categories.id'),
        rows: base
          .leftJoin('users as author', 'author.id', 'categories.author_id')
          .select(['categories.id', 'categories.name', 'categories.created_at', 'author.first_name as author_first', 'author.last_name as author_last'])
          .select(used.as('count')),
      }
    },
    filters: { categoryName: (name) => (name.trim() ? matchesText(['categories.name'], name.trim()) : undefined) },
    records: (rows) =>
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        author: r.author_first === null ? 'LMS Offline' : `${r.author_first} ${r.author_last ?? ''}`.trim(),
        count: Number(r.count),
        created_at: dateTimeText(r.created_at),
      })),
  })

export const categoryHandlers = defineHandlers({
  'categories.productLookup': (ctx) => lookup(ctx, CATEGORY_TYPE_OF['categories.productLookup']),
  'categories.courseLookup': (ctx) => lookup(ctx, CATEGORY_TYPE_OF['categories.courseLookup']),
  'categories.moduleLookup': (ctx) => lookup(ctx, CATEGORY_TYPE_OF['categories.moduleLookup']),
  'categories.questionLookup': (ctx) => lookup(ctx, CATEGORY_TYPE_OF['categories.questionLookup']),
  'categories.userLookup': (ctx) => lookup(ctx, CATEGORY_TYPE_OF['categories.userLookup']),
  ...defineList('categories.courseList', categoryList('course')),
  ...defineList('categories.moduleList', categoryList('module')),
  ...defineList('categories.productList', categoryList('product')),
  ...defineList('categories.questionList', categoryList('question')),

  'categories.create'(ctx, input) {
    assertNameFree(ctx, input.categoryType, input.category_name)
    const at = ctx.nowIso()
    const id = ctx.sql.run(
      ctx.qb.insertInto('categories').values({
        name: input.category_name,
        type: input.categoryType,
        author_id: ctx.actor()?.id ?? null,
        updated_by_id: null,
        created_at: at,
        updated_at: at,
      }),
    ).lastInsertRowid
    ctx.recordChange({ localId: id, input: { category_name: input.category_name, categoryType: input.categoryType } })
    return { message: 'Category Created Successfully', id }
  },

  'categories.update'(ctx, input) {
    const current = requireCategory(ctx, input.id)
    if (current.name !== input.category_name) {
      assertNameFree(ctx, current.type, input.category_name, current.id)
      ctx.sql.run(
        ctx.qb
          .updateTable('categories')
          .set({ name: input.category_name, updated_by_id: ctx.actor()?.id ?? null, updated_at: ctx.nowIso() })
          .where('id', '=', current.id),
      )
      ctx.recordChange({ localId: current.id, input: { id: current.id, category_name: input.category_name } })
    }
    return { message: 'Category Updated Successfully' }
  },

  'categories.get'(ctx, input) {
    const c = requireCategory(ctx, input.id)
    return {
      id: c.id,
      name: c.name,
      type: c.type,
      created_by: c.author_id,
      updated_by: c.updated_by_id,
      deleted_by: null,
      created_at: sqlDateTime(c.created_at) ?? '',
      updated_at: sqlDateTime(c.updated_at),
      deleted_at: null,
    }
  },

  'categories.delete'(ctx, input) {
    const ids = [...new Set(input.delete_ids)]
    const found = new Set(ctx.sql.all(ctx.qb.selectFrom('categories').select('id').where('id', 'in', ids)).map((r) => r.id))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) throw invalid('delete_ids', 'reason.ids_invalid', { field: 'delete_ids', ids: missing.join(', ') })
    for (const id of ids) {
      // Courses keep going without the category (the link rows go with it).
      ctx.sql.run(ctx.qb.deleteFrom('course_categories').where('category_id', '=', id))
      ctx.sql.run(ctx.qb.deleteFrom('categories').where('id', '=', id))
      ctx.recordChange({ localId: id, input: { delete_ids: [id] } })
    }
    return { message: `${ids.length} category(s) deleted `, deleted: ids }
  },
})
