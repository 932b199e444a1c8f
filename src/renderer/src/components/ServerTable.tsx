// The table for every server-side list: sortable headers (with aria-sort), the rows
// of the current page, a count that is announced, pagination and page size.
import { Alert, Button, Group, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core'
import type { ReactNode } from 'react'
import type { ListPage } from '../../../shared/contract/list-params'
import type { ServerList } from '../hooks/useServerList'
import { useT, type MessageId } from '../i18n'
import classes from './ServerTable.module.css'
import { ServerTableFooter } from './ServerTableFooter'

export { PAGE_CONTROLS } from './ServerTableFooter'

export interface Column<R, C extends string> {
  key: string
  /** A catalog key. */
  header: MessageId
  /** The server's sort column; the header becomes a sort button. */
  sortBy?: C
  render(row: R): ReactNode
  /** The header is read by screen readers but not shown (e.g. "Actions"). */
  hiddenHeader?: boolean
  /** Shown after the header (a local-only hint). */
  note?: ReactNode
  width?: number | string
}

interface ServerTableProps<R, C extends string, F, P extends ListPage<R>> {
  list: ServerList<R, C, F, P>
  columns: Column<R, C>[]
  /** The table's accessible name. */
  label: string
  rowKey(row: R): string | number
  /** The catalog's plural noun for the count line (`{count, plural, one {user} other {users}}`). */
  noun: MessageId
  empty: ReactNode
  /** Below this width the table scrolls inside its box (640 px unless a page lays its rows out for phones). */
  minWidth?: number
  /** Input the list has not caught up with yet (a second search box still pausing): busy too. */
  pending?: boolean
}

export function ServerTable<R, C extends string, F, P extends ListPage<R>>(props: ServerTableProps<R, C, F, P>) {
  const { list, columns, label, rowKey, noun, empty, minWidth = 640, pending = false } = props
  const { data, error } = list
  const loading = list.loading || pending
  const records = data?.records ?? []
  const t = useT()
  return (
    <div>
      {error && (
        <Alert color="red" title={t('table.loadFailed')} mb="sm" role="alert">
          <Group justify="space-between">
            <Text size="sm">{error}</Text>
            <Button size="xs" variant="white" color="red" onClick={list.reload}>
              {t('table.retry')}
            </Button>
          </Group>
        </Alert>
      )}
      <Table.ScrollContainer minWidth={minWidth}>
        <Table aria-label={label} aria-busy={loading} highlightOnHover verticalSpacing="xs" className={loading ? `${classes.table} ${classes.loading}` : classes.table}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((col) => (
                <HeaderCell key={col.key} column={col} list={list} />
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((col) => (
                  <Table.Td key={col.key}>{col.render(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
            {data && records.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text c="dimmed" ta="center" py="md">
                    {empty}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ServerTableFooter list={list} noun={noun} />
    </div>
  )
}

function HeaderCell<R, C extends string, F, P extends ListPage<R>>({ column, list }: { column: Column<R, C>; list: ServerList<R, C, F, P> }) {
  const t = useT()
  const title = t(column.header)
  const header = column.hiddenHeader ? <VisuallyHidden>{title}</VisuallyHidden> : title
  if (!column.sortBy)
    return (
      <Table.Th style={{ width: column.width }}>
        {header}
        {column.note}
      </Table.Th>
    )
  const sort = list.query.sort
  const active = sort?.colName === column.sortBy
  const direction = active ? sort.direction : null
  const sortBy = column.sortBy
  return (
    <Table.Th style={{ width: column.width }} aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
      <UnstyledButton className={classes.sortButton} onClick={() => list.toggleSort(sortBy)}>
        <span>{title}</span>
        <span aria-hidden="true" className={active ? classes.sortIconActive : classes.sortIcon}>
          {direction === 'desc' ? '▼' : direction === 'asc' ? '▲' : '↕'}
        </span>
      </UnstyledButton>
      {column.note}
    </Table.Th>
  )
}
