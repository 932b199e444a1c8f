// Delete one user, checked first: the hosted LMS keeps users who are enrolled in a course,
// so for them the dialog says so, names the courses (each links to where the enrollment is
// removed) and offers what can be done instead: disabling the account. Only a user without
// enrollments is offered Delete.
import { Alert, Anchor, Button, Group, List, Loader, Modal, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { UserListRecord } from '../../../../shared/operations/users'
import { lms } from '../../api/client'
import { useLmsQuery } from '../../data/queries'
import { plural } from '../../lib/format'
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
        if (result.notDeleted.length) notifyWarning(result.message, `${name} was not deleted`)
        else notifySuccess(result.message, `${name} deleted`)
      } catch (error) {
        notifyError(error, `Could not delete ${name}`)
      }
    })

  const disable = () =>
    run(async () => {
      if (!user) return
      try {
        await lms.call('users.quickEdit', { user_ids: [user.id], disabled: true })
        notifySuccess(`${name} can no longer sign in. Their enrollments and progress are kept.`, `${name} disabled`)
      } catch (error) {
        notifyError(error, `Could not disable ${name}`)
      }
    })

  const checking = enrolled.loading || (!enrolled.data && !enrolled.error)
  return (
    <Modal opened={user !== null} onClose={busy ? () => undefined : onClose} title={count > 0 ? 'This user cannot be deleted' : 'Delete user'} centered>
      {checking ? (
        <Group gap="xs">
          <Loader size="xs" aria-label="Checking enrollments" />
          <Text size="sm">Checking {name}’s enrollments…</Text>
        </Group>
      ) : enrolled.error ? (
        <Alert color="red" role="alert" title="Could not check the enrollments">
          {enrolled.error}
        </Alert>
      ) : count > 0 ? (
        <Stack gap="xs">
          <Text size="sm">
            {name} ({user?.email}) is enrolled in {plural(count, 'course', 'courses')}, and a user with enrollments is not deleted. Disable the account instead (they can no
            longer sign in; their progress is kept), or remove the enrollments first:
          </Text>
          <List size="sm" spacing={2}>
            {courses.map((c) => (
              <List.Item key={c.id}>
                <Anchor href={routeHref({ page: 'courses', courseId: c.courseId })} size="sm" onClick={onClose}>
                  {c.courseName}
                </Anchor>
              </List.Item>
            ))}
            {count > courses.length && <List.Item>{plural(count - courses.length, 'more course', 'more courses')}</List.Item>}
          </List>
          {user?.disabled && <Text size="sm">The account is already disabled.</Text>}
        </Stack>
      ) : (
        <Text size="sm">
          Delete {name} ({user?.email})? The account is removed here now and from the hosted LMS at the next sync.
        </Text>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose} disabled={busy} data-autofocus={count > 0 || undefined}>
          {count > 0 ? 'Close' : 'Cancel'}
        </Button>
        {count > 0
          ? !user?.disabled && (
              <Button onClick={disable} loading={busy}>
                Disable user
              </Button>
            )
          : !checking &&
            !enrolled.error && (
              <Button color="red" onClick={remove} loading={busy} data-autofocus>
                Delete user
              </Button>
            )}
      </Group>
    </Modal>
  )
}
