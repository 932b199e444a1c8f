// Confirming a certificate's removal: it is deleted while the dialog stays open, then
// the removal is announced.
import type { UserCertificateRecord } from '../../../../shared/operations/certificates'
import { useState } from 'react'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useT } from '../../i18n'
import { notifyError, notifySuccess } from '../../lib/notify'

export function RemoveCertificateDialog({ certificate, onClose }: { certificate: UserCertificateRecord | null; onClose(): void }) {
  const [busy, setBusy] = useState(false)
  const t = useT()

  async function remove() {
    if (!certificate) return
    setBusy(true)
    try {
      await lms.call('userCertificates.delete', { id: certificate.id })
      notifySuccess(t('certs.learner.removed', { course: certificate.courseName }))
      onClose()
    } catch (e) {
      notifyError(e, t('certs.learner.removeFailed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <ConfirmDialog opened={certificate !== null} title={t('certs.learner.removeTitle')} confirmLabel={t('certs.learner.remove')} busy={busy} onConfirm={() => void remove()} onClose={onClose}>
      {t('certs.learner.removeConfirm', { course: certificate?.courseName ?? '', code: certificate?.code ?? '' })}
    </ConfirmDialog>
  )
}
