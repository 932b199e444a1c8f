import type { SortKey } from '../../../../shared/operations/lists'
import { Badge, Button, Group, Progress, Text } from '@mantine/core'
import type { EnrolledStudentRecord } from '../../../../shared/operations/courses'
import { Avatar } from '../../components/Avatar'
import { LocalOnlyNote } from '../../components/LocalOnlyHint'
import type { Column } from '../../components/ServerTable'
import { formatDate, formatDateTime, formatPercent } from '../../lib/format'
import { t, type MessageId } from '../../i18n'

export type EnrolledSortColumn = SortKey<'courses.enrolledStudents'>

const STATUS_COLORS: Record<string, string> = { 'Not Started': 'gray', 'In Progress': 'blue', Completed: 'teal' }

/** The API's enrollment statuses in the trainer's language. */
export const ENROLLMENT_STATUS_LABELS: Record<string, MessageId> = {
  'Not Started': 'enrollment.status.notStarted',
  'In Progress': 'enrollment.status.inProgress',
  Completed: 'enrollment.status.completed',
}
export const enrollmentStatusText = (status: string) => (ENROLLMENT_STATUS_LABELS[status] ? t(ENROLLMENT_STATUS_LABELS[status]) : status)
const fullName = (s: EnrolledStudentRecord) => [s.first_name, s.last_name].filter(Boolean).join(' ')

export function enrolledColumns({ onRemove }: { onRemove(s: EnrolledStudentRecord): void }): Column<EnrolledStudentRecord, EnrolledSortColumn>[] {
  return [
    {
      key: 'first_name',
      header: 'users.col.firstName',
      sortBy: 'first_name',
      render: (s) => (
        <Group gap="xs" wrap="nowrap">
          <Avatar svg={s.avatar} />
          <Text size="sm">{s.first_name}</Text>
        </Group>
      ),
    },
    { key: 'last_name', header: 'users.col.lastName', sortBy: 'last_name', render: (s) => s.last_name },
    { key: 'email', header: 'users.col.email', sortBy: 'email', render: (s) => <bdi>{s.email}</bdi> },
    {
      key: 'status',
      header: 'enrolled.col.status',
      sortBy: 'status',
      render: (s) => (
        <Badge color={STATUS_COLORS[s.status] ?? 'gray'} variant="light" miw="max-content">
          {enrollmentStatusText(s.status)}
        </Badge>
      ),
    },
    {
      key: 'percentComplete',
      header: 'enrolled.col.progress',
      sortBy: 'percentComplete',
      width: 140,
      render: (s) => (
        <Group gap="xs" wrap="nowrap">
          <Progress value={s.percentComplete} w={60} aria-label={t('enrolled.progressLabel', { name: fullName(s), percent: formatPercent(s.percentComplete) })} />
          <Text size="sm">{formatPercent(s.percentComplete)}</Text>
        </Group>
      ),
    },
    { key: 'registered_on', header: 'enrolled.col.enrolledOn', sortBy: 'registered_on', render: (s) => formatDate(s.registered_on) },
    {
      key: 'last_accessed_on',
      header: 'enrolled.col.lastAccessed',
      sortBy: 'last_accessed_on',
      note: <LocalOnlyNote entity="enrollment" field="last_accessed_on" />,
      render: (s) => formatDateTime(s.last_accessed_on),
    },
    {
      key: 'actions',
      header: 'common.actions',
      hiddenHeader: true,
      render: (s) => (
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => onRemove(s)} aria-label={t('enrolled.removeNamed', { name: fullName(s) })}>
          {t('enrolled.remove')}
        </Button>
      ),
    },
  ]
}
