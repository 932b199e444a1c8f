// What a failed call says, in the trainer's language: the engine's reason code with its
// values through the catalogs; in English (or for a reason the catalogs lack) the engine's
// own message, which is the hosted API's wording.
import type { Reason } from '../../../shared/contract/result'
import { LmsCallError } from '../api/client'
import { formatDateTime } from './format'
import { hasMessage, t, useI18n, type ReasonId } from '../i18n'

/**
 * A reason in the current language; in English (or for a reason the catalogs lack) the
 * engine's English. A value named `<x>Iso` is a time the engine also gave as `<x>` in the
 * API's English display form: it is shown in the language's own form instead.
 */
export function reasonText(reason: Reason | undefined, english: string): string {
  if (!reason || useI18n.getState().locale === 'en' || !hasMessage(reason.key)) return english
  const values: Record<string, string | number> = { ...reason.values }
  for (const [key, value] of Object.entries(values)) if (key.endsWith('Iso') && typeof value === 'string') values[key.slice(0, -3)] = formatDateTime(value)
  return t(reason.key as ReasonId, values)
}

export function errorMessage(error: unknown): string {
  if (error instanceof LmsCallError) return reasonText(error.reason, error.message)
  if (error instanceof Error) return error.message
  return String(error)
}

/** Field errors from a 422, as `{ field: first message }`; empty for other errors. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof LmsCallError)) return {}
  const out: Record<string, string> = {}
  for (const [field, messages] of Object.entries(error.fields)) if (messages[0]) out[field] = reasonText(error.fieldReasons[field]?.[0], messages[0])
  return out
}
