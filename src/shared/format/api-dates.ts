// The hosted API writes dates as display text in several shapes ("Aug 06, 2020 07:20 AM",
// "09-Aug-2020", "03 Aug 2020 09:08 AM", "2020-08-09 07:20:00", ISO-8601). This is the one
// reader of all of them, for the renderer's formatting and for sync's decoders alike.
const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
}

const TIME = String.raw`(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?`
const SHAPES: readonly { re: RegExp; order: 'mdy' | 'dmy' }[] = [
  // "Aug 06, 2020 07:20 AM", "Aug 09, 2020"
  { re: new RegExp(String.raw`^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}$`), order: 'mdy' },
  // "09-Aug-2020", "09-Jan-2024 03:00 PM", "03 Aug 2020 09:08 AM"
  { re: new RegExp(String.raw`^(\d{1,2})[-\s]([A-Za-z]{3})[a-z]*[-\s](\d{4})${TIME}$`), order: 'dmy' },
]

/** `hh:mm` with an optional AM/PM as 24-hour parts, or null when out of range. */
function clock(h?: string, m?: string, s?: string, meridiem?: string): [number, number, number] | null {
  if (h === undefined) return [0, 0, 0]
  let hours = Number(h)
  const minutes = Number(m)
  const seconds = Number(s ?? 0)
  if (meridiem) {
    if (hours < 1 || hours > 12) return null
    const pm = meridiem.toLowerCase() === 'pm'
    hours = (hours % 12) + (pm ? 12 : 0)
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return null
  return [hours, minutes, seconds]
}

function local(year: number, month: number, day: number, time: [number, number, number] | null): Date | null {
  if (!time || month < 0 || day < 1 || day > 31) return null
  const d = new Date(year, month, day, ...time)
  // 31 Feb rolls over into March: refuse it rather than show another day.
  return d.getMonth() === month && d.getDate() === day ? d : null
}

/**
 * A date the API wrote, as a Date; null for empty text or text that is no date. Display
 * text without a zone is read as local time (that is how it was shown); ISO text keeps
 * its zone, and `YYYY-MM-DD hh:mm:ss` (the database shape some routes answer) is UTC.
 */
export function parseApiDate(text: string | null | undefined): Date | null {
  if (text === null || text === undefined) return null
  const t = String(text).trim()
  if (!t) return null
  const sqlShape = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(t)
  if (sqlShape) {
    const [, y, mo, d, h, mi, s, zone] = sqlShape
    if (h === undefined && !zone) return local(Number(y), Number(mo) - 1, Number(d), [0, 0, 0])
    const parsed = new Date(zone ? t.replace(' ', 'T') : `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}T${h!.padStart(2, '0')}:${mi}:${s ?? '00'}Z`)
    return Number.isNaN(parsed.getTime()) ? null : parsed
  }
  for (const shape of SHAPES) {
    const m = shape.re.exec(t)
    if (!m) continue
    const [monthText, dayText] = shape.order === 'mdy' ? [m[1], m[2]] : [m[2], m[1]]
    const month = MONTHS[monthText.toLowerCase()]
    if (month === undefined) return null
    return local(Number(m[3]), month, Number(dayText), clock(m[4], m[5], m[6], m[7]))
  }
  return null
}

/** The API's date text as ISO-8601 (UTC), or null when it is empty or no date. */
export function apiDateToIso(text: string | null | undefined): string | null {
  return parseApiDate(text)?.toISOString() ?? null
}
