// The new two-factor secret while it is being set up: as a QR code for the authenticator
// app to scan, and as text to type in.
import { Group, Image, Stack, Text } from '@mantine/core'
import type { TwoFactorSetup } from '../../../../shared/operations/two-factor'
import { useT } from '../../i18n'

export function TwoFactorSecret({ setup }: { setup: TwoFactorSetup }) {
  const t = useT()
  return (
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
  )
}
