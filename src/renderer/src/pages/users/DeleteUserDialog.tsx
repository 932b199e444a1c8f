// Delete one user after confirmation. The engine refuses users with enrollments; its
// message is shown as it is.
import { useState } from 'react'
import type { UserListRecord } from '../../../../shared/operations/users'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'

interface Props {
  user: UserListRecord | null
  onClose(): void
  onDone(): void
}

export function DeleteUserDialog({ user, onClose, onDone }: Props) {
  const [busy, setBusy] = useState(false)
  const name = user ? [user.first_name, user.last_name].filter(Boolean).join(' ') : ''

  async function confirm() {
    if (!user) return
    setBusy(true)
    try {
      const result = await lms.call('users.delete', { delete_ids: [user.id] })
      if (result.notDeleted.length) notifyWarning(result.message, `${name} was not deleted`)
      else notifySuccess(result.message, `${name} deleted`)
      onDone()
    } catch (error) {
      notifyError(error, `Could not delete ${name}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <ConfirmDialog opened={user !== null} title="Delete user" confirmLabel="Delete user" busy={busy} onConfirm={confirm} onClose={onClose}>
      Delete {name} ({user?.email})? Users who are enrolled in a course are not deleted; remove their enrollments first.
    </ConfirmDialog>
  )
}
