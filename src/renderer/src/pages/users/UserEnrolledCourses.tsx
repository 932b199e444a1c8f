// Why an enrolled user cannot be deleted: the courses they are enrolled in, each a link to
// where the enrollment is removed (the first few named, the rest counted), and whether the
// account is disabled already.
import { Anchor, List, Stack, Text } from '@mantine/core'
import type { EnrolledCourseRecord, UserListRecord } from '../../../../shared/operations/users'
import { useT } from '../../i18n'
import { routeHref } from '../../state/navigation'

interface Props {
  user: UserListRecord | null
  name: string
  /** Every course the user is enrolled in; `courses` holds the first of them. */
  count: number
  courses: EnrolledCourseRecord[]
  /** Following a course's link closes the dialog. */
  onClose(): void
}

export function UserEnrolledCourses({ user, name, count, courses, onClose }: Props) {
  const t = useT()
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t.rich('users.enrolledBody', { name, email: <bdi>{user?.email}</bdi>, count })}
      </Text>
      <List size="sm" spacing={2}>
        {courses.map((c) => (
          <List.Item key={c.id}>
            <Anchor href={routeHref({ page: 'courses', courseId: c.courseId })} size="sm" onClick={onClose}>
              {c.courseName}
            </Anchor>
          </List.Item>
        ))}
        {count > courses.length && <List.Item>{t('users.moreCourses', { count: count - courses.length })}</List.Item>}
      </List>
      {user?.disabled && <Text size="sm">{t('users.alreadyDisabled')}</Text>}
    </Stack>
  )
}
