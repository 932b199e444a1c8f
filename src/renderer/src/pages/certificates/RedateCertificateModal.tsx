// Changing a certificate's issue date (its expiry moves with it). The date field starts at
// the certificate's own date each time the dialog opens; a refused date is shown on the field.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import type { UserCertificateRecord } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { useT } from '../../i18n'
import { errorMessage } from '../../lib/errors'
import { toDate } from '../../lib/format'
import { notifySuccess } from '../../lib/notify'

/** yyyy-mm-dd of a day in local time, as a date input holds it. */
function dateInputValue(value: string): string {
  const d = toDate(value) ?? new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

export function RedateCertificateModal({ certificate, onClose }: { certificate: UserCertificateRecord | null; onClose(): void }) {
  const [date, setDate] = useState('')
  const [busy, setBusy] = useState(false)
  const [dateError, setDateError] = useState<string | null>(null)
  const t = useT()
  // Opening the dialog for a certificate (again) starts from its date, set while rendering so the first frame shows it.
  const [openedFor, setOpenedFor] = useState<UserCertificateRecord | null>(null)
  if (certificate !== openedFor) {
    setOpenedFor(certificate)
    if (certificate) {
      setDate(dateInputValue(certificate.issueDate))
      setDateError(null)
    }
  }

  async function saveDate() {
    if (!certificate) return
    setBusy(true)
    setDateError(null)
    try {
      await lms.call('userCertificates.updateIssueDate', { rowId: certificate.id, newIssueDate: `${date} 00:00:00` })
      notifySuccess(t('certs.learner.dateChanged'))
      onClose()
    } catch (e) {
      setDateError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={certificate !== null} onClose={onClose} title={t('certs.learner.dateTitle')} centered>
      <Stack gap="sm">
        <TextInput label={t('certs.learner.newDate')} type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={dateError} data-autofocus />
        <Text size="xs" c="dimmed">
          {t('certs.learner.expiryMoves')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void saveDate()} loading={busy} disabled={!date}>
            {t('certs.learner.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
