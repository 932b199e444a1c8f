// Errors a handler throws on purpose. The dispatcher turns them into result envelopes;
// anything else is an internal error whose details stay in the log, not in the answer.
import type { z } from 'zod'
import { STATUS_BY_CODE, type ErrorCode, type ErrorPayload } from '../../shared/contract/result'
import { issueFields } from '../../shared/contract/validation'

export class LmsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    /** What went wrong underneath, for the log (never sent). */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'LmsError'
  }

  toPayload(): ErrorPayload {
    return { code: this.code, status: STATUS_BY_CODE[this.code], message: this.message, ...(this.fields ? { fields: this.fields } : {}) }
  }
}

export const notFound = (message: string) => new LmsError('not_found', message)

/** A 422 for one field, in the Laravel shape. */
export const invalid = (field: string, message: string) => new LmsError('validation', message, { [field]: [message] })

export const conflict = (message: string) => new LmsError('conflict', message)

/** Zod issues as the hosted API's 422: `{ message, errors: { field: [text] } }`. */
export function validationError(error: z.ZodError, input: unknown): LmsError {
  const fields = issueFields(error, input)
  const messages = Object.values(fields).flat()
  const first = messages[0] ?? 'The given data was invalid.'
  const rest = messages.length - 1
  const message = rest > 0 ? `${first} (and ${rest} more error${rest > 1 ? 's' : ''})` : first
  return new LmsError('validation', message, fields)
}
