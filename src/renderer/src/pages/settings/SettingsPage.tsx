// The app's settings, kept per profile by the engine: the language (with the system's as
// the default). A change applies at once, to every screen and to the files written later.
import { Stack, Text } from '@mantine/core'
import { LanguageSelect } from '../../components/LanguageSelect'
import { PageHeader } from '../../components/PageHeader'
import { useT } from '../../i18n'
import { Section } from '../../components/Section'

export function SettingsPage() {
  const t = useT()
  return (
    <Stack gap="md">
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} />
      <Section id="settings-language" title={t('settings.language')} maw={560}>
        <Text size="sm" mb="sm">
          {t('settings.languageHelp')}
        </Text>
        <LanguageSelect />
      </Section>
    </Stack>
  )
}
