// Under a server-side list's table: which rows are shown of how many (announced as it
// changes, with the total before filtering when a filter is on), the pages, and the page size.
import { Group, NativeSelect, Pagination, Text } from '@mantine/core'
import type { ListPage } from '../../../shared/contract/list-params'
import type { ServerList } from '../hooks/useServerList'
import { useT, type MessageId } from '../i18n'
import classes from './ServerTable.module.css'

const PAGE_SIZES = ['10', '25', '50', '100']
/** The pagination's arrows, named for screen readers (also the attendance roster's pages). */
export const PAGE_CONTROLS: Record<string, MessageId> = { first: 'table.control.first', previous: 'table.control.previous', next: 'table.control.next', last: 'table.control.last' }

export function ServerTableFooter<R, C extends string, F, P extends ListPage<R>>({ list, noun }: { list: ServerList<R, C, F, P>; noun: MessageId }) {
  const { data, query, totalPages } = list
  const records = data?.records ?? []
  const first = data && records.length ? (query.page - 1) * query.pageSize + 1 : 0
  const last = first ? first + records.length - 1 : 0
  const t = useT()
  const nounFor = (count: number) => t(noun, { count })
  return (
    <Group justify="space-between" mt="sm" gap="sm">
      <Text size="sm" role="status" aria-live="polite">
        {!data
          ? t('table.loading')
          : data.recordsFiltered === 0
            ? t('table.none')
            : t('table.showing', { first, last, total: data.recordsFiltered, noun: nounFor(data.recordsFiltered) })}
        {data && data.recordsFiltered !== data.recordsTotal ? ` ${t('table.filteredFrom', { total: data.recordsTotal })}` : ''}
      </Text>
      <Group gap="sm">
        <Pagination
          total={totalPages}
          value={Math.min(query.page, totalPages)}
          onChange={list.setPage}
          size="sm"
          siblings={1}
          aria-label={t('table.pagesOf')}
          getItemProps={(page) => ({ 'aria-label': t('table.page', { page }), 'aria-current': page === query.page ? 'page' : undefined })}
          getControlProps={(control) => ({ 'aria-label': t(PAGE_CONTROLS[control] ?? 'table.control.next') })}
        />
        <Text size="sm" data-testid="page-indicator">
          {t('table.pageOf', { page: Math.min(query.page, totalPages), pages: totalPages })}
        </Text>
        <NativeSelect
          size="xs"
          label={t('table.rowsPerPage')}
          classNames={{ root: classes.pageSize, label: classes.pageSizeLabel }}
          data={PAGE_SIZES}
          value={String(query.pageSize)}
          onChange={(e) => list.setPageSize(Number(e.currentTarget.value))}
        />
      </Group>
    </Group>
  )
}
