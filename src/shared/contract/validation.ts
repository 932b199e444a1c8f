// Zod issues as the hosted API's 422 field map (`{ field: [text] }`), in its Laravel wording.
// The engine answers with it; forms run an operation's schema with it before sending, so
// a message reads the same whichever side found the problem.
import type { z } from 'zod'

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
