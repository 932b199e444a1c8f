// Asked before leaving a submission whose points or message were typed but not saved.
// The draft is already stored on this computer, so every answer is safe.
import { Button, Group, Modal, Text } from '@mantine/core'
import { useT } from '../../i18n'

export type LeaveChoice = 'save' | 'keep' | 'discard' | 'cancel'

interface LeaveDraftDialogProps {
  opened: boolean
  learner: string
  busy: boolean
  onChoose(choice: LeaveChoice): void
}

export function LeaveDraftDialog({ opened, learner, busy, onChoose }: LeaveDraftDialogProps) {
  const t = useT()
  return (
    <Modal opened={opened} onClose={() => !busy && onChoose('cancel')} title={t('grading.leave.title')} centered size="lg">
      <Text size="sm">{t('grading.leave.body', { learner })}</Text>
      <Group justify="flex-end" mt="lg" gap="xs">
        <Button variant="default" onClick={() => onChoose('cancel')} disabled={busy} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button variant="default" color="red" onClick={() => onChoose('discard')} disabled={busy}>
          {t('grading.leave.discard')}
        </Button>
        <Button variant="default" onClick={() => onChoose('keep')} disabled={busy}>
          {t('grading.leave.keep')}
        </Button>
        <Button color="teal.9" onClick={() => onChoose('save')} loading={busy}>
          {t('grading.leave.save')}
        </Button>
      </Group>
    </Modal>
  )
}
