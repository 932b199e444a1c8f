// Discount Coupons group. Codes are unique (case-insensitive); a percentage is between 0
// and 100; a coupon an order used cannot be deleted.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id, idList, listParams, type ListPage } from '../contract/list-params'
import { oneOf, optionalDate, optionalInt, optionalString, requiredString } from '../contract/fields'

export const COUPON_TYPES = [
  { db_value: 'fixed_amount', display_value: 'Fixed cart discount' },
  { db_value: 'percent_amount', display_value: 'Percentage Discount' },
] as const
const TYPE_VALUES = ['fixed_amount', 'percent_amount'] as const

const value = z
  .union([z.number(), z.string().trim().regex(/^\d{1,12}(\.\d{1,4})?$/, { error: 'The value must be a number.' })], {
    error: (iss) => (iss.input === undefined || iss.input === null ? 'The value field is required.' : 'The value must be a number.'),
  })
  .transform(Number)
  .pipe(z.number().min(0, { error: 'The value must be at least 0.' }).max(100_000_000, { error: 'The value is too large.' }))

// The reference's own example sends the text "null" for no emails (a form's null, stringified).
const allowedEmails = optionalString('allowed emails', 5000)
  .transform((v) => (v === null || v.toLowerCase() === 'null' ? null : v))
  .superRefine((v, ctx) => {
    if (v === null) return
    const bad = v
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '' && !z.email().safeParse(e).success)
    if (bad.length) ctx.addIssue({ code: 'custom', message: `The allowed emails must be valid addresses separated by commas; not valid: ${bad.slice(0, 5).join(', ')}.` })
  })

const couponBody = {
  code: requiredString('code', 64).pipe(z.string().regex(/^\S+$/, { error: 'The code may not contain spaces.' })),
  notes: optionalString('notes', 5000),
  value,
  type: oneOf('type', TYPE_VALUES),
  usage_limit: optionalInt('usage limit', 0, 100_000_000),
  expiry: optionalDate('expiry'),
  allowed_emails: allowedEmails,
}

function percentInBounds(v: { type: string; value: number }, ctx: z.RefinementCtx): void {
  if (v.type === 'percent_amount' && v.value > 100) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'A percentage discount must be between 0 and 100.' })
  }
}

export interface CouponListRecord {
  id: number
  code: string
  type: string
  value: number
  total_limit: number | null
  expired_at: string
}

export interface CouponDetails {
  id: number
  code: string
  type: string
  value: number
  usage_limit: number | null
  expiry: string | null
  allowed_emails: string | null
  note_privacy: null
  notes: string | null
  allowed_products: number[]
  excluded_products: number[]
  allowed_product_categories: number[]
  used: number
}

export const couponsTabularList = defineOperation({
  name: 'coupons.tabularList',
  summary: 'Coupons in pages, searched by code',
  kind: 'read',
  method: 'GET',
  route: 'api/coupons/tabularlist',
  input: z.object(listParams(['id', 'code', 'type', 'value', 'created_at', 'expiry'] as const, z.object({ code: z.string().max(64).optional() }))),
  output: returns<ListPage<CouponListRecord>>(),
})

export const couponsLookup = defineOperation({
  name: 'coupons.lookup',
  summary: 'Coupons whose code contains the search term',
  kind: 'read',
  method: 'GET',
  route: 'api/coupons/lookup',
  input: z.object({ search_term: z.string().trim().max(64).optional().default('') }),
  output: returns<{ id: number; code: string }[]>(),
})

export const couponsTypeLookup = defineOperation({
  name: 'coupons.typeLookup',
  summary: 'The coupon types',
  kind: 'read',
  method: 'GET',
  route: 'api/coupons/type/lookup',
  input: z.object({}),
  output: returns<{ db_value: string; display_value: string }[]>(),
})

export const couponsCreate = defineOperation({
  name: 'coupons.create',
  summary: 'Create a coupon',
  kind: 'write',
  method: 'POST',
  route: 'api/coupon/create',
  input: z.object(couponBody).superRefine(percentInBounds),
  output: returns<{ id: number; message: string }>(),
  sync: { entity: 'coupon', refs: {} },
})

export const couponsGet = defineOperation({
  name: 'coupons.get',
  summary: 'One coupon',
  kind: 'read',
  method: 'GET',
  route: 'api/coupon/{id}',
  input: z.object({ id }),
  output: returns<CouponDetails>(),
})

export const couponsUpdate = defineOperation({
  name: 'coupons.update',
  summary: 'Update a coupon',
  kind: 'write',
  method: 'PUT',
  route: 'api/coupon/{id}',
  input: z.object({ id, ...couponBody }).superRefine(percentInBounds),
  output: returns<{ message: string }>(),
  sync: { entity: 'coupon', refs: { id: 'coupon' } },
})

export const couponsDelete = defineOperation({
  name: 'coupons.delete',
  summary: 'Delete coupons no order used',
  kind: 'write',
  method: 'POST',
  route: 'api/coupon/delete',
  input: z.object({ delete_ids: idList.min(1, { error: 'The delete ids field is required.' }) }),
  output: returns<{ message: string; deleted: number[]; notDeleted: number[] }>(),
  sync: { entity: 'coupon', refs: { delete_ids: 'coupon' } },
})

export const couponOperations = [couponsTabularList, couponsLookup, couponsTypeLookup, couponsCreate, couponsGet, couponsUpdate, couponsDelete] as const
