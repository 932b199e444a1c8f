// Expands the documented recurrence of class/create into the sessions it describes:
// every `interval` days, weeks (on `classDays`) or months, from `startDate` to `end`.
import { DAY_NAMES, type Recurrence } from '../../../../shared/operations/classes'
import { invalid } from '../../errors'

export const MAX_OCCURRENCES = 366

const dayOf = (text: string) => {
  const [y, m, d] = text.split('-').map(Number)
  return new Date(y, m - 1, d)
}
const at = (day: Date, time: string) => {
  const [h, mi, s = 0] = time.split(':').map(Number)
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, mi, s)
}

/** Sessions as ISO start/end pairs, in order; 422 when the rule is empty, inverted or too long. */
export function expandRecurrence(r: Recurrence): { start: string; end: string }[] {
  const first = dayOf(r.startDate)
  const last = dayOf(r.end)
  if (Number.isNaN(first.getTime()) || Number.isNaN(last.getTime())) throw invalid('recurrence', 'reason.recurrence_dates_invalid')
  if (last < first) throw invalid('recurrence.end', 'reason.recurrence_end_before_start')
  if (at(first, r.endTime) <= at(first, r.startTime)) throw invalid('recurrence.endTime', 'reason.recurrence_end_time')
  const days: Date[] = []
  const push = (d: Date) => {
    if (d >= first && d <= last) days.push(d)
    if (days.length > MAX_OCCURRENCES) throw invalid('recurrence', 'reason.recurrence_too_many', { max: String(MAX_OCCURRENCES) })
  }
  if (r.frequency === 'daily') {
    for (let d = first; d <= last; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + r.interval)) push(d)
  } else if (r.frequency === 'weekly') {
    const weekdays = r.classDays.length ? r.classDays.map((d) => DAY_NAMES.indexOf(d as (typeof DAY_NAMES)[number])) : [first.getDay()]
    const weekStart = new Date(first.getFullYear(), first.getMonth(), first.getDate() - first.getDay())
    for (let w = weekStart; w <= last; w = new Date(w.getFullYear(), w.getMonth(), w.getDate() + 7 * r.interval)) {
      for (const wd of weekdays) push(new Date(w.getFullYear(), w.getMonth(), w.getDate() + wd))
    }
  } else {
    for (let i = 0; ; i += r.interval) {
      const d = new Date(first.getFullYear(), first.getMonth() + i, first.getDate())
      if (d > last) break
      // The 31st in a shorter month is skipped, not moved into the next month.
      if (d.getDate() === first.getDate()) push(d)
    }
  }
  if (days.length === 0) throw invalid('recurrence', 'reason.recurrence_empty')
  return days.map((d) => ({ start: at(d, r.startTime).toISOString(), end: at(d, r.endTime).toISOString() }))
}
