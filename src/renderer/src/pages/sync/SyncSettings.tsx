// The hosted LMS address and API token. The token is never shown back; once saved, the
// form says where it is kept, and the warning when that is a file rather than the keychain.
import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import type { SyncStatus } from '../../../../shared/operations/sync'
import { readableAlertTitle, TOKEN_STORAGE_LABELS } from './format'
import { useI18n, useT } from '../../i18n'
import { useSyncSettingsForm } from './useSyncSettingsForm'

export function SyncSettings({ status }: { status: SyncStatus | null }) {
  const { serverUrl, changeUrl, token, changeToken, saving, errors, formError, formRef, submit } = useSyncSettingsForm(status?.serverUrl ?? null)
  const t = useT()
  const english = useI18n((s) => s.locale === 'en')

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
            onChange={(e) => changeUrl(e.currentTarget.value)}
            error={errors.serverUrl}
            autoComplete="url"
            dir="ltr"
          />
          <PasswordInput
            label={t('sync.settings.token')}
            description={status?.configured ? t('sync.settings.tokenSaved') : t('sync.settings.tokenWhere')}
            required
            value={token}
            onChange={(e) => changeToken(e.currentTarget.value)}
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
