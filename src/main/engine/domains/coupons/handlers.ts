// Discount coupons: codes unique regardless of case; a coupon an order used stays.
import { COUPON_TYPES } from '../../../../shared/operations/coupons'
import type { OpParsed } from '../../../../shared/operations/index'
import type { EngineContext } from '../../context'
import { defineHandlers } from '../../handlers'
import { invalid, notFound } from '../../errors'
import { dateText } from '../../format'
import { containsText, likeContains, matchesText } from '../../list'
import { defineList } from '../../define-list'
import { sql as rawSql } from 'kysely'

const codeKey = (code: string) => code.trim().toLowerCase()

function requireCoupon(ctx: EngineContext, id: number) {
  const row = ctx.sql.first(ctx.qb.selectFrom('coupons').selectAll().where('id', '=', id))
  if (!row) throw notFound('reason.coupon_not_found', { id: String(id) })
  return row
}

function assertCodeFree(ctx: EngineContext, code: string, exceptId?: number): void {
  let query = ctx.qb.selectFrom('coupons').select('id').where('code_key', '=', codeKey(code))
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  if (ctx.sql.first(query)) throw invalid('code', 'reason.coupon_code_taken', { code })
}

function columns(input: OpParsed<'coupons.create'>) {
  return {
    code: input.code,
    code_key: codeKey(input.code),
    type: input.type,
    value: input.value,
    usage_limit: input.usage_limit,
    expiry: input.expiry,
    allowed_emails: input.allowed_emails,
    notes: input.notes,
  }
}

const queued = (input: OpParsed<'coupons.create'>) => ({
  code: input.code,
  notes: input.notes,
  value: input.value,
  type: input.type,
  usage_limit: input.usage_limit,
  expiry: input.expiry,
  allowed_emails: input.allowed_emails,
})

export const couponHandlers = defineHandlers({
  ...defineList('coupons.tabularList', {
    sort: { id: 'coupons.id', code: 'coupons.code_key', type: 'coupons.type', value: 'coupons.value', created_at: 'coupons.created_at', expiry: 'coupons.expiry' },
    defaultOrder: { colName: 'created_at', direction: 'desc' },
    tieBreaker: 'coupons.id',
    query: (ctx) => ({
      total: ctx.qb.selectFrom('coupons').select('id'),
      rows: ctx.qb.selectFrom('coupons').select(['id', 'code', 'type', 'value', 'usage_limit', 'expiry', 'created_at']),
    }),
    filters: { code: containsText(['coupons.code']) },
    records: (rows) =>
      rows.map((c) => ({
        id: c.id,
        code: c.code,
        type: c.type,
        value: c.value,
        total_limit: c.usage_limit,
        expired_at: c.expiry ? dateText(`${c.expiry}T12:00:00.000Z`) : '',
      })),
  }),

  'coupons.lookup'(ctx, input) {
    // "Retrieves all the coupons" matching the term: none left out.
    let query = ctx.qb.selectFrom('coupons').select(['id', 'code']).orderBy('code_key')
    if (input.search_term) query = query.where(rawSql<boolean>`code LIKE ${likeContains(input.search_term)} ESCAPE '\\'`)
    return ctx.sql.all(query)
  },

  'coupons.typeLookup'() {
    return COUPON_TYPES.map((t) => ({ ...t }))
  },

  'coupons.create'(ctx, input) {
    assertCodeFree(ctx, input.code)
    const at = ctx.nowIso()
    const id = ctx.sql.run(ctx.qb.insertInto('coupons').values({ ...columns(input), created_at: at, updated_at: at })).lastInsertRowid
    ctx.recordChange({ localId: id, input: queued(input) })
    return { id, message: 'Coupon created successfully' }
  },

  'coupons.get'(ctx, input) {
    const c = requireCoupon(ctx, input.id)
    const used = ctx.sql.first(ctx.qb.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('coupon_id', '=', c.id))
    return {
      id: c.id,
      code: c.code,
      type: c.type,
      value: c.value,
      usage_limit: c.usage_limit,
      expiry: c.expiry,
      allowed_emails: c.allowed_emails,
      note_privacy: null,
      notes: c.notes,
      allowed_products: [],
      excluded_products: [],
      allowed_product_categories: [],
      used: Number(used?.n ?? 0),
    }
  },

  'coupons.update'(ctx, input) {
    const current = requireCoupon(ctx, input.id)
    assertCodeFree(ctx, input.code, current.id)
    const next = columns(input)
    if ((Object.keys(next) as (keyof typeof next)[]).some((k) => current[k] !== next[k])) {
      ctx.sql.run(ctx.qb.updateTable('coupons').set({ ...next, updated_at: ctx.nowIso() }).where('id', '=', current.id))
      ctx.recordChange({ localId: current.id, input: { id: current.id, ...queued(input) } })
    }
    return { message: 'Coupon updated successfully' }
  },

  'coupons.delete'(ctx, input) {
    const ids = [...new Set(input.delete_ids)]
    const found = new Set(ctx.sql.all(ctx.qb.selectFrom('coupons').select('id').where('id', 'in', ids)).map((r) => r.id))
    const missing = ids.filter((id) => !found.has(id))
    if (missing.length) throw invalid('delete_ids', 'reason.ids_invalid', { field: 'delete_ids', ids: missing.join(', ') })
    const used = new Set(
      ctx.sql.all(ctx.qb.selectFrom('orders').select('coupon_id').distinct().where('coupon_id', 'in', ids)).map((r) => r.coupon_id),
    )
    const deleted = ids.filter((id) => !used.has(id))
    const notDeleted = ids.filter((id) => used.has(id))
    for (const id of deleted) {
      ctx.sql.run(ctx.qb.deleteFrom('coupons').where('id', '=', id))
      ctx.recordChange({ localId: id, input: { delete_ids: [id] } })
    }
    const message =
      `${deleted.length} coupon(s) deleted` + (notDeleted.length ? ` ${notDeleted.length} coupon(s) not deleted as they are associated with orders` : '')
    return { message, deleted, notDeleted }
  },
})
