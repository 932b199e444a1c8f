// Reopening a signed-off session is recorded with who, when and why.
import { Modal, Text, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useT } from '../../i18n'
import { formatDateTime } from '../../lib/format'
import { FormButtons } from '../../components/FormButtons'

interface ReopenModalProps {
  opened: boolean
  signedOff: { at: string; by: string } | null
  busy: boolean
  onClose(): void
  onReopen(reason: string): void
}

export function ReopenModal({ opened, signedOff, busy, onClose, onReopen }: ReopenModalProps) {
  const [reason, setReason] = useState('')
  const t = useT()
  useEffect(() => {
    if (opened) setReason('')
  }, [opened])
  return (
    <Modal opened={opened} onClose={busy ? () => undefined : onClose} title={t('reopen.title')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          onReopen(reason)
        }}
      >
        <Text size="sm">
          {signedOff ? t('reopen.bodySignedOff', { by: signedOff.by, at: formatDateTime(signedOff.at) }) : t('reopen.body')}
        </Text>
        <TextInput mt="md" label={t('reopen.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} data-autofocus />
        <FormButtons mt="lg" submitLabel={t('attendance.reopenSession')} busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  )
}
