// The app's language, kept per profile by the engine (app.setLocale) and applied at once:
// every screen, the formatters and the page direction switch without a restart. Each
// language is listed in its own name (and marked as that language for screen readers).
import { NativeSelect } from '@mantine/core'
import { useState } from 'react'
import { LOCALES, LOCALE_NAMES, isLocale, type Locale } from '../../../shared/i18n/locales'
import { lms } from '../api/client'
import { applyLocale, systemLocale, useI18n, useT } from '../i18n'
import { notifyError } from '../lib/notify'

const SYSTEM = 'system'

export function LanguageSelect() {
  const t = useT()
  const choice = useI18n((s) => s.choice)
  const [busy, setBusy] = useState(false)

  const choose = async (value: string) => {
    const next: Locale | null = isLocale(value) ? value : null
    setBusy(true)
    try {
      const saved = await lms.call('app.setLocale', { locale: next })
      await applyLocale(saved.locale ?? systemLocale(), saved.locale)
    } catch (error) {
      notifyError(error, t('language.notSaved'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <NativeSelect
      label={t('language.label')}
      description={t('language.description')}
      value={choice ?? SYSTEM}
      disabled={busy}
      onChange={(e) => void choose(e.currentTarget.value)}
      maw={360}
      data-testid="language-select"
    >
      <option value={SYSTEM}>{t('language.system', { language: LOCALE_NAMES[systemLocale()] })}</option>
      {LOCALES.map((locale) => (
        <option key={locale} value={locale} lang={locale}>
          {LOCALE_NAMES[locale]}
        </option>
      ))}
    </NativeSelect>
  )
}
