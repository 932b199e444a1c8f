// The Discount Coupons admin screen's configuration.
import type { SortKey } from '../../../../shared/operations/lists'
import type { CouponDetails, CouponListRecord } from '../../../../shared/operations/coupons'
import { lmsRead } from '../../data/queries'
import { t, type MessageId } from '../../i18n'
import type { AdminConfig } from './adminConfig'
import { optional, shown, text } from './values'
import { formatDate, formatNumber, formatPercent } from '../../lib/format'

type SortColumn = SortKey<'coupons.tabularList'>

const TYPE_LABELS: Record<string, MessageId> = { fixed_amount: 'admin.coupons.type.fixed_amount', percent_amount: 'admin.coupons.type.percent_amount' }

export const couponsAdmin: AdminConfig<CouponListRecord, SortColumn> = {
  title: 'admin.coupons.title',
  noun: 'admin.coupons.noun',
  group: 'coupon',
  searchLabel: 'admin.coupons.search',
  searchPlaceholder: 'admin.coupons.searchPlaceholder',
  defaultSort: { colName: 'created_at', direction: 'desc' },
  read: (q) =>
    lmsRead('coupons.tabularList', { page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined, search_param: { code: q.search || undefined } }),
  columns: [
    { key: 'code', header: 'admin.coupons.code', sortBy: 'code', render: (c) => <bdi>{c.code}</bdi> },
    { key: 'type', header: 'admin.coupons.type', sortBy: 'type', render: (c) => (TYPE_LABELS[c.type] ? t(TYPE_LABELS[c.type]) : c.type) },
    { key: 'value', header: 'admin.coupons.value', sortBy: 'value', render: (c) => (c.type === 'percent_amount' ? formatPercent(c.value, 2) : formatNumber(c.value, { maximumFractionDigits: 2 })) },
    { key: 'limit', header: 'admin.coupons.limit', render: (c) => (c.total_limit === null ? t('admin.coupons.unlimited') : formatNumber(c.total_limit)) },
    { key: 'expiry', header: 'admin.coupons.expires', sortBy: 'expiry', render: (c) => formatDate(c.expired_at, t('admin.coupons.never')) },
  ],
  describe: (c) => t('admin.coupons.describe', { code: c.code }),
  form: {
    fields: [
      { name: 'code', label: 'admin.coupons.code', kind: 'text', required: true, description: 'admin.coupons.codeHelp' },
      { name: 'type', label: 'admin.coupons.type', kind: 'select', required: true, options: Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label })) },
      { name: 'value', label: 'admin.coupons.value', kind: 'number', required: true, description: 'admin.coupons.valueHelp' },
      { name: 'usage_limit', label: 'admin.coupons.limit', kind: 'number', description: 'admin.coupons.limitHelp' },
      { name: 'expiry', label: 'admin.coupons.expiresOn', kind: 'date' },
      { name: 'allowed_emails', label: 'admin.coupons.emails', kind: 'text', description: 'admin.coupons.emailsHelp' },
      { name: 'notes', label: 'admin.coupons.notes', kind: 'textarea' },
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
    note: 'admin.coupons.deleteNote',
    read: (answer) => answer as { message: string; notDeleted: number[] },
  },
}
