// What can be done with a parked change: retry it (as it is or corrected), or discard it
// after a confirmation. One at a time; each choice then reloads the list and, when it
// released something, sends it (useQueueChoices).
import { useState } from 'react'
import type { ParkedRecord } from '../../../../shared/operations/sync'
import { lms } from '../../api/client'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useQueueChoices } from './useQueueChoices'

export function useParkedActions(records: ParkedRecord[] | null, reload: () => void) {
  const [editing, setEditing] = useState<ParkedRecord | null>(null)
  const [discarding, setDiscarding] = useState<ParkedRecord | null>(null)
  const [busy, setBusy] = useState<number | null>(null)
  const { headingRef, chosen } = useQueueChoices(records, reload)
  const t = useT()

  /** Resolves true when the retry was accepted, or with the error it failed with. */
  async function retry(record: ParkedRecord, input?: Record<string, unknown>) {
    setBusy(record.id)
    try {
      const result = await lms.call('sync.retry', input ? { id: record.id, input } : { id: record.id })
      notifySuccess(apiMessage(result.message, 'parked.retried'))
      chosen({ send: true })
      return true
    } catch (e) {
      notifyError(e, t('parked.retryFailed'))
      return e
    } finally {
      setBusy(null)
    }
  }

  async function discard() {
    if (!discarding) return
    setBusy(discarding.id)
    try {
      const result = await lms.call('sync.discard', { id: discarding.id })
      notifySuccess(apiMessage(result.message, 'parked.discarded'))
      setDiscarding(null)
      chosen({ send: false })
    } catch (e) {
      notifyError(e, t('parked.discardFailed'))
    } finally {
      setBusy(null)
    }
  }

  return { editing, setEditing, discarding, setDiscarding, busy, headingRef, retry, discard }
}
