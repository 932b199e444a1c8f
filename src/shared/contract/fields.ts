// Field schemas reused by several operations, with the messages the hosted API's
// Laravel validation gives.
import { z } from 'zod'

export const requiredString = (label: string, max = 255) =>
  z
    .string({ error: (iss) => (iss.input === undefined || iss.input === null ? `The ${label} field is required.` : `The ${label} must be a string.`) })
    .trim()
    .min(1, { error: `The ${label} field is required.` })
    .max(max, { error: `The ${label} may not be greater than ${max} characters.` })

export const optionalString = (label: string, max = 255) =>
  z
    .string({ error: `The ${label} must be a string.` })
    .trim()
    .max(max, { error: `The ${label} may not be greater than ${max} characters.` })
    .nullish()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v))

export const email = (label = 'email') =>
  requiredString(label, 191).pipe(z.email({ error: `The ${label} must be a valid email address.` }))

export const password = (label = 'password') =>
  z
    .string({ error: (iss) => (iss.input === undefined || iss.input === null ? `The ${label} field is required.` : `The ${label} must be a string.`) })
    .min(8, { error: `The ${label} must be at least 8 characters.` })
    .max(200, { error: `The ${label} may not be greater than 200 characters.` })

export const oneOf = <const T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `The selected ${label} is invalid. Allowed: ${values.join(', ')}.` })

// The regex carries the message too: when only the string branch of a union fits the
// input's type, zod reports that branch's own issue instead of the union's error.
export const optionalInt = (label: string, min: number, max: number) =>
  z
    .union([z.number(), z.string().trim().regex(/^-?\d{1,12}$/, { error: `The ${label} must be an integer.` }), z.null(), z.literal('')], {
      error: `The ${label} must be an integer.`,
    })
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : Number(v)))
    .pipe(
      z
        .number()
        .int({ error: `The ${label} must be an integer.` })
        .min(min, { error: `The ${label} must be at least ${min}.` })
        .max(max, { error: `The ${label} may not be greater than ${max}.` })
        .nullable(),
    )

export const optionalNumber = (label: string, min: number, max: number) =>
  z
    .union([z.number(), z.string().trim().regex(/^-?\d{1,12}(\.\d{1,6})?$/, { error: `The ${label} must be a number.` }), z.null(), z.literal('')], {
      error: `The ${label} must be a number.`,
    })
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : Number(v)))
    .pipe(
      z
        .number()
        .min(min, { error: `The ${label} must be at least ${min}.` })
        .max(max, { error: `The ${label} may not be greater than ${max}.` })
        .nullable(),
    )

/** A calendar date `YYYY-MM-DD` that exists (2021-02-30 does not); empty or null is none. */
export const optionalDate = (label: string) =>
  z
    .union([z.string({ error: `The ${label} must be a date.` }).trim(), z.null()], { error: `The ${label} must be a date.` })
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v))
    .refine((v) => v === null || isCalendarDate(v), {
      error: `The ${label} is not a valid date (YYYY-MM-DD).`,
    })

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const time = Date.parse(`${text}T00:00:00Z`)
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text
}

/** A job's name for itself (JobInput in operation.ts): chosen by the caller to follow its progress events and cancel it; generated when absent. */
export const jobId = z.string().trim().min(1, { error: 'The job id must not be empty.' }).max(100, { error: 'The job id may not be greater than 100 characters.' }).optional()
