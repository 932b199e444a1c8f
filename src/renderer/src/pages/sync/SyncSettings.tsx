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
import { useI18n, useT } from '../../i18n'

const FIELDS = ['serverUrl', 'token'] as const

export function SyncSettings({ status }: { status: SyncStatus | null }) {
  const [serverUrl, setServerUrl] = useState('')
  const [token, setToken] = useState('')
  const [saving, setSaving] = useState(false)
  const { errors, formError, showError, clearField, reset, formRef } = useFormErrors(FIELDS)
  const savedUrl = status?.serverUrl ?? null
  const t = useT()
  const english = useI18n((s) => s.locale === 'en')

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
      notifySuccess(t('sync.settings.savedBody', { url: next.serverUrl ?? serverUrl }), t('sync.settings.saved'))
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sync-settings-title">
      <Title order={2} size="h4" id="sync-settings-title" mb="sm">
        {t('sync.settings.title')}
      </Title>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('sync.settings.formLabel')}>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput
            label={t('sync.settings.address')}
            description={t('sync.settings.addressHelp')}
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
            dir="ltr"
          />
          <PasswordInput
            label={t('sync.settings.token')}
            description={status?.configured ? t('sync.settings.tokenSaved') : t('sync.settings.tokenWhere')}
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
              {t('sync.settings.save')}
            </Button>
          </Group>
          {status?.tokenWarning && (
            <Alert color="yellow" variant="light" styles={readableAlertTitle} title={t('sync.settings.tokenKept')} data-testid="token-warning">
              {english ? status.tokenWarning : t('sync.settings.tokenWarning')}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  )
}

function SavedState({ status }: { status: SyncStatus | null }) {
  const t = useT()
  if (!status) return <Text size="sm">{t('sync.settings.reading')}</Text>
  if (!status.configured)
    return (
      <Text size="sm" data-testid="sync-configured">
        {t('sync.settings.notConfigured')}
      </Text>
    )
  return (
    <Text size="sm" data-testid="sync-configured" style={{ overflowWrap: 'anywhere' }}>
      {t.rich('sync.settings.configured', { b: (chunks) => <strong>{chunks}</strong>, url: <bdi>{status.serverUrl}</bdi>, where: t(TOKEN_STORAGE_LABELS[status.tokenStorage]) })}
    </Text>
  )
}
