// The one formatting layer of the renderer: dates, times, numbers, percentages, plurals,
// list joins and name order, all through Intl in the app's locale. Screens never call
// toLocaleString or build "learner(s)" themselves.
import { parseApiDate } from '../../../shared/format/api-dates'

let currentLocale: string | undefined

/** The locale every formatter uses: the one set, else the system's (browser's) language. */
export function appLocale(): string {
  if (currentLocale) return currentLocale
  // Read through globalThis: tests run this module in Node, which has neither.
  const g = globalThis as { document?: { documentElement?: { lang?: string } }; navigator?: { language?: string } }
  const fromPage = g.document?.documentElement?.lang ?? ''
  const fromBrowser = g.navigator?.language ?? ''
  return fromBrowser || fromPage || 'en'
}

/** Switches the locale (the formatters made for the old one are dropped). */
export function setAppLocale(locale: string | undefined): void {
  currentLocale = locale
  cache.clear()
}

const cache = new Map<string, unknown>()
function memo<T>(key: string, make: (locale: string) => T): T {
  const locale = appLocale()
  const k = `${locale}|${key}`
  let value = cache.get(k) as T | undefined
  if (value === undefined) {
    value = make(locale)
    cache.set(k, value)
  }
  return value
}

/** A Date from what screens hold: a Date, ISO text or the API's display text. */
export function toDate(value: Date | string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (typeof value === 'number') return new Date(value)
  const iso = new Date(value)
  // The API's display texts ("Aug 06, 2020 07:20 AM") are read by their own parser; plain
  // `new Date` guesses at them differently per engine.
  return parseApiDate(value) ?? (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(iso.getTime()) ? iso : null)
}

const dateOpts: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' }
const timeOpts: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' }

function formatWith(value: Date | string | number | null | undefined, key: string, options: Intl.DateTimeFormatOptions, empty: string): string {
  const date = toDate(value)
  if (!date) return value === null || value === undefined || value === '' ? empty : String(value)
  return memo(key, (l) => new Intl.DateTimeFormat(l, options)).format(date)
}

/** "3 Dec 2026" / "Dec 3, 2026": a day, in the locale's order. Unparseable text is shown as it is. */
export const formatDate = (value: Date | string | number | null | undefined, empty = '') => formatWith(value, 'date', dateOpts, empty)

/** A day and time of day ("Dec 3, 2026, 9:21 AM"). */
export const formatDateTime = (value: Date | string | number | null | undefined, empty = '') =>
  formatWith(value, 'datetime', { ...dateOpts, ...timeOpts }, empty)

/** A time of day ("9:21 AM" / "09:21"). */
export const formatTime = (value: Date | string | number | null | undefined, empty = '') => formatWith(value, 'time', timeOpts, empty)

/** A weekday and day ("Thu, Dec 3, 2026"), for class sessions. */
export const formatDay = (value: Date | string | number | null | undefined, empty = '') =>
  formatWith(value, 'day', { weekday: 'short', ...dateOpts }, empty)

/** "1,234" / "1 234". */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return memo(`number|${JSON.stringify(options ?? {})}`, (l) => new Intl.NumberFormat(l, options)).format(n)
}

/** A percentage from 0-100 ("42%", "42 %"). */
export function formatPercent(percent: number, maximumFractionDigits = 0): string {
  return memo(`percent|${maximumFractionDigits}`, (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits })).format(percent / 100)
}

export interface PluralForms {
  one: string
  other: string
  zero?: string
  two?: string
  few?: string
  many?: string
}

/**
 * A count with its noun, chosen by the locale's plural rules: plural(3, 'learner',
 * 'learners') -> "3 learners". Forms given as an object place the number only where they
 * hold `{n}`, so a language can word a form without it (Arabic "متعلم واحد", one learner).
 * Screens mostly use the catalog's ICU plurals; this is for text made outside it.
 */
export function plural(count: number, one: string | PluralForms, other?: string): string {
  const n = formatNumber(count)
  const rule = memo('plural', (l) => new Intl.PluralRules(l)).select(count)
  if (typeof one === 'string') return `${n} ${rule === 'one' ? one : (other ?? one)}`
  const form = (count === 0 && one.zero) || one[rule] || one.other
  return form.replace('{n}', n)
}

/** "a, b and c" in the locale's words. */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return memo(`list|${type}`, (l) => new Intl.ListFormat(l, { style: 'long', type })).format(items)
}

/** Compares names as people of the locale sort them (Åsen, Łukasz, Williams, Zoë, 王芳). */
export function compareNames(a: string, b: string): number {
  return memo('collator', (l) => new Intl.Collator(l, { sensitivity: 'base', numeric: true })).compare(a, b)
}

/**
 * A decimal typed the locale's way as the API's text: "7,5" in French or Spanish is "7.5".
 * Only the locale's decimal comma is read; group separators are not guessed at (in English
 * "7,5" stays as typed and the engine refuses it, rather than storing 75).
 */
export function decimalInput(text: string): string {
  const typed = text.trim()
  const decimal = memo('decimal', (l) => new Intl.NumberFormat(l).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.')
  if (decimal === '.' || !typed.includes(decimal)) return typed
  const [whole, fraction, ...more] = typed.split(decimal)
  return more.length === 0 && /^\d*$/.test(whole) && /^\d+$/.test(fraction) ? `${whole || '0'}.${fraction}` : typed
}
