// The hosted LMS address and API token. The token is never shown back; once saved, the
// form says where it is kept, and the warning when that is a file rather than the keychain.
import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import type { SyncStatus } from '../../../../shared/operations/sync'
import { lms } from '../../api/client'
import { useFormErrors } from '../../hooks/useFormErrors'
import { notifySuccess } from '../../lib/notify'
import { refreshSyncStatus, useSync } from '../../state/sync'
import { readableAlertTitle, TOKEN_STORAGE_LABELS } from './format'

const FIELDS = ['serverUrl', 'token'] as const

export function SyncSettings({ status }: { status: SyncStatus | null }) {
  const [serverUrl, setServerUrl] = useState('')
  const [token, setToken] = useState('')
  const [saving, setSaving] = useState(false)
  const { errors, formError, showError, clearField, reset, formRef } = useFormErrors(FIELDS)
  const savedUrl = status?.serverUrl ?? null

  // The saved address fills the field once it is known (and after a save elsewhere), unless the user is typing.
  const [touched, setTouched] = useState(false)
  useEffect(() => {
    if (!touched && savedUrl) setServerUrl(savedUrl)
  }, [savedUrl, touched])

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
      notifySuccess(`Sync is configured for ${next.serverUrl ?? serverUrl}.`, 'Hosted LMS saved')
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sync-settings-title">
      <Title order={2} size="h4" id="sync-settings-title" mb="sm">
        Hosted LMS
      </Title>
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Hosted LMS settings">
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label="Hosted LMS address"
            description="The web address of your LMS, for example https://lms.example.org"
            type="url"
            required
            value={serverUrl}
            onChange={(e) => {
              setServerUrl(e.currentTarget.value)
              setTouched(true)
              clearField('serverUrl')
            }}
            error={errors.serverUrl}
            autoComplete="url"
          />
          <PasswordInput
            label="API token"
            description={status?.configured ? 'A token is saved. Enter it again, or a new one, to save changes.' : 'From your LMS: Settings, API tokens.'}
            required
            value={token}
            onChange={(e) => {
              setToken(e.currentTarget.value)
              clearField('token')
            }}
            error={errors.token}
            autoComplete="off"
          />
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <SavedState status={status} />
            <Button type="submit" loading={saving}>
              Save
            </Button>
          </Group>
          {status?.tokenWarning && (
            <Alert color="yellow" variant="light" styles={readableAlertTitle} title="Where the token is kept" data-testid="token-warning">
              {status.tokenWarning}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  )
}

function SavedState({ status }: { status: SyncStatus | null }) {
  if (!status) return <Text size="sm">Reading the saved settings…</Text>
  if (!status.configured)
    return (
      <Text size="sm" data-testid="sync-configured">
        Not configured: changes stay on this computer until you set the address and token.
      </Text>
    )
  return (
    <Text size="sm" data-testid="sync-configured" style={{ overflowWrap: 'anywhere' }}>
      <strong>Configured</strong> for {status.serverUrl}. The token is kept {TOKEN_STORAGE_LABELS[status.tokenStorage]}.
    </Text>
  )
}
