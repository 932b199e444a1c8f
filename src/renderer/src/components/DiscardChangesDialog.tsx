// The question asked before unsaved changes are thrown away (see useUnsavedChanges).
// Keeping them is the default: it has the focus, and Esc or a click outside keeps too.
import { Button, Group, Modal, Text } from '@mantine/core'
import type { UnsavedChanges } from '../hooks/useUnsavedChanges'
import { useT } from '../i18n'

/** `subject` names what was being edited ("the coupon"), if the question should say. */
export function DiscardChangesDialog({ dialog, subject }: { dialog: UnsavedChanges['dialog']; subject?: string }) {
  const t = useT()
  return (
    <Modal opened={dialog.opened} onClose={dialog.onKeep} title={t('discard.title')} centered zIndex={400}>
      <Text size="sm">{subject ? t('discard.bodyNamed', { subject }) : t('discard.body')}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" color="red" onClick={dialog.onDiscard}>
          {t('discard.discard')}
        </Button>
        <Button onClick={dialog.onKeep} data-autofocus>
          {t('discard.keep')}
        </Button>
      </Group>
    </Modal>
  )
}
