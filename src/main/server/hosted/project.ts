// An engine answer cut down to a documented example's shape: only the keys the example has
// (in nested objects and list elements too), each value written as the example writes it
// (an id the reference shows as "34" is "34", a date shown "09-Aug-2020" is written so).
// Variants imitate what real servers do within the reference: ids as numeric strings,
// empty optional texts as null.
import { dashedDateText, dateText, dateTimeText, dayFirstDateTimeText } from '../../engine/format'

export type HostedVariant = 'string-ids' | 'nulls'
export const HOSTED_VARIANTS: readonly HostedVariant[] = ['string-ids', 'nulls']

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/
const NUMERIC = /^-?\d+(\.\d+)?$/

/** How the reference writes a date like the template, for an ISO instant; null when the template is no date. */
function dateWriter(template: string): ((iso: string) => string) | null {
  if (/^[A-Z][a-z]{2} \d{2}, \d{4} \d{2}:\d{2} [AP]M$/.test(template)) return dateTimeText
  if (/^[A-Z][a-z]{2} \d{2}, \d{4}$/.test(template)) return dateText
  if (/^\d{2}-[A-Z][a-z]{2}-\d{4}$/.test(template)) return dashedDateText
  if (/^\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2} [AP]M$/.test(template)) return (iso) => `${dashedDateText(iso)} ${dateTimeText(iso).slice(-8)}`
  if (/^\d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2} [AP]M$/.test(template)) return dayFirstDateTimeText
  if (/^\d{2} [A-Z][a-z]{2} \d{4}$/.test(template)) return (iso) => dayFirstDateTimeText(iso).slice(0, 11)
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(template)) return (iso) => new Date(iso).toISOString().slice(0, 19).replace('T', ' ')
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(template)) return (iso) => new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
  if (/^\d{4}-\d{2}-\d{2}$/.test(template)) return (iso) => new Date(iso).toISOString().slice(0, 10)
  return null
}

function scalar(template: unknown, value: unknown): unknown {
  if (value === null || value === undefined) return value
  if (typeof template === 'string') {
    if (typeof value === 'number' && NUMERIC.test(template)) return String(value)
    if (typeof value === 'string' && ISO.test(value)) {
      const write = dateWriter(template)
      if (write) return write(value)
    }
    return value
  }
  if (typeof template === 'number' && typeof value === 'string' && NUMERIC.test(value)) return Number(value)
  if (typeof template === 'boolean' && (value === 0 || value === 1)) return value === 1
  return value
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** One element template for a documented list: every key any documented element has, each from the first element with a value there. */
function elementTemplate(items: readonly unknown[]): unknown {
  if (!items.every(isObject)) return items[0]
  const merged: Record<string, unknown> = {}
  for (const item of items as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(item)) {
      const known = merged[key]
      if (!(key in merged) || known === null || known === '') merged[key] = value
    }
  }
  return merged
}

export function project(template: unknown, value: unknown): unknown {
  if (template === null || template === undefined) return value
  if (Array.isArray(template)) {
    if (!Array.isArray(value)) return value
    // An empty documented list says nothing about its elements: texts and numbers stay,
    // objects keep no keys (none is documented).
    if (template.length === 0) return value.map((v) => (isObject(v) ? {} : Array.isArray(v) ? [] : v))
    const element = elementTemplate(template)
    return value.map((v) => project(element, v))
  }
  if (isObject(template)) {
    if (!isObject(value)) return value
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(template)) if (key in value) out[key] = project(inner, value[key])
    return out
  }
  return scalar(template, value)
}

const ID_KEY = /^(id|.*_id|.*[a-z]Id)$/
const ID_LIST_KEY = /^(.*_ids|.*[a-z]Ids)$/

/** Applies the chosen variants to a projected answer. */
export function vary(value: unknown, variants: ReadonlySet<HostedVariant>, key = ''): unknown {
  if (variants.size === 0) return value
  if (Array.isArray(value)) {
    return value.map((v) => (variants.has('string-ids') && ID_LIST_KEY.test(key) && typeof v === 'number' ? String(v) : vary(v, variants)))
  }
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, vary(v, variants, k)]))
  if (variants.has('string-ids') && typeof value === 'number' && Number.isInteger(value) && ID_KEY.test(key)) return String(value)
  if (variants.has('nulls') && value === '') return null
  return value
}
