// Correct a parked change's input, field by field, and send it again. Only the fields the
// user changed are sent (sync.retry merges them into the stored input); hidden values such
// as passwords are shown masked and kept as they are.
import { Alert, Code, Modal, Stack, Text } from '@mantine/core'
import { useMemo, useRef } from 'react'
import type { ParkedRecord } from '../../../../shared/operations/sync'
import { describeRecord } from './format'
import { useT } from '../../i18n'
import { FormButtons } from '../../components/FormButtons'
import { retryFields } from './retryFields'
import { RetryFieldInput } from './RetryFieldInput'
import { useRetryForm } from './useRetryForm'

interface Props {
  record: ParkedRecord | null
  onClose(): void
  /** Resolves true when the retry was accepted, or with the error it failed with. */
  onRetry(record: ParkedRecord, input: Record<string, unknown> | undefined): Promise<true | unknown>
}

export function EditRetryModal({ record, onClose, onRetry }: Props) {
  const t = useT()
  // What the modal shows while it closes: the last record, not an empty form.
  const shown = useRef<ParkedRecord | null>(null)
  if (record) shown.current = record
  const current = record ?? shown.current

  const fields = useMemo(() => retryFields(current), [current])
  const firstEditable = fields.find((f) => f.kind === 'text' || f.kind === 'number' || f.kind === 'json')?.key
  const { texts, flags, setText, setFlag, saving, errorOf, formError, formRef, submit } = useRetryForm(record, fields, onRetry)

  const title = current ? t('editRetry.titleFor', { what: describeRecord(current) }) : t('editRetry.title')
  return (
    <Modal opened={record !== null} onClose={saving ? () => undefined : onClose} title={title} size="lg">
      {current && (
        <form ref={formRef} onSubmit={submit} noValidate aria-label={t('editRetry.title')}>
          <Stack gap="sm">
            <Alert color="red" variant="light" title={t('editRetry.said')}>
              {current.reason || t('parked.noReason')}
            </Alert>
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            {fields.length === 0 ? (
              <Text size="sm">
                {t.rich('editRetry.noFields', { input: <Code>{JSON.stringify(current.input)}</Code> })}
              </Text>
            ) : (
              fields.map((f) => (
                <RetryFieldInput
                  key={f.key}
                  field={f}
                  text={texts[f.key] ?? ''}
                  flag={flags[f.key] ?? false}
                  error={errorOf(f.key)}
                  autofocus={f.key === firstEditable}
                  onText={(value) => setText(f.key, value)}
                  onFlag={(checked) => setFlag(f.key, checked)}
                />
              ))
            )}
            <Text size="xs" c="dimmed">
              {t('editRetry.onlyChanged')}
            </Text>
            <FormButtons submitLabel={t('editRetry.save')} busy={saving} onCancel={onClose} />
          </Stack>
        </form>
      )}
    </Modal>
  )
}
