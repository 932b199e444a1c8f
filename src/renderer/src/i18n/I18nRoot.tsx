// The language around the whole app: FormatJS's provider (for <FormattedMessage> and
// useIntl), Mantine's direction (right-to-left for Arabic: its components mirror, and the
// page's `dir` is set in applyLocale), and a theme whose built-in labels are translated.
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core'
import { useEffect, useMemo, type ReactNode } from 'react'
import { RawIntlProvider } from 'react-intl'
import { isRtl } from '../../../shared/i18n/locales'
import { cssVariablesResolver, makeTheme } from '../theme'
import { useI18n, useT } from './index'

function DirectionSync({ dir }: { dir: 'ltr' | 'rtl' }) {
  const { setDirection } = useDirection()
  useEffect(() => setDirection(dir), [dir, setDirection])
  return null
}

export function I18nRoot({ children }: { children: ReactNode }) {
  const intl = useI18n((s) => s.intl)
  const locale = useI18n((s) => s.locale)
  const t = useT()
  const dir = isRtl(locale) ? 'rtl' : 'ltr'
  const theme = useMemo(() => makeTheme({ closeDialog: t('dialog.close') }), [t])
  return (
    <RawIntlProvider value={intl}>
      <DirectionProvider initialDirection={dir} detectDirection={false}>
        <DirectionSync dir={dir} />
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
          {children}
        </MantineProvider>
      </DirectionProvider>
    </RawIntlProvider>
  )
}
