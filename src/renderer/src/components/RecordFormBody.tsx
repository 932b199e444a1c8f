// What a create-and-edit modal shows: a loader while the record loads, why it could not
// load, or the form with what belongs to no field above it and Cancel / submit below.
import { Alert, Group, Loader, Stack } from '@mantine/core'
import type { FormEvent, ReactNode } from 'react'
import type { RecordForm } from '../hooks/useRecordForm'
import { FormButtons } from './FormButtons'

interface RecordFormBodyProps {
  form: Pick<RecordForm, 'loading' | 'loadError' | 'formRef' | 'formError' | 'saving' | 'guard'>
  /** The form's accessible name: the modal's title. */
  title: string
  loadingLabel: string
  loadFailedTitle: string
  submitLabel: string
  onSubmit(event: FormEvent): void
  /** Closes the form; asked first through the guard when it holds changes. */
  onCancel(): void
  children: ReactNode
}

export function RecordFormBody({ form, title, loadingLabel, loadFailedTitle, submitLabel, onSubmit, onCancel, children }: RecordFormBodyProps) {
  if (form.loading)
    return (
      <Group justify="center" py="xl">
        <Loader aria-label={loadingLabel} />
      </Group>
    )
  if (form.loadError)
    return (
      <Alert color="red" title={loadFailedTitle} role="alert">
        {form.loadError}
      </Alert>
    )
  return (
    <form ref={form.formRef} onSubmit={onSubmit} noValidate aria-label={title}>
      <Stack gap="sm">
        {form.formError && (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        )}
        {children}
        <FormButtons mt="sm" submitLabel={submitLabel} busy={form.saving} onCancel={() => form.guard.confirmDiscard(onCancel)} />
      </Stack>
    </form>
  )
}
