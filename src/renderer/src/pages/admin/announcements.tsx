// The Announcements admin screen's configuration.
import type { SortKey } from '../../../../shared/operations/lists'
import type { AnnouncementDetails, AnnouncementListRecord } from '../../../../shared/operations/announcements'
import type { AdminConfig } from './adminConfig'
import { list, optional, shown, text } from './values'
import { formatDate } from '../../lib/format'
import { lmsRead } from '../../data/queries'
import { courseLabels, searchCourses, searchUsers, userLabels } from '../../lib/pickers'

type SortColumn = SortKey<'announcements.tabularList'>

// Every user and course of the site can be chosen: searched on the server, and the chosen
// ones of an announcement being edited named by id.
const userPicker = { search: searchUsers(), labelsOf: userLabels, noun: 'user' } as const
const coursePicker = { search: searchCourses(), labelsOf: courseLabels, noun: 'course' } as const

export const announcementsAdmin: AdminConfig<AnnouncementListRecord, SortColumn> = {
  title: 'admin.announcements.title',
  noun: 'admin.announcements.noun',
  group: 'announcement',
  searchLabel: 'admin.announcements.search',
  searchPlaceholder: 'admin.announcements.heading',
  defaultSort: { colName: 'created_at', direction: 'desc' },
  read: (q) =>
    lmsRead('announcements.tabularList', {
      page_size: q.pageSize,
      page_number: q.page,
      order_by: q.sort ?? undefined,
      search_param: { heading: q.search || undefined },
    }),
  columns: [
    { key: 'heading', header: 'admin.announcements.heading', sortBy: 'heading', render: (a) => a.heading },
    { key: 'sent_to', header: 'admin.announcements.sentTo', render: (a) => a.sent_to },
    { key: 'author', header: 'admin.announcements.author', render: (a) => a.author },
    { key: 'created_at', header: 'admin.announcements.created', sortBy: 'created_at', render: (a) => formatDate(a.created_at) },
  ],
  describe: (a) => a.heading,
  form: {
    fields: [
      { name: 'heading', label: 'admin.announcements.heading', kind: 'text', required: true },
      { name: 'content', label: 'admin.announcements.content', kind: 'textarea', required: true },
      { name: 'expiry', label: 'admin.announcements.shownUntil', kind: 'date', description: 'admin.announcements.shownUntilHelp' },
      {
        name: 'sending_rules',
        label: 'admin.announcements.sendTo',
        kind: 'select',
        required: true,
        options: [
          { value: 'all', label: 'admin.announcements.everyone' },
          { value: 'specific_users', label: 'admin.announcements.specificUsers' },
          { value: 'specific_course_users', label: 'admin.announcements.specificCourses' },
        ],
      },
      { name: 'user_ids', label: 'admin.announcements.users', kind: 'multiselect', picker: userPicker, visibleWhen: (v) => v.sending_rules === 'specific_users' },
      { name: 'course_ids', label: 'admin.announcements.courses', kind: 'multiselect', picker: coursePicker, visibleWhen: (v) => v.sending_rules === 'specific_course_users' },
    ],
    blank: () => ({ heading: '', content: '', expiry: '', sending_rules: 'all', user_ids: [], course_ids: [] }),
    operations: { get: 'announcements.get', create: 'announcements.create', update: 'announcements.update' },
    toValues: (record) => {
      const a = record as AnnouncementDetails
      return { heading: a.heading, content: a.content, expiry: shown(a.expiry), sending_rules: a.sending_rules, user_ids: shown(a.user_ids ?? []), course_ids: shown(a.course_ids ?? []) }
    },
    toInput: (v) => ({
      heading: text(v, 'heading'),
      content: text(v, 'content'),
      expiry: optional(v, 'expiry'),
      sending_rules: text(v, 'sending_rules'),
      user_ids: list(v, 'user_ids').map(Number),
      course_ids: list(v, 'course_ids').map(Number),
    }),
  },
  remove: {
    operation: 'announcements.delete',
    input: (id) => ({ delete_ids: [id] }),
    read: (answer) => ({ message: (answer as { message: string }).message, notDeleted: [] }),
  },
}
