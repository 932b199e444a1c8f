// Reopening a signed-off session is recorded with who, when and why.
import { Button, Group, Modal, Text, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import { formatDateTime } from '../../lib/format'

interface ReopenModalProps {
  opened: boolean
  signedOff: { at: string; by: string } | null
  busy: boolean
  onClose(): void
  onReopen(reason: string): void
}

export function ReopenModal({ opened, signedOff, busy, onClose, onReopen }: ReopenModalProps) {
  const [reason, setReason] = useState('')
  useEffect(() => {
    if (opened) setReason('')
  }, [opened])
  return (
    <Modal opened={opened} onClose={busy ? () => undefined : onClose} title="Reopen the session?" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          onReopen(reason)
        }}
      >
        <Text size="sm">
          {signedOff ? `Signed off by ${signedOff.by} on ${formatDateTime(signedOff.at)}. ` : ''}
          Reopening unlocks attendance; the reopen is recorded with your name and the time.
        </Text>
        <TextInput mt="md" label="Reason (optional)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} data-autofocus />
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Reopen session
          </Button>
        </Group>
      </form>
    </Modal>
  )
}
