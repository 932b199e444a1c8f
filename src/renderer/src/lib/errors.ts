// What a failed call says, in the trainer's language: the engine's reason code with its
// values through the catalogs; in English (or for a reason the catalogs lack) the engine's
// own message, which is the hosted API's wording.
import type { Reason } from '../../../shared/contract/result'
import { LmsCallError } from '../api/client'
import { hasMessage, t, useI18n, type ReasonId } from '../i18n'

function reasonText(reason: Reason | undefined, english: string): string {
  if (!reason || useI18n.getState().locale === 'en' || !hasMessage(reason.key)) return english
  return t(reason.key as ReasonId, reason.values)
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
