// The English of the engine's reason codes: the hosted API's messages, written once in
// src/shared/i18n/reasons/en.json, which the renderer also reads (and translates).
import { IntlMessageFormat } from 'intl-messageformat'
import en from '../../shared/i18n/reasons/en.json'

export type ReasonKey = keyof typeof en
export type ReasonValues = Record<string, string | number>

const compiled = new Map<string, IntlMessageFormat>()

export function englishReason(key: ReasonKey, values?: ReasonValues): string {
  let format = compiled.get(key)
  if (!format) {
    format = new IntlMessageFormat(en[key], 'en')
    compiled.set(key, format)
  }
  return String(format.format(values))
}
