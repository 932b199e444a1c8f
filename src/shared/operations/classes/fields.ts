// The fields class operations share: attendance statuses, the reference's quoted query
// values, its date-times and the documented recurrence of a class series.
import { z } from 'zod'
import { boolish, id, intLike } from '../../contract/list-params'
import { oneOf } from '../../contract/fields'

export const CLASS_STATUSES = ['Registered', 'Attended', 'No Show', 'Cancelled'] as const
export type ClassStatus = (typeof CLASS_STATUSES)[number]
export const classStatus = oneOf('status', CLASS_STATUSES)

/**
 * The reference's own query examples wrap values in literal quotes (`courseId="19"`) and
 * send `null` or an empty string for "not given"; one unwrapping before validation.
 */
export function unquote(value: unknown): unknown {
  if (value === null) return undefined
  if (typeof value !== 'string') return value
  const text = value.trim()
  if (text === '' || text === 'null' || text === '""') return undefined
  const quoted = /^"(.*)"$/.exec(text)
  return quoted ? quoted[1] : text
}
export const docValue = <S extends z.ZodType>(schema: S) => z.preprocess(unquote, schema)

/** "2024-01-31 10:00:00", "2024-01-1 10:00", or an ISO text; read in the machine's time zone unless it ends in Z. */
export const dateTime = (label: string) =>
  z
    .string({ error: `The ${label} must be a date and time.` })
    .trim()
    .max(40)
    .transform((text, ctx) => {
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z)?$/.exec(text)
      const [y, mo, d, h, mi, sec] = m ? m.slice(1, 7).map((x) => Number(x ?? 0)) : []
      const date = !m ? null : m[7] ? new Date(Date.UTC(y, mo - 1, d, h, mi, sec)) : new Date(y, mo - 1, d, h, mi, sec)
      const fits = date && !Number.isNaN(date.getTime()) && (m![7] ? date.getUTCDate() : date.getDate()) === d && h < 24
      if (!date || !fits) {
        ctx.addIssue({ code: 'custom', message: `The ${label} is not a valid date and time (YYYY-MM-DD HH:MM:SS).` })
        return z.NEVER
      }
      return date.toISOString()
    })

const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const
export const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const

/** The documented recurrence: `{classDays, startDate, startTime, endTime, interval, frequency, end}`. */
export const recurrenceSchema = z.object({
  classDays: z
    .union([z.array(z.string().max(20)).max(7), z.string().max(100)])
    .optional()
    .transform((v, ctx) => {
      const names = (Array.isArray(v) ? v : (v ?? '').split(',')).map((d) => d.trim().toLowerCase()).filter(Boolean)
      const days: number[] = []
      for (const name of names) {
        const index = DAY_NAMES.findIndex((d) => d === name || d.slice(0, 3) === name.slice(0, 3))
        if (index < 0 || name.length < 3) {
          ctx.addIssue({ code: 'custom', message: `The class day "${name}" is not a day of the week.` })
          return z.NEVER
        }
        days.push(index)
      }
      // Full day names, in week order: the form sent on to the hosted LMS as well.
      return [...new Set(days)].sort().map((d) => DAY_NAMES[d])
    }),
  startDate: z.string({ error: 'The recurrence start date field is required.' }).regex(/^\d{4}-\d{1,2}-\d{1,2}$/, { error: 'The recurrence start date must be YYYY-MM-DD.' }),
  startTime: z.string({ error: 'The recurrence start time field is required.' }).regex(/^\d{1,2}:\d{2}(:\d{2})?$/, { error: 'The recurrence start time must be HH:MM.' }),
  endTime: z.string({ error: 'The recurrence end time field is required.' }).regex(/^\d{1,2}:\d{2}(:\d{2})?$/, { error: 'The recurrence end time must be HH:MM.' }),
  interval: intLike('recurrence interval', 1, 52).default(1),
  frequency: oneOf('recurrence frequency', FREQUENCIES),
  end: z.string({ error: 'The recurrence end field is required.' }).regex(/^\d{4}-\d{1,2}-\d{1,2}$/, { error: 'The recurrence end must be YYYY-MM-DD.' }),
})
export type Recurrence = z.output<typeof recurrenceSchema>

export const classFields = {
  allowDownload: docValue(boolish.optional()),
  instructor: docValue(id.optional()),
  location: docValue(id.optional()),
  webinarProvider: docValue(z.string().max(50).optional()),
  zoom_host_pwd: docValue(z.string().max(100).optional()),
  zoom_meeting_id: docValue(z.string().max(100).optional()),
}

export const datesFilter = z.array(z.string().max(40)).max(2).optional()
