import { Button, Group, NativeSelect, Stack } from '@mantine/core'
import { useState } from 'react'
import type { CourseListRecord } from '../../../../shared/operations/courses'
import { lmsRead } from '../../data/queries'
import { ListSearch } from '../../components/ListSearch'
import { PageHeader } from '../../components/PageHeader'
import { ServerTable } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { useT } from '../../i18n'
import { courseColumns, type CourseSortColumn } from './courseColumns'
import { CourseFormModal, type CourseEditing } from './CourseFormModal'
import { DeleteCourseDialog } from './DeleteCourseDialog'

interface CourseFilters {
  status: '' | 'draft' | 'publish'
}

export function CourseList() {
  const [editing, setEditing] = useState<CourseEditing>(null)
  const [deleting, setDeleting] = useState<CourseListRecord | null>(null)
  const t = useT()
  const list = useServerList<CourseListRecord, CourseSortColumn, CourseFilters>({
    defaultSort: null,
    initialFilters: { status: '' },
    read: (q) =>
      lmsRead('courses.tabularList', {
        page_size: q.pageSize,
        page_number: q.page,
        order_by: q.sort ?? undefined,
        search_param: { courseName: q.search || undefined, status: q.filters.status || undefined },
      }),
  })

  return (
    <Stack gap="md">
      <PageHeader title={t('courses.title')} actions={<Button onClick={() => setEditing({ mode: 'create' })}>{t('courses.new')}</Button>} />
      <Group align="flex-end" gap="md">
        <ListSearch label={t('courses.search')} placeholder={t('courses.searchPlaceholder')} value={list.searchInput} onChange={list.setSearchInput} />
        <NativeSelect
          label={t('courses.status')}
          data={[
            { value: '', label: t('courses.allStatuses') },
            { value: 'publish', label: t('courses.published') },
            { value: 'draft', label: t('courses.draft') },
          ]}
          value={list.query.filters.status}
          onChange={(e) => list.setFilters({ status: e.currentTarget.value as CourseFilters['status'] })}
          w={{ base: '100%', sm: 180 }}
        />
      </Group>
      <ServerTable
        list={list}
        columns={courseColumns({ onEdit: (c) => setEditing({ mode: 'edit', id: c.id }), onDelete: setDeleting })}
        label={t('courses.title')}
        rowKey={(c) => c.id}
        noun="courses.noun"
        empty={t('courses.none')}
      />
      <CourseFormModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          list.reload()
        }}
      />
      <DeleteCourseDialog
        course={deleting}
        onClose={() => setDeleting(null)}
        onDone={() => {
          setDeleting(null)
          list.reload()
        }}
      />
    </Stack>
  )
}
