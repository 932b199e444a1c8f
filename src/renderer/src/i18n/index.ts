// The renderer's words: FormatJS (react-intl) over ICU message catalogs, one per language
// (locales/<locale>.json) plus the engine's reasons (src/shared/i18n/reasons). English is
// in the first load; the other languages are loaded when chosen. Screens call `useT()`
// and `t('some.key', { count })`; plurals, selects and placeholders are the catalog's
// ICU messages, never put together from pieces. The chosen language is kept per profile
// by the engine (app.settings); without a choice the system's language is used.
import { createIntl, createIntlCache, type IntlShape } from 'react-intl'
import { createElement, Fragment, useMemo, type ReactNode } from 'react'
import { create } from 'zustand'
import { DEFAULT_LOCALE, isLocale, isRtl, matchLocale, type Locale } from '../../../shared/i18n/locales'
import enReasons from '../../../shared/i18n/reasons/en.json'
import { setAppLocale } from '../lib/format'
import en from './locales/en.json'

export type MessageId = keyof typeof en
export type ReasonId = keyof typeof enReasons
export type Values = Record<string, string | number | Date | null | undefined>
export type RichValues = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>

type Messages = Record<string, string>

const english: Messages = { ...en, ...enReasons }

// Each language's catalog and reasons, as their own chunks (not in the first load).
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Messages>> = {
  es: () => Promise.all([import('./locales/es.json'), import('../../../shared/i18n/reasons/es.json')]).then(([ui, r]) => ({ ...ui.default, ...r.default })),
  fr: () => Promise.all([import('./locales/fr.json'), import('../../../shared/i18n/reasons/fr.json')]).then(([ui, r]) => ({ ...ui.default, ...r.default })),
  ar: () => Promise.all([import('./locales/ar.json'), import('../../../shared/i18n/reasons/ar.json')]).then(([ui, r]) => ({ ...ui.default, ...r.default })),
}

const loaded = new Map<Locale, Messages>([['en', english]])
const cache = createIntlCache()

/** The tag dates and numbers are formatted with: the system's own variant of the language (fr-CA, en-GB) when it has one. */
function formatTag(locale: Locale): string {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === locale) ?? locale
}

function makeIntl(locale: Locale, messages: Messages): IntlShape {
  return createIntl(
    {
      locale: formatTag(locale),
      defaultLocale: DEFAULT_LOCALE,
      // Every catalog has every key (checked by test/i18n): English only stands in while one loads.
      messages: locale === 'en' ? messages : { ...english, ...messages },
      onError: (error) => {
        if (import.meta.env.DEV) console.warn(error)
      },
    },
    cache,
  )
}

interface I18nState {
  /** The language shown. */
  locale: Locale
  /** The profile's choice; null follows the system. */
  choice: Locale | null
  intl: IntlShape
}

export const useI18n = create<I18nState>(() => ({ locale: DEFAULT_LOCALE, choice: null, intl: makeIntl(DEFAULT_LOCALE, english) }))

/** The system's language among the shipped ones. */
export function systemLocale(): Locale {
  if (typeof navigator === 'undefined') return DEFAULT_LOCALE
  return matchLocale([...(navigator.languages ?? []), navigator.language])
}

/** Shows the app in `locale`: loads its catalog, then switches every screen, the formatters and the page direction at once. */
export async function applyLocale(locale: Locale, choice: Locale | null = useI18n.getState().choice): Promise<void> {
  let messages = loaded.get(locale)
  if (!messages) {
    messages = await loaders[locale as Exclude<Locale, 'en'>]()
    loaded.set(locale, messages)
  }
  const intl = makeIntl(locale, messages)
  setAppLocale(intl.locale)
  const root = document.documentElement
  root.lang = locale
  root.dir = isRtl(locale) ? 'rtl' : 'ltr'
  useI18n.setState({ locale, choice, intl })
}

export interface T {
  (id: MessageId | ReasonId, values?: Values): string
  /** A message with markup: `t.rich('x', { b: (chunks) => <b>{chunks}</b> })`. */
  rich(id: MessageId, values: RichValues): ReactNode
}

function bind(intl: IntlShape): T {
  const t = ((id: string, values?: Values) => intl.formatMessage({ id }, values) as string) as T
  t.rich = (id, values) => {
    const parts = intl.formatMessage({ id }, values as never) as ReactNode
    // The pieces as a fragment's children, so React needs no keys for them.
    return Array.isArray(parts) ? createElement(Fragment, null, ...(parts as ReactNode[])) : parts
  }
  return t
}

/** The current language's `t`, outside React (notifications, stores). Screens use `useT`. */
export function t(id: MessageId | ReasonId, values?: Values): string {
  return useI18n.getState().intl.formatMessage({ id }, values) as string
}

/** `t` for a component: it renders again when the language changes. */
export function useT(): T {
  const intl = useI18n((s) => s.intl)
  return useMemo(() => bind(intl), [intl])
}

export const useLocale = () => useI18n((s) => s.locale)

/** Whether a key exists in the catalogs (an engine reason the renderer may not know yet). */
export const hasMessage = (id: string): boolean => id in english

let started: Promise<void> | null = null

/**
 * Picks the language before the first screen: the profile's choice (app.settings), else
 * the system's. The settings call is given a moment; without an answer the system's
 * language is used and the choice applied when it comes.
 */
export function startI18n(readChoice: () => Promise<Locale | null>): Promise<void> {
  started ??= (async () => {
    let choice: Locale | null = null
    try {
      const value = await readChoice()
      choice = isLocale(value) ? value : null
    } catch {
      // The engine did not answer: the system's language, and no choice to keep.
    }
    await applyLocale(choice ?? systemLocale(), choice).catch(() => applyLocale(DEFAULT_LOCALE, choice))
  })()
  return started
}
