// The question asked before unsaved changes are thrown away (see useUnsavedChanges).
// Keeping them is the default: it has the focus, and Esc or a click outside keeps too.
import { Button, Group, Modal, Text } from '@mantine/core'
import type { UnsavedChanges } from '../hooks/useUnsavedChanges'

/** `subject` names what was being edited ("the coupon"), if the question should say. */
export function DiscardChangesDialog({ dialog, subject }: { dialog: UnsavedChanges['dialog']; subject?: string }) {
  return (
    <Modal opened={dialog.opened} onClose={dialog.onKeep} title="Discard unsaved changes?" centered zIndex={400}>
      <Text size="sm">{subject ? `Your changes to ${subject} are not saved.` : 'Your changes are not saved.'} Discard them, or keep editing?</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" color="red" onClick={dialog.onDiscard}>
          Discard changes
        </Button>
        <Button onClick={dialog.onKeep} data-autofocus>
          Keep editing
        </Button>
      </Group>
    </Modal>
  )
}
