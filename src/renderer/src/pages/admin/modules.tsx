// The module library's admin screens (Assignments and Discussions groups): the documented
// API lists, creates, reads and updates these modules but has no delete.
import { FILE_TYPE_EXTENSIONS } from '../../../../shared/contract/files'
import { SUBMISSION_TYPES, type AssignmentListRecord } from '../../../../shared/operations/assignments'
import type { DiscussionListRecord } from '../../../../shared/operations/discussions'
import type { SortKey } from '../../../../shared/operations/lists'
import { lmsRead } from '../../data/queries'
import type { AdminConfig } from './adminConfig'
import { list, optional, shown, text } from './values'
import { formatDate, formatNumber } from '../../lib/format'
import { t, type MessageId } from '../../i18n'


const points = (n: number | null) => (n === null ? '' : formatNumber(n))

/** The file types learners may send, as the trainer's language names them. */
const FILE_TYPE_LABELS: Record<keyof typeof FILE_TYPE_EXTENSIONS, MessageId> = {
  image: 'fileType.image',
  pdf: 'fileType.pdf',
  text: 'fileType.text',
  document: 'fileType.document',
  spreadsheet: 'fileType.spreadsheet',
  presentation: 'fileType.presentation',
  archive: 'fileType.archive',
  audio: 'fileType.audio',
  video: 'fileType.video',
}

const libraryList = {
  searchPlaceholder: 'admin.modules.searchPlaceholder' as const,
  defaultSort: { colName: 'created_at', direction: 'desc' } as const,
}

export const assignmentsAdmin: AdminConfig<AssignmentListRecord, SortKey<'assignments.list'>> = {
  ...libraryList,
  title: 'admin.assignments.title',
  noun: 'admin.assignments.noun',
  group: 'assignment',
  searchLabel: 'admin.assignments.search',
  read: (q) =>
    lmsRead('assignments.list', { page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined, search_param: { moduleName: q.search || undefined } }),
  columns: [
    { key: 'name', header: 'admin.modules.name', sortBy: 'name', render: (a) => a.name },
    { key: 'submission', header: 'admin.assignments.submission', render: (a) => (a.submissionType === 'file' ? t('admin.assignments.file') : a.submissionType === 'text' ? t('admin.assignments.text') : a.submissionType) },
    { key: 'points', header: 'admin.modules.totalPoints', sortBy: 'totalPoints', render: (a) => points(a.totalPoints) },
    { key: 'author', header: 'admin.modules.author', render: (a) => a.author },
    { key: 'created', header: 'admin.modules.created', sortBy: 'created_at', render: (a) => formatDate(a.created_at) },
  ],
  describe: (a) => t('admin.assignments.describe', { name: a.name }),
  form: {
    fields: [
      { name: 'name', label: 'admin.modules.name', kind: 'text', required: true },
      { name: 'content', label: 'admin.assignments.instructions', kind: 'textarea', required: true },
      {
        name: 'submission_type',
        label: 'admin.assignments.learnersSubmit',
        kind: 'select',
        required: true,
        options: SUBMISSION_TYPES.map((type) => ({ value: type, label: type === 'file' ? 'admin.assignments.file' : 'admin.assignments.text' })),
      },
      {
        name: 'allowed_filetypes',
        label: 'admin.assignments.fileTypes',
        kind: 'multiselect',
        options: Object.entries(FILE_TYPE_LABELS).map(([value, label]) => ({ value, label })),
        visibleWhen: (v) => v.submission_type === 'file',
      },
      { name: 'totalPoints', label: 'admin.modules.totalPoints', kind: 'number' },
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

export const discussionsAdmin: AdminConfig<DiscussionListRecord, SortKey<'discussions.list'>> = {
  ...libraryList,
  title: 'admin.discussions.title',
  noun: 'admin.discussions.noun',
  group: 'discussion',
  searchLabel: 'admin.discussions.search',
  read: (q) =>
    lmsRead('discussions.list', { page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined, search_param: { moduleName: q.search || undefined } }),
  columns: [
    { key: 'name', header: 'admin.modules.name', sortBy: 'name', render: (d) => d.name },
    { key: 'points', header: 'admin.modules.totalPoints', sortBy: 'totalPoints', render: (d) => points(d.totalPoints) },
    { key: 'author', header: 'admin.modules.author', render: (d) => d.author },
    { key: 'created', header: 'admin.modules.created', sortBy: 'created_at', render: (d) => formatDate(d.created_at) },
  ],
  describe: (d) => t('admin.discussions.describe', { name: d.name }),
  form: {
    fields: [
      { name: 'name', label: 'admin.modules.name', kind: 'text', required: true },
      { name: 'content', label: 'admin.discussions.topic', kind: 'textarea', required: true },
      {
        name: 'should_be_evaluated',
        label: 'admin.discussions.evaluated',
        kind: 'select',
        required: true,
        options: [
          { value: 'false', label: 'admin.discussions.notEvaluated' },
          { value: 'true', label: 'admin.discussions.isEvaluated' },
        ],
      },
      { name: 'minComments', label: 'admin.discussions.minComments', kind: 'number', visibleWhen: (v) => v.should_be_evaluated === 'true' },
      { name: 'totalPoints', label: 'admin.modules.totalPoints', kind: 'number' },
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
