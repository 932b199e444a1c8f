// The queue's status switch: ungraded, graded, rejected or all, each with its count.
import { SegmentedControl } from '@mantine/core'
import { useT, type MessageId } from '../../i18n'
import { GRADE_STATES } from './badges'
import type { StatusFilter } from './filters'
import classes from './Grading.module.css'

export interface StatusCounts {
  ungraded: number | null
  graded: number | null
  rejected: number | null
  all: number | null
}

const STATUS_NAMES: Record<Exclude<StatusFilter, ''> | 'all', MessageId> = { ...GRADE_STATES, all: 'grading.status.all' }

export function StatusSwitch({ status, counts, onChange }: { status: StatusFilter; counts: StatusCounts; onChange(status: StatusFilter): void }) {
  const t = useT()
  return (
    <SegmentedControl
      role="radiogroup"
      aria-label={t('grading.statusLabel')}
      size="xs"
      fullWidth
      className={classes.fixed}
      value={status || 'all'}
      onChange={(value) => onChange(value === 'all' ? '' : (value as StatusFilter))}
      data={(['ungraded', 'graded', 'rejected', 'all'] as const).map((key) => ({
        value: key,
        label: (
          <span className={classes.segment} data-testid={`status-count-${key}`}>
            <span>{t(STATUS_NAMES[key])}</span> <span className={classes.count}>{counts[key] ?? '…'}</span>
          </span>
        ),
      }))}
    />
  )
}
