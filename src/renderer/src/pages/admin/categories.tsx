// The Categories admin screen's configuration: one screen for the five kinds, the kind
// chosen above the list. User categories have no documented list, so their lookup is
// paged here.
import { CATEGORY_TYPES, type CategoryDetails, type CategoryListRecord } from '../../../../shared/operations/categories'
import type { ListPage } from '../../../../shared/contract/list-params'
import { lmsRead, type LmsRead } from '../../data/queries'
import type { AdminConfig, AdminListQuery } from './adminConfig'
import { text } from './values'
import { formatDate } from '../../lib/format'

type SortColumn = 'id' | 'name' | 'created_at' | 'count' | 'author'

const TYPE_LABELS: Record<(typeof CATEGORY_TYPES)[number], string> = { course: 'Course', module: 'Module', product: 'Product', question: 'Question', user: 'User' }
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
    if (q.sort?.colName === 'name') found.sort((a, b) => sign * a.name.localeCompare(b.name))
    else if (q.sort) found.sort((a, b) => sign * (a.id - b.id))
    const records = found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((c) => ({ id: c.id, name: c.name, author: '', count: 0, created_at: '' }))
    return { recordsTotal: all.length, recordsFiltered: found.length, records }
  })
}

export const categoriesAdmin: AdminConfig<CategoryListRecord, SortColumn> = {
  title: 'Categories',
  noun: 'categories',
  singular: 'category',
  searchLabel: 'Search categories',
  searchPlaceholder: 'Name',
  scope: { label: 'Kind', options: CATEGORY_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] })), initial: 'course' },
  defaultSort: { colName: 'created_at', direction: 'desc' },
  read,
  columns: [
    { key: 'name', header: 'Name', sortBy: 'name', render: (c) => c.name },
    { key: 'count', header: 'Used by', sortBy: 'count', render: (c) => c.count },
    { key: 'author', header: 'Author', render: (c) => c.author },
    { key: 'created_at', header: 'Created', sortBy: 'created_at', render: (c) => formatDate(c.created_at) },
  ],
  describe: (c) => c.name,
  form: {
    fields: [
      { name: 'category_name', label: 'Name', kind: 'text', required: true, description: 'Unique within its kind.' },
      { name: 'categoryType', label: 'Kind', kind: 'select', required: true, createOnly: true, options: CATEGORY_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] })) },
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
    note: 'Courses using it keep going without it.',
    read: (answer) => ({ message: (answer as { message: string }).message, notDeleted: [] }),
  },
}
