// A course's enrollments counted per status (and in all), as the list's answer gives them;
// a dash until it has answered.
import { Paper, SimpleGrid, Text } from '@mantine/core'
import type { OpOutput } from '../../../../shared/operations/index'
import { useT, type MessageId } from '../../i18n'
import { formatNumber } from '../../lib/format'

export function EnrollmentTotals({ data: d }: { data: OpOutput<'courses.enrolledStudents'> | null }) {
  const t = useT()
  const totals: [key: string, label: MessageId, value: number | undefined][] = [
    ['enrolled', 'enrolled.total.enrolled', d ? d.totalNotStarted + d.totalInProgress + d.totalCompleted : undefined],
    ['not-started', 'enrolled.total.notStarted', d?.totalNotStarted],
    ['in-progress', 'enrolled.total.inProgress', d?.totalInProgress],
    ['completed', 'enrolled.total.completed', d?.totalCompleted],
  ]
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="enrollment-totals">
      {totals.map(([key, label, value]) => (
        <Paper key={key} withBorder p="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t(label)}
          </Text>
          <Text size="xl" fw={700} data-testid={`total-${key}`}>
            {value === undefined ? '–' : formatNumber(value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  )
}
