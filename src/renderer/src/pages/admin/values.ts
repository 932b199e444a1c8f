// Form values are text (and lists of text); these turn them into operation input and back.
import type { FieldValue, FormValues } from './adminConfig'

export const text = (values: FormValues, name: string): string => {
  const v = values[name]
  return typeof v === 'string' ? v : ''
}

export const list = (values: FormValues, name: string): string[] => {
  const v = values[name]
  return Array.isArray(v) ? v : []
}

/** Empty means "none" for optional fields. */
export const optional = (values: FormValues, name: string): string | null => text(values, name).trim() || null

export const shown = (value: unknown): FieldValue => (value === null || value === undefined ? '' : Array.isArray(value) ? value.map(String) : String(value))
