// One course: its settings at a glance and its enrolled students.
import { Alert, Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useLmsQuery } from '../../data/queries'
import { LocalOnlyLine } from '../../components/LocalOnlyHint'
import { PageHeader } from '../../components/PageHeader'
import { routeHref } from '../../state/navigation'
import { CourseFormModal, type CourseEditing } from './CourseFormModal'
import { CourseStatusBadge } from './CourseStatusBadge'
import { EnrolledStudents } from './EnrolledStudents'
import { formatDate, formatNumber, formatPercent } from '../../lib/format'
import { useT } from '../../i18n'

export function CourseDetail({ courseId }: { courseId: number }) {
  const course = useLmsQuery('courses.get', { id: courseId })
  const [editing, setEditing] = useState<CourseEditing>(null)
  const t = useT()
  const back = (
    <Anchor href={routeHref({ page: 'courses' })} size="sm">
      {t('course.back')}
    </Anchor>
  )

  if (!course.data) {
    return (
      <Stack gap="md">
        {back}
        {course.error ? (
          <Alert color="red" title={t('course.loadFailed')} role="alert">
            {course.error}
          </Alert>
        ) : (
          <Loader aria-label={t('course.loading')} />
        )}
      </Stack>
    )
  }

  const c = course.data
  return (
    <Stack gap="lg">
      {back}
      <PageHeader title={c.name} actions={<Button variant="default" onClick={() => setEditing({ mode: 'edit', id: c.id })}>{t('course.edit')}</Button>}>
        <Group gap="xs" mt={4}>
          <CourseStatusBadge status={c.status} />
          <Text size="sm" c="dimmed">
            <bdi>/{c.slug}</bdi>
          </Text>
        </Group>
      </PageHeader>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Fact label={t('course.modules')} value={formatNumber(c.modules.length)} />
        <Fact label={t('course.credits')} value={c.credits === null ? t('course.none') : formatNumber(c.credits)} />
        <Fact label={t('course.grading')} value={c.gradingRule === 'no_grading' ? t('course.noGrading') : t('course.passAt', { percent: formatPercent(c.minPassingPercentage ?? 0) })} />
        <Fact
          label={t('course.access')}
          shows={c.durationRule === 'on_specific_date' ? 'durationSpecificDate' : c.durationRule === 'unlimited' ? undefined : 'durationDays'}
          value={
            c.durationRule === 'unlimited'
              ? t('course.unlimited')
              : c.durationRule === 'on_specific_date'
                ? t('course.until', { date: formatDate(c.durationSpecificDate, '?') })
                : c.durationDays === null
                  ? t('course.unknownDays')
                  : t(c.durationRule === 'x_days_after_start' ? 'course.daysAfterStart' : 'course.daysAfterEnrollment', { days: c.durationDays })
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

/** `shows`: the field whose value it is, for a local-only hint under the value when the hosted LMS cannot have it. */
function Fact({ label, value, shows }: { label: string; value: string; shows?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
      {shows && <LocalOnlyLine entity="course" field={shows} />}
    </Paper>
  )
}
