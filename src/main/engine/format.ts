// The hosted API answers dates as display text; rows store ISO-8601 UTC. These
// formatters are the only place that turns one into the other.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number) => String(n).padStart(2, '0')

function parts(iso: string) {
  const d = new Date(iso)
  const hours = d.getHours()
  return {
    d,
    day: pad(d.getDate()),
    month: MONTHS[d.getMonth()],
    year: d.getFullYear(),
    time: `${pad(hours % 12 === 0 ? 12 : hours % 12)}:${pad(d.getMinutes())} ${hours < 12 ? 'AM' : 'PM'}`,
  }
}

/** "Aug 06, 2020 07:20 AM" */
export function dateTimeText(iso: string | null): string {
  if (!iso) return ''
  const p = parts(iso)
  return `${p.month} ${p.day}, ${p.year} ${p.time}`
}

/** "03 Aug 2020 09:08 AM" (courses/tabularlist) */
export function dayFirstDateTimeText(iso: string | null): string {
  if (!iso) return ''
  const p = parts(iso)
  return `${p.day} ${p.month} ${p.year} ${p.time}`
}

/** "09:00 AM" (class times) */
export function timeText(iso: string | null): string {
  return iso ? parts(iso).time : ''
}

/** "Aug 09, 2020" */
export function dateText(iso: string | null): string {
  if (!iso) return ''
  const p = parts(iso)
  return `${p.month} ${p.day}, ${p.year}`
}

/** "09-Aug-2020" (course/enrolled-students) */
export function dashedDateText(iso: string | null): string {
  if (!iso) return ''
  const p = parts(iso)
  return `${p.day}-${p.month}-${p.year}`
}

/** "2 days ago", "1 minute ago", "Never" */
export function relativeText(iso: string | null, now: Date): string {
  if (!iso) return 'Never'
  const seconds = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 1000))
  const units: [number, string][] = [
    [365 * 24 * 3600, 'year'],
    [30 * 24 * 3600, 'month'],
    [7 * 24 * 3600, 'week'],
    [24 * 3600, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ]
  for (const [size, unit] of units) {
    const n = Math.floor(seconds / size)
    if (n >= 1) return `${n} ${unit}${n > 1 ? 's' : ''} ago`
  }
  return 'just now'
}
