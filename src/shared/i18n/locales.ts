// The languages the app ships, complete: the renderer's catalogs, the engine's reasons and
// the documents it writes (sign-in sheet, CSV headers) exist in each of them.
export const LOCALES = ['en', 'es', 'fr', 'ar'] as const
export type Locale = (typeof LOCALES)[number]

export const DEFAULT_LOCALE: Locale = 'en'

/** Each language in its own name, as a language menu lists them. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ar: 'العربية',
}

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

export const isRtl = (locale: Locale): boolean => locale === 'ar'

/**
 * The first shipped language among the ones a system prefers (`navigator.languages`,
 * `Intl`'s default): `fr-CA` picks French, `ar-EG` Arabic; none of them, English.
 */
export function matchLocale(preferred: readonly (string | undefined | null)[]): Locale {
  for (const tag of preferred) {
    const base = (tag ?? '').toLowerCase().split(/[-_]/)[0]
    if (isLocale(base)) return base
  }
  return DEFAULT_LOCALE
}
