// The enrollment statuses to list (none chosen: all of them), as chips in a labelled group.
import { Chip, Group, Text } from '@mantine/core'
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../../../../shared/operations/users'
import { useT } from '../../i18n'
import { enrollmentStatusText } from './enrolledColumns'

export function EnrollmentStatusFilter({ value, onChange }: { value: EnrollmentStatus[]; onChange(status: EnrollmentStatus[]): void }) {
  const t = useT()
  return (
    <div role="group" aria-labelledby="status-filter-label">
      <Text size="sm" fw={500} id="status-filter-label" mb={4}>
        {t('enrolled.statusFilter')}
      </Text>
      <Chip.Group multiple value={value} onChange={(v) => onChange(v as EnrollmentStatus[])}>
        <Group gap={6}>
          {ENROLLMENT_STATUSES.map((s) => (
            <Chip key={s} value={s} size="sm">
              {enrollmentStatusText(s)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </div>
  )
}
