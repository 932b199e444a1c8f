// The grading queue's filters, kept in the hash (#/grading?course=2&status=graded&open=81)
// with the open submission, so a reload or a shared link shows the same queue and submission.
import type { SortKey as DeclaredSortKey } from '../../../../shared/operations/lists'
import type { OrderBy } from '../../../../shared/contract/list-params'
import type { GradingState, SubmissionRecord } from '../../../../shared/operations/progress'
import { lms } from '../../api/client'
import { fetchLms } from '../../data/queries'
import type { MessageId } from '../../i18n'

export type StatusFilter = GradingState | ''
export type TypeFilter = '' | 'assignment' | 'discussion'
export type SubmissionSortColumn = DeclaredSortKey<'courses.allSubmissions'>

export const SORTS = {
  oldest: { label: 'grading.sort.oldest', order: { colName: 'submitted_on', direction: 'asc' } },
  newest: { label: 'grading.sort.newest', order: { colName: 'submitted_on', direction: 'desc' } },
  learner: { label: 'grading.sort.learner', order: { colName: 'last_name', direction: 'asc' } },
  course: { label: 'grading.sort.course', order: { colName: 'course_name', direction: 'asc' } },
  module: { label: 'grading.sort.module', order: { colName: 'module_name', direction: 'asc' } },
  changed: { label: 'grading.sort.changed', order: { colName: 'updated_at', direction: 'desc' } },
} as const satisfies Record<string, { label: MessageId; order: OrderBy<SubmissionSortColumn> }>
export type SortKey = keyof typeof SORTS

export interface GradingFilters {
  status: StatusFilter
  courseId: number | null
  moduleId: number | null
  type: TypeFilter
  unsyncedOnly: boolean
  sort: SortKey
  /** Learner name or email. */
  search: string
}

export const DEFAULT_FILTERS: GradingFilters = { status: 'ungraded', courseId: null, moduleId: null, type: '', unsyncedOnly: false, sort: 'oldest', search: '' }

const positiveId = (text: string | null) => (text && /^\d{1,15}$/.test(text) && Number(text) > 0 ? Number(text) : null)

export function filtersFromQuery(query: string): GradingFilters {
  const p = new URLSearchParams(query)
  const status = p.get('status')
  const type = p.get('type')
  const sort = p.get('sort')
  const courseId = positiveId(p.get('course'))
  return {
    status: status === 'all' ? '' : status === 'graded' || status === 'rejected' || status === 'ungraded' ? status : DEFAULT_FILTERS.status,
    courseId,
    moduleId: courseId ? positiveId(p.get('module')) : null,
    type: type === 'assignment' || type === 'discussion' ? type : '',
    unsyncedOnly: p.get('unsynced') === '1',
    sort: sort && sort in SORTS ? (sort as SortKey) : DEFAULT_FILTERS.sort,
    search: (p.get('q') ?? '').slice(0, 255),
  }
}

/** The submission the hash names as open (`open=<status row id>`). */
export const openFromQuery = (query: string) => positiveId(new URLSearchParams(query).get('open'))

export function filtersToQuery(f: GradingFilters, openRowId: number | null = null): string {
  const p = new URLSearchParams()
  if (f.courseId) p.set('course', String(f.courseId))
  if (f.courseId && f.moduleId) p.set('module', String(f.moduleId))
  if (f.type) p.set('type', f.type)
  if (f.status !== DEFAULT_FILTERS.status) p.set('status', f.status || 'all')
  if (f.unsyncedOnly) p.set('unsynced', '1')
  if (f.sort !== DEFAULT_FILTERS.sort) p.set('sort', f.sort)
  if (f.search.trim()) p.set('q', f.search.trim())
  if (openRowId) p.set('open', String(openRowId))
  return p.toString()
}

/** The engine's search_param for the filters, with the status given separately (for the counts). */
export function searchParam(f: GradingFilters, status: StatusFilter) {
  return {
    nameOrEmail: f.search.trim() || undefined,
    type: f.type || undefined,
    status: status || undefined,
    courseId: f.courseId ?? undefined,
    moduleId: f.moduleId ?? undefined,
    unsyncedOnly: f.unsyncedOnly || undefined,
  }
}

export function loadQueuePage(f: GradingFilters, pageNumber: number, pageSize: number) {
  return lms.call('courses.allSubmissions', {
    page_size: pageSize,
    page_number: pageNumber,
    order_by: SORTS[f.sort].order,
    search_param: searchParam(f, f.status),
  })
}

/** One submission of the queue by its status row id, whatever the filters (to reopen it after a reload). */
export async function loadQueueRow(statusRowId: number): Promise<SubmissionRecord | undefined> {
  const page = await fetchLms('courses.allSubmissions', { page_size: 1, page_number: 1, search_param: { statusRowId } })
  return page.records[0]
}

export const learnerName = (r: Pick<SubmissionRecord, 'first_name' | 'last_name'>) => `${r.first_name} ${r.last_name}`.trim()
