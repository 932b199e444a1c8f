// What the delete-user dialog can do to one user: delete them (the hosted LMS may keep
// them, which is said as a warning) or, when they are enrolled, disable the account
// instead. Busy while either runs; the dialog is done after it, whatever the answer.
import { useState } from 'react'
import type { UserListRecord } from '../../../../shared/operations/users'
import { lms } from '../../api/client'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'

export function useUserDeleteActions(user: UserListRecord | null, name: string, onDone: () => void) {
  const [busy, setBusy] = useState(false)
  const t = useT()

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

  return { busy, remove, disable }
}
