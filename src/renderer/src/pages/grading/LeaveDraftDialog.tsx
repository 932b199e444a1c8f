// Asked before leaving a submission whose points or message were typed but not saved.
// The draft is already stored on this computer, so every answer is safe.
import { Button, Group, Modal, Text } from '@mantine/core'

export type LeaveChoice = 'save' | 'keep' | 'discard' | 'cancel'

interface LeaveDraftDialogProps {
  opened: boolean
  learner: string
  busy: boolean
  onChoose(choice: LeaveChoice): void
}

export function LeaveDraftDialog({ opened, learner, busy, onChoose }: LeaveDraftDialogProps) {
  return (
    <Modal opened={opened} onClose={() => !busy && onChoose('cancel')} title="Unsaved grade" centered size="lg">
      <Text size="sm">
        The points or message for {learner} are not saved as a grade yet. The draft is kept on this computer until you save or discard it.
      </Text>
      <Group justify="flex-end" mt="lg" gap="xs">
        <Button variant="default" onClick={() => onChoose('cancel')} disabled={busy} data-autofocus>
          Cancel
        </Button>
        <Button variant="default" color="red" onClick={() => onChoose('discard')} disabled={busy}>
          Discard draft
        </Button>
        <Button variant="default" onClick={() => onChoose('keep')} disabled={busy}>
          Keep draft
        </Button>
        <Button color="teal.9" onClick={() => onChoose('save')} loading={busy}>
          Save and accept
        </Button>
      </Group>
    </Modal>
  )
}
