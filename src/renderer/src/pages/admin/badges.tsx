// The Badges admin screen's configuration.
import type { BadgeListRecord } from '../../../../shared/operations/badges'
import type { AdminConfig } from './adminConfig'
import { BadgeIcon } from './BadgeIcon'
import { optional, shown, text } from './values'
import { fetchLms, lmsRead } from '../../data/queries'

type SortColumn = 'id' | 'title' | 'points' | 'created_at'

const iconOptions = () => fetchLms('badges.defaultLookup', {}).then((icons) => icons.map((i) => ({ value: i.url, label: i.value })))

export const badgesAdmin: AdminConfig<BadgeListRecord, SortColumn> = {
  title: 'Badges',
  noun: 'badges',
  singular: 'badge',
  searchLabel: 'Search badges',
  searchPlaceholder: 'Title',
  defaultSort: { colName: 'created_at', direction: 'desc' },
  read: (q) =>
    lmsRead('badges.tabularList', { page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined, search_param: { title: q.search || undefined } }),
  columns: [
    { key: 'title', header: 'Title', sortBy: 'title', render: (b) => b.title },
    { key: 'points', header: 'Points', sortBy: 'points', render: (b) => b.points },
    { key: 'icon', header: 'Icon', render: (b) => <BadgeIcon url={b.badgeIconUrl} /> },
  ],
  describe: (b) => b.title,
  form: {
    fields: [
      { name: 'title', label: 'Title', kind: 'text', required: true },
      { name: 'points', label: 'Points', kind: 'number' },
      {
        name: 'badgeIconUrl',
        label: 'Icon',
        kind: 'select',
        required: true,
        options: iconOptions,
        description: 'One of the built-in badge images.',
        renderOption: (value) => <BadgeIcon url={value} size={24} decorative />,
      },
      {
        name: 'organizationId',
        label: 'Organization ID',
        kind: 'text',
        description:
          'The hosted LMS’s identifier of the organization the badge belongs to (such as AOM1234), for sites that keep badges per organization. Leave it empty otherwise.',
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
    note: 'A badge that learners hold is not deleted.',
    read: (answer) => answer as { message: string; notDeleted: number[] },
  },
}
