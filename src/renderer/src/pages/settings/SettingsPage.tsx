// The app's settings, kept per profile by the engine: the language (with the system's as
// the default). A change applies at once, to every screen and to the files written later.
import { Paper, Stack, Text, Title } from '@mantine/core'
import { LanguageSelect } from '../../components/LanguageSelect'
import { PageHeader } from '../../components/PageHeader'
import { useT } from '../../i18n'

export function SettingsPage() {
  const t = useT()
  return (
    <Stack gap="md">
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} />
      <Paper withBorder p="md" component="section" aria-labelledby="settings-language" maw={560}>
        <Title order={2} size="h4" id="settings-language" mb="xs">
          {t('settings.language')}
        </Title>
        <Text size="sm" mb="sm">
          {t('settings.languageHelp')}
        </Text>
        <LanguageSelect />
      </Paper>
    </Stack>
  )
}
