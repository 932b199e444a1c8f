// The students enrolled in a course: totals per status, a server-side list with
// search and status filter, enroll and remove.
import { Button, Group, Stack, Title } from '@mantine/core'
import { useState } from 'react'
import type { EnrollmentStatus } from '../../../../shared/operations/users'
import type { EnrolledStudentRecord } from '../../../../shared/operations/courses'
import type { OpOutput } from '../../../../shared/operations/index'
import { lmsRead } from '../../data/queries'
import { ListSearch } from '../../components/ListSearch'
import { ServerTable } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { EnrollModal } from './EnrollModal'
import { enrolledColumns, type EnrolledSortColumn } from './enrolledColumns'
import { EnrollmentStatusFilter } from './EnrollmentStatusFilter'
import { EnrollmentTotals } from './EnrollmentTotals'
import { RemoveEnrollmentDialog } from './RemoveEnrollmentDialog'
import { useT } from '../../i18n'

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

  return (
    <Stack gap="md" component="section" aria-labelledby="enrolled-heading">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="enrolled-heading">
          {t('enrolled.title')}
        </Title>
        <Button onClick={() => setEnrolling(true)}>{t('enrolled.enroll')}</Button>
      </Group>
      <EnrollmentTotals data={list.data} />
      <Group align="flex-end" gap="md">
        <ListSearch label={t('enrolled.search')} placeholder={t('enrolled.searchPlaceholder')} value={list.searchInput} onChange={list.setSearchInput} />
        <EnrollmentStatusFilter value={list.query.filters.status} onChange={(status) => list.setFilters({ status })} />
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
