// The grading queue: a status switch with counts, and the virtualised list of
// submissions, loaded page by page as it scrolls.
import { Alert, Button, Group, NativeSelect, Stack, Text } from '@mantine/core'
import { memo, useCallback, type KeyboardEvent } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { VirtualListbox } from '../../components/VirtualListbox'
import { useT, type MessageId } from '../../i18n'
import type { ServerWindow } from '../../hooks/useServerWindow'
import { SORTS, type SortKey, type StatusFilter } from './filters'
import classes from './Grading.module.css'
import { QueueRow } from './QueueRow'
import { StatusSwitch, type StatusCounts } from './StatusSwitch'

export const QUEUE_ID = 'grading-queue'
export const ROW_HEIGHT = 78

const COUNT_TEXT: Record<Exclude<StatusFilter, ''> | 'all', MessageId> = {
  ungraded: 'grading.count.ungraded',
  graded: 'grading.count.graded',
  rejected: 'grading.count.rejected',
  all: 'grading.count.all',
}

interface SubmissionQueueProps {
  queue: ServerWindow<SubmissionRecord>
  counts: StatusCounts
  status: StatusFilter
  onStatusChange(status: StatusFilter): void
  sort: SortKey
  onSortChange(sort: SortKey): void
  activeIndex: number
  onSelect(index: number): void
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void
  listRef(element: HTMLDivElement | null): void
  onRetry(): void
}

export const SubmissionQueue = memo(function SubmissionQueue({ queue, counts, status, onStatusChange, sort, onSortChange, activeIndex, onSelect, onKeyDown, listRef, onRetry }: SubmissionQueueProps) {
  const { ensure, rowAt } = queue
  const onRangeChange = useCallback((start: number, end: number) => ensure(start, end), [ensure])
  const total = queue.total
  const t = useT()

  const renderOption = (index: number) => {
    const row = rowAt(index)
    if (!row) return { loaded: false, content: <Text size="sm" c="dimmed">{t('grading.loading')}</Text> }
    return { loaded: true, content: <QueueRow row={row} /> }
  }

  return (
    <Stack gap={6} className={classes.queue}>
      <StatusSwitch status={status} counts={counts} onChange={onStatusChange} />
      <Group justify="space-between" gap="xs" wrap="nowrap" className={classes.fixed}>
        <Text size="xs" c="dimmed" data-testid="queue-count">
          {total === null ? t('grading.countLoading') : t(COUNT_TEXT[status || 'all'], { count: total })}
        </Text>
        <NativeSelect
          size="xs"
          label={t('grading.order')}
          classNames={{ root: classes.inlineField, label: classes.inlineLabel }}
          data={Object.entries(SORTS).map(([value, s]) => ({ value, label: t(s.label) }))}
          value={sort}
          onChange={(e) => onSortChange(e.currentTarget.value as SortKey)}
        />
      </Group>
      {queue.error && (
        <Alert color="red" title={t('grading.queueFailed')} role="alert" p="xs">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{queue.error}</Text>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              {t('table.retry')}
            </Button>
          </Group>
        </Alert>
      )}
      <VirtualListbox
        id={QUEUE_ID}
        label={t('grading.submissions')}
        count={total ?? 0}
        rowHeight={ROW_HEIGHT}
        activeIndex={activeIndex}
        renderOption={renderOption}
        onRangeChange={onRangeChange}
        onSelect={onSelect}
        onKeyDown={onKeyDown}
        busy={queue.loading}
        listRef={listRef}
        className={classes.list}
        empty={
          total === 0 ? (
            <Text size="sm" c="dimmed">
              {t('grading.noMatch')}
            </Text>
          ) : null
        }
      />
    </Stack>
  )
})
