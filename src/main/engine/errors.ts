// Errors a handler throws on purpose. The dispatcher turns them into result envelopes;
// anything else is an internal error whose details stay in the log, not in the answer.
// Each carries a reason code with its values (field, rule, limit, ids) beside the hosted
// API's English message, so the renderer can say it in the trainer's language; the English
// comes from the same reasons catalog (src/shared/i18n/reasons/en.json).
import type { z } from 'zod'
import { STATUS_BY_CODE, type ErrorCode, type ErrorPayload, type Reason } from '../../shared/contract/result'
import { issueFields, issueReasons } from '../../shared/contract/validation'
import { englishReason, type ReasonKey, type ReasonValues } from './reasons'

export class LmsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly reason?: Reason,
    readonly fieldReasons?: Record<string, Reason[]>,
    /** What went wrong underneath, for the log (never sent). */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'LmsError'
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      status: STATUS_BY_CODE[this.code],
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.fieldReasons ? { fieldReasons: this.fieldReasons } : {}),
    }
  }
}

const reasonOf = (key: ReasonKey, values?: ReasonValues): Reason => (values ? { key, values } : { key })

/** An error with its reason; with `field`, the reason is that field's too (a 422's `errors`). */
export function fail(code: ErrorCode, key: ReasonKey, values?: ReasonValues, field?: string, cause?: unknown): LmsError {
  const message = englishReason(key, values)
  const reason = reasonOf(key, values)
  return field ? new LmsError(code, message, { [field]: [message] }, reason, { [field]: [reason] }, cause) : new LmsError(code, message, undefined, reason, undefined, cause)
}

export const notFound = (key: ReasonKey, values?: ReasonValues) => fail('not_found', key, values)

/** A 422 for one field, in the Laravel shape. */
export const invalid = (field: string, key: ReasonKey, values?: ReasonValues) => fail('validation', key, values, field)

export const conflict = (key: ReasonKey, values?: ReasonValues) => fail('conflict', key, values)

/** A job's answer when it was cancelled before it finished (app.cancelJob). */
export const cancelled = () => fail('cancelled', 'reason.job_cancelled')

/** Several fields' errors at once: the first message leads, the rest are counted. */
export function invalidFields(errors: Record<string, { key: ReasonKey; values?: ReasonValues }[]>): LmsError {
  const fields: Record<string, string[]> = {}
  const fieldReasons: Record<string, Reason[]> = {}
  for (const [field, list] of Object.entries(errors)) {
    fields[field] = list.map((r) => englishReason(r.key, r.values))
    fieldReasons[field] = list.map((r) => reasonOf(r.key, r.values))
  }
  return combined(fields, fieldReasons)
}

function combined(fields: Record<string, string[]>, fieldReasons: Record<string, Reason[]>): LmsError {
  const messages = Object.values(fields).flat()
  const rest = messages.length - 1
  const first = messages[0] ?? englishReason('reason.invalid_data')
  const message = rest > 0 ? englishReason('reason.and_more', { first, count: rest }) : first
  const reason: Reason = rest > 0 ? { key: 'reason.fields_invalid', values: { count: messages.length } } : (Object.values(fieldReasons).flat()[0] ?? { key: 'reason.invalid_data' })
  return new LmsError('validation', message, fields, reason, fieldReasons)
}

/** Zod issues as the hosted API's 422: `{ message, errors: { field: [text] } }`, with their reasons. */
export function validationError(error: z.ZodError, input: unknown): LmsError {
  return combined(issueFields(error, input), issueReasons(error, input))
}

