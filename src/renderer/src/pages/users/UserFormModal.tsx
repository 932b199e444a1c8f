// Create and edit a user. What the user typed stays in the form when the engine
// answers with field errors; the messages appear under their inputs, all at once.
// Closing or leaving with unsaved changes asks first.
import { Group, PasswordInput, Switch, TextInput } from '@mantine/core'
import type { FormEvent } from 'react'
import { lms } from '../../api/client'
import { fetchLms } from '../../data/queries'
import { FormModal } from '../../components/FormModal'
import { RecordFormBody } from '../../components/RecordFormBody'
import { useRecordForm, type RecordEditing } from '../../hooks/useRecordForm'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { notifySuccess } from '../../lib/notify'
import { TwoFactorPanel } from '../admin/TwoFactorPanel'

export type UserEditing = RecordEditing

interface Values {
  firstName: string
  lastName: string
  email: string
  password: string
  password_confirmation: string
  disabled: boolean
}

const EMPTY: Values = { firstName: '', lastName: '', email: '', password: '', password_confirmation: '', disabled: false }
const FIELDS = ['firstName', 'lastName', 'email', 'password', 'password_confirmation', 'disabled'] as const

interface Props {
  editing: UserEditing
  onClose(): void
  onSaved(): void
}

export function UserFormModal({ editing, onClose, onSaved }: Props) {
  const t = useT()
  const form = useRecordForm(editing, {
    fields: FIELDS,
    empty: EMPTY,
    load: (id) => fetchLms('users.get', { id }),
    toValues: (u) => ({ ...EMPTY, firstName: u.firstName, lastName: u.lastName ?? '', email: u.email, disabled: u.disabled }),
  })
  const { values, set, errors, checkBeforeSend, editId, shownId, guard, record } = form
  const name = [values.firstName, values.lastName].filter(Boolean).join(' ')

  function submit(event: FormEvent) {
    event.preventDefault()
    void form.save(async () => {
      let message: string
      if (editId === null) {
        const input = {
          firstName: values.firstName,
          lastName: values.lastName,
          email: values.email,
          password: values.password,
          password_confirmation: values.password_confirmation,
        }
        if (!(await checkBeforeSend('users.create', input))) return
        message = (await lms.call('users.create', input)).message
      } else {
        // Disabled is sent only when switched here: the hosted LMS's may differ from this
        // computer's until sync has read it, and a rename must not undo it there.
        const switched = values.disabled !== record?.disabled
        const input = { id: editId, firstName: values.firstName, lastName: values.lastName, email: values.email, ...(switched ? { disabled: values.disabled } : {}) }
        if (!(await checkBeforeSend('users.update', input))) return
        message = (await lms.call('users.update', input)).message
      }
      notifySuccess(apiMessage(message, editId === null ? 'users.createdBody' : 'users.savedBody'), editId === null ? t('users.created', { name }) : t('users.saved', { name }))
      onSaved()
    })
  }

  const title = shownId === null ? t('users.newTitle') : t('users.editTitle')
  return (
    <FormModal opened={editing !== null} onClose={onClose} guard={guard} subject={t('users.subject')} title={title} size="lg">
      <RecordFormBody form={form} title={title} loadingLabel={t('users.loading')} loadFailedTitle={t('users.loadFailed')} submitLabel={shownId === null ? t('users.create') : t('common.saveChanges')} onSubmit={submit} onCancel={onClose}>
        <Group grow align="flex-start">
          <TextInput name="firstName" label={t('users.firstName')} required value={values.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={errors.firstName} data-autofocus autoComplete="off" />
          <TextInput name="lastName" label={t('users.lastName')} value={values.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={errors.lastName} autoComplete="off" />
        </Group>
        <TextInput name="email" label={t('users.email')} type="email" required value={values.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} autoComplete="off" />
        {shownId === null ? (
          <Group grow align="flex-start">
            <PasswordInput name="password" label={t('users.password')} description={t('users.passwordHelp')} required value={values.password} onChange={(e) => set('password', e.currentTarget.value)} error={errors.password} autoComplete="new-password" />
            <PasswordInput name="password_confirmation" label={t('users.confirmPassword')} required value={values.password_confirmation} onChange={(e) => set('password_confirmation', e.currentTarget.value)} error={errors.password_confirmation} autoComplete="new-password" />
          </Group>
        ) : (
          <Switch label={t('users.disabledSwitch')} checked={values.disabled} onChange={(e) => set('disabled', e.currentTarget.checked)} error={errors.disabled} />
        )}
      </RecordFormBody>
      {shownId !== null && !form.loading && !form.loadError && <TwoFactorPanel userId={shownId} />}
    </FormModal>
  )
}
