// A confirmation step before a destructive operation. The dialog stays open while the
// operation runs; the page decides what to announce afterwards.
import { Button, Group, Modal, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useT } from '../i18n'

interface ConfirmDialogProps {
  opened: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  busy?: boolean
  onConfirm(): void
  onClose(): void
}

export function ConfirmDialog({ opened, title, children, confirmLabel, busy, onConfirm, onClose }: ConfirmDialogProps) {
  const t = useT()
  return (
    <Modal opened={opened} onClose={busy ? () => undefined : onClose} title={title} centered>
      <Text size="sm">{children}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={onConfirm} loading={busy} data-autofocus>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  )
}
