// The Categories admin screen's configuration: one screen for the five kinds, the kind
// chosen above the list. User categories have no documented list, so their lookup is
// paged here.
import type { SortKey } from '../../../../shared/operations/lists'
import { CATEGORY_TYPES, type CategoryDetails, type CategoryListRecord } from '../../../../shared/operations/categories'
import type { ListPage } from '../../../../shared/contract/list-params'
import { lmsRead, type LmsRead } from '../../data/queries'
import type { AdminConfig, AdminListQuery } from './adminConfig'
import { text } from './values'
import { compareNames, formatDate, formatNumber } from '../../lib/format'
import type { MessageId } from '../../i18n'

type SortColumn = SortKey<'categories.courseList'>

const TYPE_LABELS: Record<(typeof CATEGORY_TYPES)[number], MessageId> = {
  course: 'admin.categories.type.course',
  module: 'admin.categories.type.module',
  product: 'admin.categories.type.product',
  question: 'admin.categories.type.question',
  user: 'admin.categories.type.user',
}
const LISTS = { course: 'categories.courseList', module: 'categories.moduleList', product: 'categories.productList', question: 'categories.questionList' } as const

function read(q: AdminListQuery<SortColumn>): LmsRead<ListPage<CategoryListRecord>> {
  if (q.scope in LISTS) {
    return lmsRead(LISTS[q.scope as keyof typeof LISTS], {
      page_size: q.pageSize,
      page_number: q.page,
      order_by: q.sort ?? undefined,
      search_param: { categoryName: q.search || undefined },
    })
  }
  return lmsRead('categories.userLookup', {}, (all) => {
    const needle = q.search.toLowerCase()
    const found = all.filter((c) => c.name.toLowerCase().includes(needle))
    const sign = q.sort?.direction === 'desc' ? -1 : 1
    if (q.sort?.colName === 'name') found.sort((a, b) => sign * compareNames(a.name, b.name))
    else if (q.sort) found.sort((a, b) => sign * (a.id - b.id))
    const records = found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((c) => ({ id: c.id, name: c.name, author: '', count: 0, created_at: '' }))
    return { recordsTotal: all.length, recordsFiltered: found.length, records }
  })
}

export const categoriesAdmin: AdminConfig<CategoryListRecord, SortColumn> = {
  title: 'admin.categories.title',
  noun: 'admin.categories.noun',
  group: 'category',
  searchLabel: 'admin.categories.search',
  searchPlaceholder: 'admin.categories.name',
  scope: { label: 'admin.categories.kind', options: CATEGORY_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] })), initial: 'course' },
  defaultSort: { colName: 'created_at', direction: 'desc' },
  read,
  columns: [
    { key: 'name', header: 'admin.categories.name', sortBy: 'name', render: (c) => c.name },
    { key: 'count', header: 'admin.categories.usedBy', sortBy: 'count', render: (c) => formatNumber(c.count) },
    { key: 'author', header: 'admin.categories.author', render: (c) => c.author },
    { key: 'created_at', header: 'admin.categories.created', sortBy: 'created_at', render: (c) => formatDate(c.created_at) },
  ],
  describe: (c) => c.name,
  form: {
    fields: [
      { name: 'category_name', label: 'admin.categories.name', kind: 'text', required: true, description: 'admin.categories.nameHelp' },
      { name: 'categoryType', label: 'admin.categories.kind', kind: 'select', required: true, createOnly: true, options: CATEGORY_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] })) },
    ],
    blank: (scope) => ({ category_name: '', categoryType: scope || 'course' }),
    operations: { get: 'categories.get', create: 'categories.create', update: 'categories.update' },
    toValues: (record) => {
      const c = record as CategoryDetails
      return { category_name: c.name, categoryType: c.type }
    },
    // An update takes the name only: its schema drops the kind (a category keeps its kind).,
    toInput: (v) => ({ category_name: text(v, 'category_name'), categoryType: text(v, 'categoryType') }),
  },
  remove: {
    operation: 'categories.delete',
    input: (id) => ({ delete_ids: [id] }),
    note: 'admin.categories.deleteNote',
    read: (answer) => ({ message: (answer as { message: string }).message, notDeleted: [] }),
  },
}
