import { Badge } from '@mantine/core'

export function CourseStatusBadge({ status }: { status: string }) {
  return status === 'publish' ? (
    <Badge color="teal" variant="light">
      Published
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      {status === 'draft' ? 'Draft' : status}
    </Badge>
  )
}
