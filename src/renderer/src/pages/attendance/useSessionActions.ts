// What can be done to the open class as a whole: mark everyone unmarked as attended, sign
// it off, reopen it, print its sign-in sheet, export it. One runs at a time; `busy` names it
// so its button shows it working.
import { useState } from 'react'
import { lms } from '../../api/client'
import { useI18n, useT } from '../../i18n'
import { base64Blob, saveBlob } from '../../lib/download'
import { notifyError, notifySuccess } from '../../lib/notify'

export type SessionConfirm = 'markAll' | 'signOff'
export type SessionBusy = SessionConfirm | 'reopen' | 'sheet' | 'csv'

export function useSessionActions(classId: number | null) {
  const [confirm, setConfirm] = useState<SessionConfirm | null>(null)
  const [reopening, setReopening] = useState(false)
  const [busy, setBusy] = useState<SessionBusy | null>(null)
  const t = useT()

  const run = async (label: SessionBusy, action: (classId: number) => Promise<void>) => {
    setBusy(label)
    try {
      if (classId) await action(classId)
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(null)
    }
  }

  const markAll = () =>
    run('markAll', async (classId) => {
      const { marked } = await lms.call('attendance.markUnmarked', { classId })
      setConfirm(null)
      notifySuccess(t('attendance.markedAll', { count: marked }))
    })

  const signOff = () =>
    run('signOff', async (classId) => {
      await lms.call('attendance.signOff', { classId })
      setConfirm(null)
      notifySuccess(t('attendance.signedOffDone'))
    })

  const reopen = (reason: string) =>
    run('reopen', async (classId) => {
      await lms.call('attendance.reopen', { classId, reason })
      setReopening(false)
      notifySuccess(t('attendance.reopened'))
    })

  const downloadSheet = () =>
    run('sheet', async (classId) => {
      const { fileName, pdfBase64 } = await lms.call('attendance.signInSheet', { classId, locale: useI18n.getState().locale })
      saveBlob(base64Blob(pdfBase64, 'application/pdf'), fileName)
    })

  const exportCsv = () =>
    run('csv', async (classId) => {
      const { fileName, csv } = await lms.call('attendance.exportCsv', { classId, locale: useI18n.getState().locale })
      saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName)
    })

  return { confirm, setConfirm, reopening, setReopening, busy, markAll, signOff, reopen, downloadSheet, exportCsv }
}

export type SessionActions = ReturnType<typeof useSessionActions>
