// The words of the files the engine writes (the sign-in sheet PDF, the attendance CSV, the
// import error CSV) in the chosen language: src/shared/i18n/documents/<locale>.json, ICU
// messages formatted with FormatJS's intl-messageformat, dates through Intl. The language
// is the one the operation names, else the profile's choice, else English. Certificates
// keep their template's own text; only the dates they print are written in the language.
import { IntlMessageFormat } from 'intl-messageformat'
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../shared/i18n/locales'
import ar from '../../shared/i18n/documents/ar.json'
import en from '../../shared/i18n/documents/en.json'
import es from '../../shared/i18n/documents/es.json'
import fr from '../../shared/i18n/documents/fr.json'
import { profileLocale } from './domains/app/index'
import type { Sql } from './db/sql'

export type DocumentKey = keyof typeof en
type Values = Record<string, string | number>

const CATALOGS: Record<Locale, Record<string, string>> = { en, es, fr, ar }
const compiled = new Map<string, IntlMessageFormat>()

/** The language a file is written in. */
export function documentLocale(sql: Sql, requested?: string | null): Locale {
  if (isLocale(requested)) return requested
  return profileLocale(sql) ?? DEFAULT_LOCALE
}

export function documentText(locale: Locale, key: DocumentKey, values?: Values): string {
  const id = `${locale}|${key}`
  let format = compiled.get(id)
  if (!format) {
    format = new IntlMessageFormat(CATALOGS[locale][key] ?? en[key], locale)
    compiled.set(id, format)
  }
  return String(format.format(values))
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()
type DateKind = 'day' | 'time' | 'dateTime' | 'longDate'
function dateFormat(locale: Locale, kind: DateKind): Intl.DateTimeFormat {
  const id = `${locale}|${kind}`
  let format = dateFormats.get(id)
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }
        : kind === 'longDate'
          ? { year: 'numeric', month: 'long', day: 'numeric' }
          : kind === 'time'
            ? { hour: 'numeric', minute: '2-digit' }
            : { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
    format = new Intl.DateTimeFormat(locale, options)
    dateFormats.set(id, format)
  }
  return format
}

/** A stored ISO time as the language writes a day, a time of day, both, or a date in full (certificates). */
export function documentDate(locale: Locale, iso: string | null, kind: DateKind): string {
  if (!iso) return ''
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : dateFormat(locale, kind).format(d)
}
