// One course: its settings at a glance and its enrolled students.
import { Alert, Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useLmsQuery } from '../../data/queries'
import { PageHeader } from '../../components/PageHeader'
import { routeHref } from '../../state/navigation'
import { CourseFormModal, type CourseEditing } from './CourseFormModal'
import { CourseStatusBadge } from './CourseStatusBadge'
import { EnrolledStudents } from './EnrolledStudents'
import { formatDate, formatNumber, formatPercent, plural } from '../../lib/format'

export function CourseDetail({ courseId }: { courseId: number }) {
  const course = useLmsQuery('courses.get', { id: courseId })
  const [editing, setEditing] = useState<CourseEditing>(null)
  const back = (
    <Anchor href={routeHref({ page: 'courses' })} size="sm">
      ← All courses
    </Anchor>
  )

  if (!course.data) {
    return (
      <Stack gap="md">
        {back}
        {course.error ? (
          <Alert color="red" title="Could not load the course" role="alert">
            {course.error}
          </Alert>
        ) : (
          <Loader aria-label="Loading the course" />
        )}
      </Stack>
    )
  }

  const c = course.data
  return (
    <Stack gap="lg">
      {back}
      <PageHeader title={c.name} actions={<Button variant="default" onClick={() => setEditing({ mode: 'edit', id: c.id })}>Edit course</Button>}>
        <Group gap="xs" mt={4}>
          <CourseStatusBadge status={c.status} />
          <Text size="sm" c="dimmed">
            /{c.slug}
          </Text>
        </Group>
      </PageHeader>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Fact label="Modules" value={formatNumber(c.modules.length)} />
        <Fact label="Credits" value={c.credits === null ? 'None' : String(c.credits)} />
        <Fact label="Grading" value={c.gradingRule === 'no_grading' ? 'No grading' : `Pass at ${formatPercent(c.minPassingPercentage ?? 0)}`} />
        <Fact
          label="Access"
          value={
            c.durationRule === 'unlimited'
              ? 'Unlimited'
              : c.durationRule === 'on_specific_date'
                ? `Until ${formatDate(c.durationSpecificDate, '?')}`
                : `${c.durationDays === null ? '?' : plural(c.durationDays, 'day', 'days')} after ${c.durationRule === 'x_days_after_start' ? 'start' : 'enrollment'}`
          }
        />
      </SimpleGrid>
      <EnrolledStudents courseId={c.id} courseName={c.name} />
      <CourseFormModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          course.reload()
        }}
      />
    </Stack>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Paper>
  )
}
