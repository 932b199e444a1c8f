// Delete one user, checked first: the hosted LMS keeps users who are enrolled in a course,
// so for them the dialog says so, names the courses (each links to where the enrollment is
// removed) and offers what can be done instead: disabling the account. Only a user without
// enrollments is offered Delete.
import { Alert, Anchor, Button, Group, List, Loader, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { UserListRecord } from '../../../../shared/operations/users'
import { lms } from '../../api/client'
import { useLmsQuery } from '../../data/queries'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import { routeHref } from '../../state/navigation'

interface Props {
  user: UserListRecord | null
  onClose(): void
  onDone(): void
}

/** Courses named in the dialog; the rest are counted. */
const SHOWN = 5

export function DeleteUserDialog({ user, onClose, onDone }: Props) {
  const [busy, setBusy] = useState(false)
  const t = useT()
  const name = user ? [user.first_name, user.last_name].filter(Boolean).join(' ') : ''
  const enrolled = useLmsQuery('users.enrolledCourses', { user_id: user?.id ?? 0, page_size: SHOWN, page_number: 1 }, { enabled: user !== null })
  const count = enrolled.data?.recordsFiltered ?? 0
  const courses = enrolled.data?.records ?? []

  async function run(action: () => Promise<void>) {
    setBusy(true)
    try {
      await action()
      onDone()
    } finally {
      setBusy(false)
    }
  }

  const remove = () =>
    run(async () => {
      if (!user) return
      try {
        const result = await lms.call('users.delete', { delete_ids: [user.id] })
        if (result.notDeleted.length) notifyWarning(apiMessage(result.message, 'users.notDeletedBody', { name }), t('users.notDeleted', { name }))
        else notifySuccess(apiMessage(result.message, 'users.deletedBody'), t('users.deleted', { name }))
      } catch (error) {
        notifyError(error, t('users.deleteFailed', { name }))
      }
    })

  const disable = () =>
    run(async () => {
      if (!user) return
      try {
        await lms.call('users.quickEdit', { user_ids: [user.id], disabled: true })
        notifySuccess(t('users.disabledBody', { name }), t('users.disabledTitle', { name }))
      } catch (error) {
        notifyError(error, t('users.disableFailed', { name }))
      }
    })

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
