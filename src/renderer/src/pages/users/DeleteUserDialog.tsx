// Delete one user, checked first: the hosted LMS keeps users who are enrolled in a course,
// so for them the dialog says so, names the courses (each links to where the enrollment is
// removed) and offers what can be done instead: disabling the account. Only a user without
// enrollments is offered Delete.
import { Alert, Button, Group, Loader, Modal, Text } from '@mantine/core'
import type { UserListRecord } from '../../../../shared/operations/users'
import { useLmsQuery } from '../../data/queries'
import { useT } from '../../i18n'
import { UserEnrolledCourses } from './UserEnrolledCourses'
import { useUserDeleteActions } from './useUserDeleteActions'

interface Props {
  user: UserListRecord | null
  onClose(): void
  onDone(): void
}

/** Courses named in the dialog; the rest are counted. */
const SHOWN = 5

export function DeleteUserDialog({ user, onClose, onDone }: Props) {
  const t = useT()
  const name = user ? [user.first_name, user.last_name].filter(Boolean).join(' ') : ''
  const enrolled = useLmsQuery('users.enrolledCourses', { user_id: user?.id ?? 0, page_size: SHOWN, page_number: 1 }, { enabled: user !== null })
  const count = enrolled.data?.recordsFiltered ?? 0
  const courses = enrolled.data?.records ?? []
  const { busy, remove, disable } = useUserDeleteActions(user, name, onDone)
  const checking = enrolled.loading || (!enrolled.data && !enrolled.error)
  return (
    <Modal opened={user !== null} onClose={busy ? () => undefined : onClose} title={count > 0 ? t('users.cannotDelete') : t('users.delete')} centered>
      {checking ? (
        <Group gap="xs">
          <Loader size="xs" aria-label={t('users.checking')} />
          <Text size="sm">{t('users.checkingNamed', { name })}</Text>
        </Group>
      ) : enrolled.error ? (
        <Alert color="red" role="alert" title={t('users.checkFailed')}>
          {enrolled.error}
        </Alert>
      ) : count > 0 ? (
        <UserEnrolledCourses user={user} name={name} count={count} courses={courses} onClose={onClose} />
      ) : (
        <Text size="sm">
          {t.rich('users.deleteConfirm', { name, email: <bdi>{user?.email}</bdi> })}
        </Text>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose} disabled={busy} data-autofocus={count > 0 || undefined}>
          {count > 0 ? t('common.close') : t('common.cancel')}
        </Button>
        {count > 0
          ? !user?.disabled && (
              <Button onClick={disable} loading={busy}>
                {t('users.disable')}
              </Button>
            )
          : !checking &&
            !enrolled.error && (
              <Button color="red" onClick={remove} loading={busy} data-autofocus>
                {t('users.delete')}
              </Button>
            )}
      </Group>
    </Modal>
  )
}
