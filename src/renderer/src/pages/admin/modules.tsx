// The module library's admin screens (Assignments and Discussions groups): the documented
// API lists, creates, reads and updates these modules but has no delete.
import { FILE_TYPE_EXTENSIONS } from '../../../../shared/contract/files'
import { SUBMISSION_TYPES, type AssignmentListRecord } from '../../../../shared/operations/assignments'
import type { DiscussionListRecord } from '../../../../shared/operations/discussions'
import type { MODULE_LIST_COLUMNS } from '../../../../shared/operations/module-library'
import { lmsRead } from '../../data/queries'
import type { AdminConfig } from './adminConfig'
import { list, optional, shown, text } from './values'
import { formatDate } from '../../lib/format'

type SortColumn = (typeof MODULE_LIST_COLUMNS)[number]

const libraryList = {
  searchPlaceholder: 'Module name',
  defaultSort: { colName: 'created_at', direction: 'desc' } as const,
}

export const assignmentsAdmin: AdminConfig<AssignmentListRecord, SortColumn> = {
  ...libraryList,
  title: 'Assignments',
  noun: 'assignments',
  singular: 'assignment',
  searchLabel: 'Search assignments',
  read: (q) =>
    lmsRead('assignments.list', { page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined, search_param: { moduleName: q.search || undefined } }),
  columns: [
    { key: 'name', header: 'Name', sortBy: 'name', render: (a) => a.name },
    { key: 'submission', header: 'Submission', render: (a) => a.submissionType },
    { key: 'points', header: 'Total points', sortBy: 'totalPoints', render: (a) => a.totalPoints },
    { key: 'author', header: 'Author', render: (a) => a.author },
    { key: 'created', header: 'Created', sortBy: 'created_at', render: (a) => formatDate(a.created_at) },
  ],
  describe: (a) => `assignment "${a.name}"`,
  form: {
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'content', label: 'Instructions', kind: 'textarea', required: true },
      { name: 'submission_type', label: 'Learners submit', kind: 'select', required: true, options: SUBMISSION_TYPES.map((t) => ({ value: t, label: t === 'file' ? 'A file' : 'Text' })) },
      {
        name: 'allowed_filetypes',
        label: 'Allowed file types',
        kind: 'multiselect',
        options: Object.keys(FILE_TYPE_EXTENSIONS).map((t) => ({ value: t, label: t })),
        visibleWhen: (v) => v.submission_type === 'file',
      },
      { name: 'totalPoints', label: 'Total points', kind: 'number' },
    ],
    blank: () => ({ name: '', content: '', submission_type: 'text', allowed_filetypes: [], totalPoints: '' }),
    operations: { get: 'assignments.get', create: 'assignments.create', update: 'assignments.update' },
    toValues: (record) => {
      const a = record as { name: string; content: string; submission_type: string; allowed_filetypes: string[]; totalPoints: number | null }
      return { name: a.name, content: a.content, submission_type: a.submission_type, allowed_filetypes: a.allowed_filetypes ?? [], totalPoints: shown(a.totalPoints) }
    },
    toInput: (v) => ({
      name: text(v, 'name'),
      content: text(v, 'content'),
      submission_type: text(v, 'submission_type'),
      allowed_filetypes: text(v, 'submission_type') === 'file' ? list(v, 'allowed_filetypes') : [],
      totalPoints: optional(v, 'totalPoints'),
    }),
  },
}

export const discussionsAdmin: AdminConfig<DiscussionListRecord, SortColumn> = {
  ...libraryList,
  title: 'Discussions',
  noun: 'discussions',
  singular: 'discussion',
  searchLabel: 'Search discussions',
  read: (q) =>
    lmsRead('discussions.list', { page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined, search_param: { moduleName: q.search || undefined } }),
  columns: [
    { key: 'name', header: 'Name', sortBy: 'name', render: (d) => d.name },
    { key: 'points', header: 'Total points', sortBy: 'totalPoints', render: (d) => d.totalPoints },
    { key: 'author', header: 'Author', render: (d) => d.author },
    { key: 'created', header: 'Created', sortBy: 'created_at', render: (d) => formatDate(d.created_at) },
  ],
  describe: (d) => `discussion "${d.name}"`,
  form: {
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'content', label: 'Topic', kind: 'textarea', required: true },
      {
        name: 'should_be_evaluated',
        label: 'Evaluated',
        kind: 'select',
        required: true,
        options: [
          { value: 'false', label: 'No: taking part is enough' },
          { value: 'true', label: 'Yes: a minimum number of comments passes' },
        ],
      },
      { name: 'minComments', label: 'Minimum comments', kind: 'number', visibleWhen: (v) => v.should_be_evaluated === 'true' },
      { name: 'totalPoints', label: 'Total points', kind: 'number' },
    ],
    blank: () => ({ name: '', content: '', should_be_evaluated: 'false', minComments: '', totalPoints: '' }),
    operations: { get: 'discussions.get', create: 'discussions.create', update: 'discussions.update' },
    toValues: (record) => {
      const d = record as { name: string; content: string; should_be_evaluated: boolean; minComments: number | null; totalPoints: number | null }
      return { name: d.name, content: d.content, should_be_evaluated: String(d.should_be_evaluated), minComments: shown(d.minComments), totalPoints: shown(d.totalPoints) }
    },
    toInput: (v) => ({
      name: text(v, 'name'),
      content: text(v, 'content'),
      should_be_evaluated: text(v, 'should_be_evaluated') === 'true',
      minComments: text(v, 'should_be_evaluated') === 'true' ? optional(v, 'minComments') : null,
      totalPoints: optional(v, 'totalPoints'),
    }),
  },
}
