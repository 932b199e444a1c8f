// Deleting a row of an admin list once the user confirms: the row asked about, busy while
// the engine answers, and what it said (deleted, or kept with the documented reason).
import { useState } from 'react'
import { lms } from '../../api/client'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import type { AdminConfig, LooseCall } from './adminConfig'

const call = lms.call as unknown as LooseCall

export function useAdminDelete<R extends { id: number }, C extends string>(config: AdminConfig<R, C>, onDeleted: () => void) {
  const [deleting, setDeleting] = useState<R | null>(null)
  const [busy, setBusy] = useState(false)
  const t = useT()
  const { remove } = config

  async function confirmDelete() {
    if (!deleting || !remove) return
    const name = config.describe(deleting)
    setBusy(true)
    try {
      const outcome = remove.read(await call(remove.operation, remove.input(deleting.id)))
      if (outcome.notDeleted.includes(deleting.id)) notifyWarning(apiMessage(outcome.message, 'admin.notDeletedBody'), t('admin.notDeleted', { name }))
      else notifySuccess(apiMessage(outcome.message, 'admin.deletedBody'), t('admin.deleted', { name }))
      onDeleted()
      setDeleting(null)
    } catch (error) {
      notifyError(error, t('admin.deleteFailed', { name }))
    } finally {
      setBusy(false)
    }
  }

  return { deleting, setDeleting, busy, confirmDelete }
}
