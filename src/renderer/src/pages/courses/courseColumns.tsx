import type { SortKey } from '../../../../shared/operations/lists'
import { Anchor, Button, Group } from '@mantine/core'
import type { CourseListRecord } from '../../../../shared/operations/courses'
import type { Column } from '../../components/ServerTable'
import { routeHref } from '../../state/navigation'
import { CourseStatusBadge } from './CourseStatusBadge'
import { formatDate, formatNumber } from '../../lib/format'
import { t } from '../../i18n'

export type CourseSortColumn = SortKey<'courses.tabularList'>

interface Actions {
  onEdit(course: CourseListRecord): void
  onDelete(course: CourseListRecord): void
}

export function courseColumns({ onEdit, onDelete }: Actions): Column<CourseListRecord, CourseSortColumn>[] {
  return [
    {
      key: 'name',
      header: 'courses.col.name',
      sortBy: 'name',
      render: (c) => (
        <Anchor href={routeHref({ page: 'courses', courseId: c.id })} size="sm" fw={500}>
          {c.name}
        </Anchor>
      ),
    },
    { key: 'slug', header: 'courses.col.slug', sortBy: 'slug', render: (c) => <bdi>{c.slug}</bdi> },
    { key: 'status', header: 'courses.col.status', sortBy: 'status', render: (c) => <CourseStatusBadge status={c.status} /> },
    { key: 'enrolled', header: 'courses.col.enrolled', render: (c) => formatNumber(c.enrolled) },
    { key: 'author', header: 'courses.col.author', sortBy: 'author', render: (c) => c.author },
    { key: 'created_at', header: 'courses.col.created', sortBy: 'created_at', render: (c) => formatDate(c.created_at) },
    {
      key: 'actions',
      header: 'common.actions',
      hiddenHeader: true,
      render: (c) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-sm" variant="subtle" onClick={() => onEdit(c)} aria-label={t('common.editNamed', { name: c.name })}>
            {t('common.edit')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => onDelete(c)} aria-label={t('common.deleteNamed', { name: c.name })}>
            {t('common.delete')}
          </Button>
        </Group>
      ),
    },
  ]
}
