import { Anchor, Button, Group } from '@mantine/core'
import type { CourseListRecord } from '../../../../shared/operations/courses'
import type { Column } from '../../components/ServerTable'
import { routeHref } from '../../state/navigation'
import { CourseStatusBadge } from './CourseStatusBadge'
import { formatDate, formatNumber } from '../../lib/format'

export type CourseSortColumn = 'id' | 'name' | 'slug' | 'status' | 'created_at' | 'author'

interface Actions {
  onEdit(course: CourseListRecord): void
  onDelete(course: CourseListRecord): void
}

export function courseColumns({ onEdit, onDelete }: Actions): Column<CourseListRecord, CourseSortColumn>[] {
  return [
    {
      key: 'name',
      header: 'Name',
      sortBy: 'name',
      render: (c) => (
        <Anchor href={routeHref({ page: 'courses', courseId: c.id })} size="sm" fw={500}>
          {c.name}
        </Anchor>
      ),
    },
    { key: 'slug', header: 'Slug', sortBy: 'slug', render: (c) => c.slug },
    { key: 'status', header: 'Status', sortBy: 'status', render: (c) => <CourseStatusBadge status={c.status} /> },
    { key: 'enrolled', header: 'Enrolled', render: (c) => formatNumber(c.enrolled) },
    { key: 'author', header: 'Author', sortBy: 'author', render: (c) => c.author },
    { key: 'created_at', header: 'Created', sortBy: 'created_at', render: (c) => formatDate(c.created_at) },
    {
      key: 'actions',
      header: 'Actions',
      hiddenHeader: true,
      render: (c) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-sm" variant="subtle" onClick={() => onEdit(c)} aria-label={`Edit ${c.name}`}>
            Edit
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => onDelete(c)} aria-label={`Delete ${c.name}`}>
            Delete
          </Button>
        </Group>
      ),
    },
  ]
}
