// The Announcements admin screen's configuration.
import type { AnnouncementDetails, AnnouncementListRecord } from '../../../../shared/operations/announcements'
import type { AdminConfig } from './adminConfig'
import { list, optional, shown, text } from './values'
import { formatDate } from '../../lib/format'
import { lmsRead } from '../../data/queries'
import { courseLabels, searchCourses, searchUsers, userLabels } from '../../lib/pickers'

type SortColumn = 'id' | 'heading' | 'created_at' | 'expiry'

// Every user and course of the site can be chosen: searched on the server, and the chosen
// ones of an announcement being edited named by id.
const userPicker = { search: searchUsers(), labelsOf: userLabels, noun: ['user', 'users'] } as const
const coursePicker = { search: searchCourses(), labelsOf: courseLabels, noun: ['course', 'courses'] } as const

export const announcementsAdmin: AdminConfig<AnnouncementListRecord, SortColumn> = {
  title: 'Announcements',
  noun: 'announcements',
  singular: 'announcement',
  searchLabel: 'Search announcements',
  searchPlaceholder: 'Heading',
  defaultSort: { colName: 'created_at', direction: 'desc' },
  read: (q) =>
    lmsRead('announcements.tabularList', {
      page_size: q.pageSize,
      page_number: q.page,
      order_by: q.sort ?? undefined,
      search_param: { heading: q.search || undefined },
    }),
  columns: [
    { key: 'heading', header: 'Heading', sortBy: 'heading', render: (a) => a.heading },
    { key: 'sent_to', header: 'Sent to', render: (a) => a.sent_to },
    { key: 'author', header: 'Author', render: (a) => a.author },
    { key: 'created_at', header: 'Created', sortBy: 'created_at', render: (a) => formatDate(a.created_at) },
  ],
  describe: (a) => a.heading,
  form: {
    fields: [
      { name: 'heading', label: 'Heading', kind: 'text', required: true },
      { name: 'content', label: 'Content', kind: 'textarea', required: true },
      { name: 'expiry', label: 'Shown until', kind: 'date', description: 'Leave empty to show it until it is deleted.' },
      {
        name: 'sending_rules',
        label: 'Send to',
        kind: 'select',
        required: true,
        options: [
          { value: 'all', label: 'Everyone' },
          { value: 'specific_users', label: 'Specific users' },
          { value: 'specific_course_users', label: 'Learners of specific courses' },
        ],
      },
      { name: 'user_ids', label: 'Users', kind: 'multiselect', picker: userPicker, visibleWhen: (v) => v.sending_rules === 'specific_users' },
      { name: 'course_ids', label: 'Courses', kind: 'multiselect', picker: coursePicker, visibleWhen: (v) => v.sending_rules === 'specific_course_users' },
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
