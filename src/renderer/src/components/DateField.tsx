// A date input (the browser's own picker). Esc in it closes the picker, never the dialog
// around it: Mantine's modals leave alone an Esc whose target carries
// data-mantine-stop-propagation. A date typed only in part is reported by useFormErrors.
import { TextInput, type TextInputProps } from '@mantine/core'

export function DateField(props: Omit<TextInputProps, 'type'> & { name: string }) {
  return <TextInput {...props} type="date" data-mantine-stop-propagation="true" />
}
