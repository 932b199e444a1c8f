import { LmsCallError } from '../api/client'

export function errorMessage(error: unknown): string {
  if (error instanceof LmsCallError || error instanceof Error) return error.message
  return String(error)
}

/** Field errors from a 422, as `{ field: first message }`; empty for other errors. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof LmsCallError)) return {}
  const out: Record<string, string> = {}
  for (const [field, messages] of Object.entries(error.fields)) if (messages[0]) out[field] = messages[0]
  return out
}
