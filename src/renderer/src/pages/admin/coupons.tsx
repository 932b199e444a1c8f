// The Discount Coupons admin screen's configuration.
import { COUPON_TYPES, type CouponDetails, type CouponListRecord } from '../../../../shared/operations/coupons'
import { lmsRead } from '../../data/queries'
import type { AdminConfig } from './adminConfig'
import { optional, shown, text } from './values'
import { formatDate, formatNumber, formatPercent } from '../../lib/format'

type SortColumn = 'id' | 'code' | 'type' | 'value' | 'created_at' | 'expiry'

const typeText = Object.fromEntries(COUPON_TYPES.map((t) => [t.db_value, t.display_value]))

export const couponsAdmin: AdminConfig<CouponListRecord, SortColumn> = {
  title: 'Coupons',
  noun: 'coupons',
  singular: 'coupon',
  searchLabel: 'Search coupons',
  searchPlaceholder: 'Code',
  defaultSort: { colName: 'created_at', direction: 'desc' },
  read: (q) =>
    lmsRead('coupons.tabularList', { page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined, search_param: { code: q.search || undefined } }),
  columns: [
    { key: 'code', header: 'Code', sortBy: 'code', render: (c) => c.code },
    { key: 'type', header: 'Type', sortBy: 'type', render: (c) => typeText[c.type] ?? c.type },
    { key: 'value', header: 'Value', sortBy: 'value', render: (c) => (c.type === 'percent_amount' ? formatPercent(c.value, 2) : formatNumber(c.value, { maximumFractionDigits: 2 })) },
    { key: 'limit', header: 'Usage limit', render: (c) => (c.total_limit === null ? 'Unlimited' : formatNumber(c.total_limit)) },
    { key: 'expiry', header: 'Expires', sortBy: 'expiry', render: (c) => formatDate(c.expired_at, 'Never') },
  ],
  describe: (c) => `coupon ${c.code}`,
  form: {
    fields: [
      { name: 'code', label: 'Code', kind: 'text', required: true, description: 'Unique; no spaces.' },
      { name: 'type', label: 'Type', kind: 'select', required: true, options: COUPON_TYPES.map((t) => ({ value: t.db_value, label: t.display_value })) },
      { name: 'value', label: 'Value', kind: 'number', required: true, description: 'An amount, or a percentage between 0 and 100.' },
      { name: 'usage_limit', label: 'Usage limit', kind: 'number', description: 'Leave empty for no limit.' },
      { name: 'expiry', label: 'Expires on', kind: 'date' },
      { name: 'allowed_emails', label: 'Allowed emails', kind: 'text', description: 'Comma-separated; leave empty for anyone.' },
      { name: 'notes', label: 'Notes', kind: 'textarea' },
    ],
    blank: () => ({ code: '', type: 'percent_amount', value: '', usage_limit: '', expiry: '', allowed_emails: '', notes: '' }),
    operations: { get: 'coupons.get', create: 'coupons.create', update: 'coupons.update' },
    toValues: (record) => {
      const c = record as CouponDetails
      return { code: c.code, type: c.type, value: shown(c.value), usage_limit: shown(c.usage_limit), expiry: shown(c.expiry), allowed_emails: shown(c.allowed_emails), notes: shown(c.notes) }
    },
    toInput: (v) => ({
      code: text(v, 'code'),
      type: text(v, 'type'),
      value: text(v, 'value'),
      usage_limit: optional(v, 'usage_limit'),
      expiry: optional(v, 'expiry'),
      allowed_emails: optional(v, 'allowed_emails'),
      notes: optional(v, 'notes'),
    }),
  },
  remove: {
    operation: 'coupons.delete',
    input: (id) => ({ delete_ids: [id] }),
    note: 'A coupon that an order used is not deleted.',
    read: (answer) => answer as { message: string; notDeleted: number[] },
  },
}
