// Zod issues as the hosted API's 422 field map (`{ field: [text] }`), in its Laravel wording.
// The engine answers with it; forms run an operation's schema with it before sending, so
// a message reads the same whichever side found the problem.
import type { z } from 'zod'
import type { Reason } from './result'

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

export function issueFields(error: z.ZodError, input: unknown): Record<string, string[]> {
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
  return fields
}

/** The type a message names, for issues whose code does not (a union's or a regex's error). */
function typeReason(message: string): Reason | null {
  if (/field is required/.test(message)) return { key: 'reason.field.required' }
  if (/must be an integer/.test(message)) return { key: 'reason.field.integer' }
  if (/must be a number/.test(message)) return { key: 'reason.field.number' }
  if (/date and time/.test(message)) return { key: 'reason.field.datetime' }
  if (/\bdate\b/.test(message)) return { key: 'reason.field.date' }
  if (/email/.test(message)) return { key: 'reason.field.email' }
  if (/must be a string/.test(message)) return { key: 'reason.field.text' }
  return null
}

const isListOrigin = (origin: unknown) => origin === 'array' || origin === 'set'

/** One issue as a reason code with its limit, worded per language by the renderer. */
export function issueReason(issue: z.core.$ZodIssue, input: unknown): Reason {
  const params = (issue as { params?: { reason?: unknown; values?: Record<string, string | number> } }).params
  if (typeof params?.reason === 'string') return { key: params.reason, ...(params.values ? { values: params.values } : {}) }
  const fromMessage = typeReason(issue.message)
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? { key: 'reason.field.required' } : (fromMessage ?? { key: 'reason.field.invalid' })
    case 'too_small': {
      const minimum = Number(issue.minimum)
      if (issue.origin === 'string') return minimum <= 1 ? { key: 'reason.field.required' } : { key: 'reason.field.too_short', values: { minimum } }
      if (isListOrigin(issue.origin)) return minimum <= 1 ? { key: 'reason.field.choose' } : { key: 'reason.field.too_few', values: { minimum } }
      return { key: 'reason.field.too_small', values: { minimum } }
    }
    case 'too_big': {
      const maximum = Number(issue.maximum)
      if (issue.origin === 'string') return { key: 'reason.field.too_long', values: { maximum } }
      if (isListOrigin(issue.origin)) return { key: 'reason.field.too_many', values: { maximum } }
      return { key: 'reason.field.too_big', values: { maximum } }
    }
    case 'invalid_format':
      return issue.format === 'email' ? { key: 'reason.field.email' } : (fromMessage ?? { key: 'reason.field.format' })
    case 'invalid_value':
      return { key: 'reason.field.one_of', values: { values: issue.values.map(String).join(', ') } }
    case 'unrecognized_keys':
      return { key: 'reason.field.unknown', values: { keys: issue.keys.join(', ') } }
    default:
      return fromMessage ?? { key: 'reason.field.invalid' }
  }
}

/** The reasons of `issueFields`' messages, field by field in the same order. */
export function issueReasons(error: z.ZodError, input: unknown): Record<string, Reason[]> {
  const reasons: Record<string, Reason[]> = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'input'
    ;(reasons[key] ??= []).push(issueReason(issue, input))
  }
  return reasons
}
