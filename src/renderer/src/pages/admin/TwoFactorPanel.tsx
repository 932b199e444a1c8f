// Two-factor authentication for the user being edited: set up (a new secret shown as a QR
// code and as text), confirm with the code the authenticator app shows, or turn off. The
// secret is shown only here, while setting up.
import { Alert, Badge, Button, Group, Image, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { TwoFactorSetup } from '../../../../shared/operations/two-factor'
import { lms } from '../../api/client'
import { errorMessage, fieldErrors } from '../../lib/errors'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useLmsQuery } from '../../data/queries'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'

export function TwoFactorPanel({ userId }: { userId: number }) {
  const state = useLmsQuery('twoFactor.get', { user_id: userId })
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null)
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const t = useT()
  const enabled = state.data?.enabled ?? false

  async function prepare() {
    setBusy(true)
    try {
      setSetup(await lms.call('twoFactor.prepare', { user_id: userId }))
      setCode('')
      setCodeError(null)
    } catch (error) {
      notifyError(error, t('twoFactor.prepareFailed'))
    } finally {
      setBusy(false)
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault()
    if (!setup?.as_string) return
    setBusy(true)
    try {
      const answer = await lms.call('twoFactor.confirm', { user_id: userId, secretCode: code.trim(), stringCode: setup.as_string })
      notifySuccess(apiMessage(answer.message, 'twoFactor.activated'))
      setSetup(null)
    } catch (error) {
      const fields = fieldErrors(error)
      setCodeError(fields.secretCode ?? fields.stringCode ?? errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  async function disable() {
    setBusy(true)
    try {
      notifySuccess(apiMessage((await lms.call('twoFactor.disable', { user_id: userId })).message, 'twoFactor.disabled'))
      setSetup(null)
    } catch (error) {
      notifyError(error, t('twoFactor.disableFailed'))
    } finally {
      setBusy(false)
    }
  }

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
            <Group align="flex-start" gap="md">
              <Image src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.as_qr_code ?? '')}`} alt={t('twoFactor.qrAlt')} w={160} h={160} />
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('twoFactor.key')}
                </Text>
                <Text size="sm" ff="monospace" dir="ltr" data-testid="two-factor-key">
                  {setup.as_string}
                </Text>
              </Stack>
            </Group>
            <Group align="flex-end">
              <TextInput
                label={t('twoFactor.code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(e) => {
                  setCode(e.currentTarget.value)
                  setCodeError(null)
                }}
                error={codeError}
                w={180}
              />
              <Button type="submit" loading={busy}>
                {t('twoFactor.turnOn')}
              </Button>
              <Button variant="default" onClick={() => setSetup(null)} disabled={busy}>
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
