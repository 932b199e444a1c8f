// One submission in the grading queue: who, their grade, which module, when, and whether
// the grade has reached the hosted LMS.
import { Group, Text } from '@mantine/core'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { Avatar } from '../../components/Avatar'
import { useT } from '../../i18n'
import { formatDate } from '../../lib/format'
import { GradeBadge, SyncState } from './badges'
import { learnerName } from './filters'
import classes from './Grading.module.css'

export function QueueRow({ row }: { row: SubmissionRecord }) {
  const t = useT()
  const name = learnerName(row)
  const showSync = row.grading_status !== 'ungraded' || row.unsynced
  return (
    <div className={classes.row} data-testid="queue-row" data-status-row-id={row.status_row_id}>
      <Avatar svg={row.avatar} size={30} />
      <div className={classes.rowText}>
        <Group justify="space-between" wrap="nowrap" gap={6}>
          <Text size="sm" fw={600} truncate="end" data-testid="learner-name">
            {name}
          </Text>
          <GradeBadge state={row.grading_status} points={row.points_awarded} total={row.total_points} />
        </Group>
        <Text size="xs" c="dimmed" truncate="end">
          {row.module_name} · {row.course_name}
        </Text>
        <Group justify="space-between" wrap="nowrap" gap={6}>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {row.module_type === 'discussion' ? t('grading.submittedDiscussion', { date: formatDate(row.submitted_at) }) : t('grading.submittedOn', { date: formatDate(row.submitted_at) })}
          </Text>
          {showSync && <SyncState unsynced={row.unsynced} />}
        </Group>
      </div>
    </div>
  )
}
