// The Badges admin screen's configuration.
import type { SortKey } from '../../../../shared/operations/lists'
import type { BadgeListRecord } from '../../../../shared/operations/badges'
import type { AdminConfig } from './adminConfig'
import { BadgeIcon } from './BadgeIcon'
import { optional, shown, text } from './values'
import { fetchLms, lmsRead } from '../../data/queries'
import { formatNumber } from '../../lib/format'

type SortColumn = SortKey<'badges.tabularList'>

const iconOptions = () => fetchLms('badges.defaultLookup', {}).then((icons) => icons.map((i) => ({ value: i.url, label: i.value })))

export const badgesAdmin: AdminConfig<BadgeListRecord, SortColumn> = {
  title: 'admin.badges.title',
  noun: 'admin.badges.noun',
  group: 'badge',
  searchLabel: 'admin.badges.search',
  searchPlaceholder: 'admin.badges.titleField',
  defaultSort: { colName: 'created_at', direction: 'desc' },
  read: (q) =>
    lmsRead('badges.tabularList', { page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined, search_param: { title: q.search || undefined } }),
  columns: [
    { key: 'title', header: 'admin.badges.titleField', sortBy: 'title', render: (b) => b.title },
    { key: 'points', header: 'admin.badges.points', sortBy: 'points', render: (b) => (b.points === null ? '' : formatNumber(b.points)) },
    { key: 'icon', header: 'admin.badges.icon', render: (b) => <BadgeIcon url={b.badgeIconUrl} /> },
  ],
  describe: (b) => b.title,
  form: {
    fields: [
      { name: 'title', label: 'admin.badges.titleField', kind: 'text', required: true },
      { name: 'points', label: 'admin.badges.points', kind: 'number' },
      {
        name: 'badgeIconUrl',
        label: 'admin.badges.icon',
        kind: 'select',
        required: true,
        options: iconOptions,
        description: 'admin.badges.iconHelp',
        renderOption: (value) => <BadgeIcon url={value} size={24} decorative />,
      },
      {
        name: 'organizationId',
        label: 'admin.badges.organization',
        kind: 'text',
        description: 'admin.badges.organizationHelp',
      },
    ],
    blank: () => ({ title: '', points: '', badgeIconUrl: '/images/badges/Badge_1.png', organizationId: '' }),
    operations: { get: 'badges.get', create: 'badges.create', update: 'badges.update' },
    toValues: (record) => {
      const b = record as { title: string; points: number | null; badgeIconUrl: string; organizationId: string | null }
      return { title: b.title, points: shown(b.points), badgeIconUrl: b.badgeIconUrl, organizationId: shown(b.organizationId) }
    },
    toInput: (v) => ({ title: text(v, 'title'), points: optional(v, 'points'), badgeIconUrl: text(v, 'badgeIconUrl'), organizationId: optional(v, 'organizationId') }),
  },
  remove: {
    operation: 'badges.delete',
    input: (id) => ({ id: [id] }),
    note: 'admin.badges.deleteNote',
    read: (answer) => answer as { message: string; notDeleted: number[] },
  },
}
