// The sync settings form's values: the address, filled in with the saved one until the user
// types; the token, never shown back and emptied once saved; saving configures sync and
// refreshes its status, and field errors clear as their field changes.
import { useEffect, useState, type FormEvent } from 'react'
import { lms } from '../../api/client'
import { useFormErrors } from '../../hooks/useFormErrors'
import { useT } from '../../i18n'
import { notifySuccess } from '../../lib/notify'
import { refreshSyncStatus, useSync } from '../../state/sync'

const FIELDS = ['serverUrl', 'token'] as const

export function useSyncSettingsForm(savedUrl: string | null) {
  const [serverUrl, setServerUrl] = useState('')
  const [token, setToken] = useState('')
  const [saving, setSaving] = useState(false)
  const { errors, formError, showError, clearField, reset, formRef } = useFormErrors(FIELDS)
  const t = useT()

  // The saved address fills the field once it is known (and after a save elsewhere), unless the user is typing.
  const [touched, setTouched] = useState(false)
  useEffect(() => {
    if (!touched && savedUrl) setServerUrl(savedUrl)
  }, [savedUrl, touched])

  const changeUrl = (value: string) => {
    setServerUrl(value)
    setTouched(true)
    clearField('serverUrl')
  }
  const changeToken = (value: string) => {
    setToken(value)
    clearField('token')
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    try {
      const next = await lms.call('sync.configure', { serverUrl, token })
      reset()
      setToken('')
      setTouched(false)
      useSync.setState({ status: next })
      void refreshSyncStatus()
      notifySuccess(t('sync.settings.savedBody', { url: next.serverUrl ?? serverUrl }), t('sync.settings.saved'))
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return { serverUrl, changeUrl, token, changeToken, saving, errors, formError, formRef, submit }
}
