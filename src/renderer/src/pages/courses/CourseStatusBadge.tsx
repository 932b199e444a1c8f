import { Badge } from '@mantine/core'

export function CourseStatusBadge({ status }: { status: string }) {
  return status === 'publish' ? (
    <Badge color="teal" variant="light" miw="max-content">
      Published
    </Badge>
  ) : (
    <Badge color="gray" variant="light" miw="max-content">
      {status === 'draft' ? 'Draft' : status}
    </Badge>
  )
}
