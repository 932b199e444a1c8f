// The words of the engine's reason codes: English is the hosted API's messages, written once
// in src/shared/i18n/reasons/en.json, which the renderer also reads (and translates); the
// other languages are for the files the engine writes in the chosen language (the import
// error CSV).
import { IntlMessageFormat } from 'intl-messageformat'
import type { Reason } from '../../shared/contract/result'
import type { Locale } from '../../shared/i18n/locales'
import ar from '../../shared/i18n/reasons/ar.json'
import en from '../../shared/i18n/reasons/en.json'
import es from '../../shared/i18n/reasons/es.json'
import fr from '../../shared/i18n/reasons/fr.json'

export type ReasonKey = keyof typeof en
export type ReasonValues = Record<string, string | number>

const CATALOGS: Record<Locale, Record<string, string>> = { en, es, fr, ar }
const compiled = new Map<string, IntlMessageFormat>()

function format(locale: Locale, key: string, values?: ReasonValues): string {
  const text = CATALOGS[locale][key] ?? (en as Record<string, string>)[key]
  if (text === undefined) return key
  const id = `${locale}|${key}`
  let message = compiled.get(id)
  if (!message) {
    message = new IntlMessageFormat(text, locale)
    compiled.set(id, message)
  }
  return String(message.format(values))
}

export function englishReason(key: ReasonKey, values?: ReasonValues): string {
  return format('en', key, values)
}

/** A reason in a language; without a reason, the English message given. */
export function reasonText(locale: Locale, reason: Reason | undefined, english: string): string {
  return reason ? format(locale, reason.key, reason.values) : english
}
