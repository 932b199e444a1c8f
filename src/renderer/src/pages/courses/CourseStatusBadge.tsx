import { Badge } from '@mantine/core'
import { useT } from '../../i18n'

export function CourseStatusBadge({ status }: { status: string }) {
  const t = useT()
  return status === 'publish' ? (
    <Badge color="teal" variant="light" miw="max-content">
      {t('courses.published')}
    </Badge>
  ) : (
    <Badge color="gray" variant="light" miw="max-content">
      {status === 'draft' ? t('courses.draft') : status}
    </Badge>
  )
}
