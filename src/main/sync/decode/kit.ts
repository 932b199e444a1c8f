// What every decoder of a hosted answer is made of. Tolerant where real servers vary
// within the reference: an id or number may come as a numeric string ("34"), an optional
// text as null or "", a date in any of the reference's shapes, and keys the reference does
// not document are ignored. A record that still does not decode is skipped and named;
// nothing here throws at a caller.
import { z } from 'zod'
import { apiDateToIso } from '../../../shared/format/api-dates'

const digits = /^\s*-?\d+\s*$/
const decimal = /^\s*-?\d+(\.\d+)?\s*$/

/** A server id: a positive whole number, or its digits as text. */
export const serverId = z
  .union([z.number(), z.string().regex(digits, 'not an id')])
  .transform(Number)
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER))

/** An id that may be absent: null, "", or a documented "-1" (no row yet) read as null. */
export const optionalServerId = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || (typeof v === 'string' && !digits.test(v)) ? null : Number(v)))
  .transform((n) => (n !== null && Number.isSafeInteger(n) && n > 0 ? n : null))

/** A number, or its digits as text; null or "" when the reference allows none. */
export const optionalNumber = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'string' && decimal.test(v) ? Number(v) : null))

/** A text that must be there and not empty (a name, an email). */
export const requiredText = z
  .union([z.string(), z.number().transform(String)])
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'empty'))

/** An optional text: null, absent and "" all read as "". */
export const optionalText = z.union([z.string(), z.number().transform(String), z.null()]).optional().transform((v) => v ?? '')

/** An optional text kept as null when absent or empty. */
export const nullableText = optionalText.transform((v) => (v === '' ? null : v))

/** A date in any of the reference's shapes, as ISO-8601; "", null, "Never" and texts that are no date read as null. */
export const optionalDate = z.union([z.string(), z.null()]).optional().transform((v) => apiDateToIso(v ?? null))

/** One of the texts the reference lists for a field; anything else (null, "", an unknown value) reads as null. */
export function knownText<const T extends readonly string[]>(values: T) {
  return optionalText.transform((v) => ((values as readonly string[]).includes(v) ? (v as T[number]) : null))
}

export const optionalBoolean = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => (v === true || v === 1 || v === '1' || v === 'true' ? true : v === false || v === 0 || v === '0' || v === 'false' ? false : null))

/** A list that may be absent or null (read as empty). Elements are decoded one by one by decodeList. */
export const optionalList = z.union([z.array(z.unknown()), z.null()]).optional().transform((v) => v ?? [])

/** A list of ids (as numbers or numeric texts); anything else in it is dropped. */
export const idList = optionalList.transform((items) => items.flatMap((v) => {
  const parsed = serverId.safeParse(v)
  return parsed.success ? [parsed.data] : []
}))

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string }

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'not as documented'
  const where = issue.path.length ? issue.path.join('.') : 'the answer'
  return `${where}: ${issue.message}`
}

export function decode<T>(schema: z.ZodType<T>, value: unknown): Decoded<T> {
  const parsed = schema.safeParse(value)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: problemOf(parsed.error) }
}

/** One skipped record: which, and why (for the notice). */
export interface Skipped {
  record: string
  problem: string
}

/** How a raw record is named in a notice: its id, email or name when it has one, else its place. */
export function nameOf(raw: unknown, index: number): string {
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>
    for (const key of ['id', 'status_row_id', 'email', 'name', 'code', 'title', 'heading']) {
      if (typeof r[key] === 'string' || typeof r[key] === 'number') return `${key} ${String(r[key]).slice(0, 80)}`
    }
  }
  return `#${index + 1}`
}

/** Decodes each element; those that do not decode are left out and named. */
export function decodeList<T>(schema: z.ZodType<T>, items: readonly unknown[]): { records: T[]; skipped: Skipped[] } {
  const records: T[] = []
  const skipped: Skipped[] = []
  items.forEach((raw, index) => {
    const parsed = schema.safeParse(raw)
    if (parsed.success) records.push(parsed.data)
    else skipped.push({ record: nameOf(raw, index), problem: problemOf(parsed.error) })
  })
  return { records, skipped }
}

/** A documented list page: its records (decoded one by one) and the totals when the server sends them. */
export const listPage = z.object({
  recordsTotal: optionalNumber,
  recordsFiltered: optionalNumber,
  records: optionalList,
})
