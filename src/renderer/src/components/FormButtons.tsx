// The end of a form: Cancel, then the submit button, which shows the form is busy saving.
import { Button, Group, type GroupProps } from '@mantine/core'
import { useT } from '../i18n'

interface FormButtonsProps extends Omit<GroupProps, 'children'> {
  submitLabel: string
  busy: boolean
  onCancel(): void
  /** The submit button is off (nothing chosen yet); Cancel stays on. */
  submitDisabled?: boolean
}

export function FormButtons({ submitLabel, busy, onCancel, submitDisabled, ...group }: FormButtonsProps) {
  const t = useT()
  return (
    <Group justify="flex-end" {...group}>
      <Button variant="default" onClick={onCancel} disabled={busy}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={busy} disabled={submitDisabled}>
        {submitLabel}
      </Button>
    </Group>
  )
}
