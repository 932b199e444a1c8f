// One field of a parked change's input, by its kind: a hidden secret and an id of a record
// on this computer are shown and kept as they are; a switch, a JSON text area or a text
// (or number) input for the rest.
import { Switch, Textarea, TextInput } from '@mantine/core'
import { REDACTED } from '../../../../shared/contract/redaction'
import { useT } from '../../i18n'
import type { RetryField } from './retryFields'

interface RetryFieldInputProps {
  field: RetryField
  text: string
  flag: boolean
  error: string | undefined
  /** The first field to type in gets focus when the dialog opens. */
  autofocus: boolean
  onText(value: string): void
  onFlag(checked: boolean): void
}

export function RetryFieldInput({ field: f, text, flag, error, autofocus, onText, onFlag }: RetryFieldInputProps) {
  const t = useT()
  if (f.kind === 'secret') return <TextInput label={f.key} value={REDACTED} readOnly disabled description={t('editRetry.hidden')} />
  if (f.kind === 'reference') return <TextInput label={f.key} value={JSON.stringify(f.original)} readOnly disabled description={t('editRetry.reference')} />
  if (f.kind === 'boolean') return <Switch label={f.key} checked={flag} onChange={(e) => onFlag(e.currentTarget.checked)} error={error} />
  if (f.kind === 'json')
    return (
      <Textarea
        label={f.key}
        description={f.nestedRefs.length ? t('editRetry.jsonKeep', { fields: f.nestedRefs.join(', ') }) : t('editRetry.jsonHelp')}
        autosize
        minRows={1}
        maxRows={8}
        ff="monospace"
        value={text}
        onChange={(e) => onText(e.currentTarget.value)}
        error={error}
        data-autofocus={autofocus || undefined}
      />
    )
  return (
    <TextInput
      label={f.key}
      inputMode={f.kind === 'number' ? 'decimal' : undefined}
      value={text}
      onChange={(e) => onText(e.currentTarget.value)}
      error={error}
      autoComplete="off"
      data-autofocus={autofocus || undefined}
    />
  )
}
