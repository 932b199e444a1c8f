// The students enrolled in a course: totals per status, a server-side list with
// search and status filter, enroll and remove.
import { Button, Chip, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../../../../shared/operations/users'
import type { EnrolledStudentRecord } from '../../../../shared/operations/courses'
import type { OpOutput } from '../../../../shared/operations/index'
import { lmsRead } from '../../data/queries'
import { ListSearch } from '../../components/ListSearch'
import { ServerTable } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { EnrollModal } from './EnrollModal'
import { enrolledColumns, type EnrolledSortColumn } from './enrolledColumns'
import { RemoveEnrollmentDialog } from './RemoveEnrollmentDialog'
import { formatNumber } from '../../lib/format'
import { useT, type MessageId } from '../../i18n'
import { enrollmentStatusText } from './enrolledColumns'

interface Filters {
  status: EnrollmentStatus[]
}

export function EnrolledStudents({ courseId, courseName }: { courseId: number; courseName: string }) {
  const [enrolling, setEnrolling] = useState(false)
  const [removing, setRemoving] = useState<EnrolledStudentRecord | null>(null)
  const t = useT()
  const list = useServerList<EnrolledStudentRecord, EnrolledSortColumn, Filters, OpOutput<'courses.enrolledStudents'>>({
    defaultSort: null,
    initialFilters: { status: [] },
    read: (q) =>
      lmsRead('courses.enrolledStudents', {
        course_id: courseId,
        page_size: q.pageSize,
        page_number: q.page,
        order_by: q.sort ?? undefined,
        search_param: { nameOrEmail: q.search || undefined, status: q.filters.status.length ? q.filters.status : undefined },
      }),
  })
  const d = list.data
  const totals: [key: string, label: MessageId, value: number | undefined][] = [
    ['enrolled', 'enrolled.total.enrolled', d ? d.totalNotStarted + d.totalInProgress + d.totalCompleted : undefined],
    ['not-started', 'enrolled.total.notStarted', d?.totalNotStarted],
    ['in-progress', 'enrolled.total.inProgress', d?.totalInProgress],
    ['completed', 'enrolled.total.completed', d?.totalCompleted],
  ]

  return (
    <Stack gap="md" component="section" aria-labelledby="enrolled-heading">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="enrolled-heading">
          {t('enrolled.title')}
        </Title>
        <Button onClick={() => setEnrolling(true)}>{t('enrolled.enroll')}</Button>
      </Group>
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
      <Group align="flex-end" gap="md">
        <ListSearch label={t('enrolled.search')} placeholder={t('enrolled.searchPlaceholder')} value={list.searchInput} onChange={list.setSearchInput} />
        <div role="group" aria-labelledby="status-filter-label">
          <Text size="sm" fw={500} id="status-filter-label" mb={4}>
            {t('enrolled.statusFilter')}
          </Text>
          <Chip.Group multiple value={list.query.filters.status} onChange={(v) => list.setFilters({ status: v as EnrollmentStatus[] })}>
            <Group gap={6}>
              {ENROLLMENT_STATUSES.map((s) => (
                <Chip key={s} value={s} size="sm">
                  {enrollmentStatusText(s)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </div>
      </Group>
      <ServerTable
        list={list}
        columns={enrolledColumns({ onRemove: setRemoving })}
        label={t('enrolled.tableLabel', { course: courseName })}
        rowKey={(s) => s.id}
        noun="enrolled.noun"
        empty={list.query.search || list.query.filters.status.length ? t('enrolled.noMatch') : t('enrolled.noneYet')}
      />
      <EnrollModal
        opened={enrolling}
        courseId={courseId}
        courseName={courseName}
        onClose={() => setEnrolling(false)}
        onDone={() => {
          setEnrolling(false)
          list.reload()
        }}
      />
      <RemoveEnrollmentDialog
        courseId={courseId}
        courseName={courseName}
        enrollment={removing}
        onClose={() => setRemoving(null)}
        onDone={() => {
          setRemoving(null)
          list.reload()
        }}
      />
    </Stack>
  )
}
