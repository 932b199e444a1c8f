// The grading panel's header: the learner, the course and module, and the grade so far.
import { Badge, Button, Group, Text, Title } from '@mantine/core'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { Avatar } from '../../components/Avatar'
import { useT } from '../../i18n'
import { GradeBadge, SyncState } from './badges'
import classes from './Grading.module.css'

interface SubmissionHeaderProps {
  row: SubmissionRecord
  name: string
  status: SubmissionRecord['grading_status']
  /** The current grade's points (null when ungraded). */
  points: number | null
  total: number
  /** On narrow screens: back to the list. */
  onBack?(): void
}

export function SubmissionHeader({ row, name, status, points, total, onBack }: SubmissionHeaderProps) {
  const t = useT()
  return (
    <header className={classes.panelHeader}>
      {onBack && (
        <Button variant="subtle" size="compact-sm" onClick={onBack} mb={6} leftSection={<span aria-hidden="true">←</span>} aria-keyshortcuts="Escape" data-testid="back-to-list">
          {t('grading.backToList')}
        </Button>
      )}
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Avatar svg={row.avatar} size={40} />
        <div style={{ minWidth: 0 }}>
          <Title order={2} size="h3" id="grading-panel-title" className={classes.learnerTitle}>
            {name}
          </Title>
          <Text size="sm" c="dimmed" truncate="end">
            <bdi>{row.email}</bdi>
          </Text>
        </div>
      </Group>
      <Group gap="xs" mt={6} wrap="wrap">
        <Text size="sm" fw={500}>
          {row.course_name} › {row.module_name}
        </Text>
        <Badge variant="outline" color="gray" size="sm">
          {row.module_type === 'discussion' ? t('grading.type.discussion') : t('grading.type.assignment')}
        </Badge>
        <GradeBadge state={status} points={points} total={total} />
        {status !== 'ungraded' || row.unsynced ? <SyncState unsynced={row.unsynced} /> : null}
      </Group>
    </header>
  )
}
