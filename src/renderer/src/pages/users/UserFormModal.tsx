// Create and edit a user. What the user typed stays in the form when the engine
// answers with field errors; the messages appear under their inputs, all at once.
// Closing or leaving with unsaved changes asks first.
import { Alert, Button, Group, Loader, PasswordInput, Stack, Switch, TextInput } from '@mantine/core'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { lms } from '../../api/client'
import { fetchLms } from '../../data/queries'
import { FormModal } from '../../components/FormModal'
import { useFormErrors } from '../../hooks/useFormErrors'
import { changedFrom, useUnsavedChanges } from '../../hooks/useUnsavedChanges'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { errorMessage } from '../../lib/errors'
import { notifySuccess } from '../../lib/notify'
import { TwoFactorPanel } from '../admin/TwoFactorPanel'

export type UserEditing = { mode: 'create' } | { mode: 'edit'; id: number } | null

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
  const [values, setValues] = useState<Values>(EMPTY)
  const [initial, setInitial] = useState<Values | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [saving, setSaving] = useState(false)
  const t = useT()
  const { errors, formError, showError, checkBeforeSend, clearField, reset, formRef } = useFormErrors(FIELDS)
  const editId = editing?.mode === 'edit' ? editing.id : null
  // What the modal shows while it closes: the last form, not a flash of the create form.
  const shown = useRef<number | null>(null)
  if (editing) shown.current = editId
  const shownId = editing ? editId : shown.current

  useEffect(() => {
    if (!editing) return
    reset()
    setValues(EMPTY)
    setLoadError(null)
    setInitial(editId === null ? EMPTY : null)
    if (editId === null) return
    let current = true
    setLoading(true)
    fetchLms('users.get', { id: editId })
      .then((u) => {
        if (!current) return
        const loaded = { ...EMPTY, firstName: u.firstName, lastName: u.lastName ?? '', email: u.email, disabled: u.disabled }
        setValues(loaded)
        setInitial(loaded)
      })
      .catch((e: unknown) => current && setLoadError(errorMessage(e)))
      .finally(() => current && setLoading(false))
    return () => {
      current = false
    }
  }, [editing, editId, reset])

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }))
    clearField(field)
  }

  const guard = useUnsavedChanges(editing !== null && changedFrom(initial, values))
  const name = [values.firstName, values.lastName].filter(Boolean).join(' ')

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    try {
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
        const input = { id: editId, firstName: values.firstName, lastName: values.lastName, email: values.email, disabled: values.disabled }
        if (!(await checkBeforeSend('users.update', input))) return
        message = (await lms.call('users.update', input)).message
      }
      notifySuccess(apiMessage(message, editId === null ? 'users.createdBody' : 'users.savedBody'), editId === null ? t('users.created', { name }) : t('users.saved', { name }))
      onSaved()
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  const title = shownId === null ? t('users.newTitle') : t('users.editTitle')
  return (
    <FormModal opened={editing !== null} onClose={onClose} guard={guard} subject={t('users.subject')} title={title} size="lg">
      {loading ? (
        <Group justify="center" py="xl">
          <Loader aria-label={t('users.loading')} />
        </Group>
      ) : loadError ? (
        <Alert color="red" title={t('users.loadFailed')} role="alert">
          {loadError}
        </Alert>
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate aria-label={title}>
          <Stack gap="sm">
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
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
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={() => guard.confirmDiscard(onClose)} disabled={saving}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={saving}>
                {shownId === null ? t('users.create') : t('common.saveChanges')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {shownId !== null && !loading && !loadError && <TwoFactorPanel userId={shownId} />}
    </FormModal>
  )
}
