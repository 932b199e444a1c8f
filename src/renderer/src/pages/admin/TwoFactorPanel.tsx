// Two-factor authentication for the user being edited: set up (a new secret shown as a QR
// code and as text), confirm with the code the authenticator app shows, or turn off. The
// secret is shown only here, while setting up.
import { Alert, Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { useLmsQuery } from '../../data/queries'
import { useT } from '../../i18n'
import { TwoFactorSecret } from './TwoFactorSecret'
import { useTwoFactorSetup } from './useTwoFactorSetup'

export function TwoFactorPanel({ userId }: { userId: number }) {
  const state = useLmsQuery('twoFactor.get', { user_id: userId })
  const { setup, code, codeError, busy, prepare, confirm, disable, changeCode, cancel } = useTwoFactorSetup(userId)
  const t = useT()
  const enabled = state.data?.enabled ?? false

  return (
    <Stack gap="xs" mt="md" component="section" aria-labelledby="two-factor-heading">
      <Group justify="space-between">
        <Title order={3} size="h5" id="two-factor-heading">
          {t('twoFactor.title')}
        </Title>
        <Badge color={enabled ? 'teal' : 'gray'} variant="light">
          {state.loading && !state.data ? t('twoFactor.checking') : enabled ? t('twoFactor.on') : t('twoFactor.off')}
        </Badge>
      </Group>
      {state.error && (
        <Alert color="red" role="alert">
          {state.error}
        </Alert>
      )}
      {setup?.as_string ? (
        <form onSubmit={confirm} noValidate aria-label={t('twoFactor.confirmLabel')}>
          <Stack gap="xs">
            <Text size="sm">{t('twoFactor.scan')}</Text>
            <TwoFactorSecret setup={setup} />
            <Group align="flex-end">
              <TextInput
                label={t('twoFactor.code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(e) => changeCode(e.currentTarget.value)}
                error={codeError}
                w={180}
              />
              <Button type="submit" loading={busy}>
                {t('twoFactor.turnOn')}
              </Button>
              <Button variant="default" onClick={cancel} disabled={busy}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Group>
          {enabled && <Text size="sm">{t('twoFactor.again')}</Text>}
          <Button variant="light" onClick={prepare} loading={busy}>
            {enabled ? t('twoFactor.setUpAgain') : t('twoFactor.setUp')}
          </Button>
          {enabled && (
            <Button variant="subtle" color="red" onClick={disable} disabled={busy}>
              {t('twoFactor.turnOff')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  )
}
