// Errors a handler throws on purpose. The dispatcher turns them into result envelopes;
// anything else is an internal error whose details stay in the log, not in the answer.
import type { z } from 'zod'
import { STATUS_BY_CODE, type ErrorCode, type ErrorPayload } from '../../shared/contract/result'

export class LmsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message)
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

function label(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/** Zod issues as the hosted API's 422: `{ message, errors: { field: [text] } }`. */
export function validationError(error: z.ZodError, input: unknown): LmsError {
  const fields: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'input'
    const name = label(String(issue.path[issue.path.length - 1] ?? 'input'))
    let message = issue.message
    if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      message = `The ${name} field is required.`
    } else if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      message = message.startsWith('Invalid input') ? `The ${name} has an invalid type.` : message
    } else if (issue.code === 'unrecognized_keys') {
      message = `Unknown fields: ${issue.keys.join(', ')}.`
    } else if (issue.code === 'too_big' && message.startsWith('Too big')) {
      message = `The ${name} is too large.`
    } else if (issue.code === 'too_small' && message.startsWith('Too small')) {
      message = `The ${name} is too small.`
    }
    ;(fields[key] ??= []).push(message)
  }
  const messages = Object.values(fields).flat()
  const first = messages[0] ?? 'The given data was invalid.'
  const rest = messages.length - 1
  const message = rest > 0 ? `${first} (and ${rest} more error${rest > 1 ? 's' : ''})` : first
  return new LmsError('validation', message, fields)
}
