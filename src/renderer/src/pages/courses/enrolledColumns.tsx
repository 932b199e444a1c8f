import { Badge, Button, Group, Progress, Text } from '@mantine/core'
import type { EnrolledStudentRecord } from '../../../../shared/operations/courses'
import { Avatar } from '../../components/Avatar'
import type { Column } from '../../components/ServerTable'
import { formatDate, formatPercent } from '../../lib/format'

export type EnrolledSortColumn = 'registered_on' | 'first_name' | 'last_name' | 'email' | 'status' | 'percentComplete' | 'last_accessed_on'

const STATUS_COLORS: Record<string, string> = { 'Not Started': 'gray', 'In Progress': 'blue', Completed: 'teal' }
const fullName = (s: EnrolledStudentRecord) => [s.first_name, s.last_name].filter(Boolean).join(' ')

export function enrolledColumns({ onRemove }: { onRemove(s: EnrolledStudentRecord): void }): Column<EnrolledStudentRecord, EnrolledSortColumn>[] {
  return [
    {
      key: 'first_name',
      header: 'First name',
      sortBy: 'first_name',
      render: (s) => (
        <Group gap="xs" wrap="nowrap">
          <Avatar svg={s.avatar} />
          <Text size="sm">{s.first_name}</Text>
        </Group>
      ),
    },
    { key: 'last_name', header: 'Last name', sortBy: 'last_name', render: (s) => s.last_name },
    { key: 'email', header: 'Email', sortBy: 'email', render: (s) => s.email },
    {
      key: 'status',
      header: 'Status',
      sortBy: 'status',
      render: (s) => (
        <Badge color={STATUS_COLORS[s.status] ?? 'gray'} variant="light" miw="max-content">
          {s.status}
        </Badge>
      ),
    },
    {
      key: 'percentComplete',
      header: 'Progress',
      sortBy: 'percentComplete',
      width: 140,
      render: (s) => (
        <Group gap="xs" wrap="nowrap">
          <Progress value={s.percentComplete} w={60} aria-label={`${fullName(s)}: ${formatPercent(s.percentComplete)} complete`} />
          <Text size="sm">{formatPercent(s.percentComplete)}</Text>
        </Group>
      ),
    },
    { key: 'registered_on', header: 'Enrolled on', sortBy: 'registered_on', render: (s) => formatDate(s.registered_on) },
    { key: 'last_accessed_on', header: 'Last accessed', sortBy: 'last_accessed_on', render: (s) => s.last_accessed_on },
    {
      key: 'actions',
      header: 'Actions',
      hiddenHeader: true,
      render: (s) => (
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => onRemove(s)} aria-label={`Remove ${fullName(s)}`}>
          Remove
        </Button>
      ),
    },
  ]
}
