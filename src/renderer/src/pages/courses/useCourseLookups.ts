// The choices of the course form's selects (grading rule, duration rule, course type), from
// the engine's lookups while the form is open, named in the trainer's language where the
// value is known.
import { useLmsQuery } from '../../data/queries'
import { useT, type MessageId } from '../../i18n'

type Option = { value: string; label: string }

const LOOKUP_LABELS: Record<string, MessageId> = {
  no_grading: 'courseForm.grading.no_grading',
  avg_all_modules: 'courseForm.grading.avg_all_modules',
  avg_specific_modules: 'courseForm.grading.avg_specific_modules',
  unlimited: 'courseForm.durationRule.unlimited',
  on_specific_date: 'courseForm.durationRule.on_specific_date',
  x_days_after_start: 'courseForm.durationRule.x_days_after_start',
  x_days_after_enrollment: 'courseForm.durationRule.x_days_after_enrollment',
  self_paced: 'courseForm.type.self_paced',
  instructor_led: 'courseForm.type.instructor_led',
}

export function useCourseLookups(open: boolean) {
  const t = useT()
  const toOptions = (rows: { db_value: string; display_value: string }[] | null): Option[] =>
    (rows ?? []).map((r) => ({ value: r.db_value, label: LOOKUP_LABELS[r.db_value] ? t(LOOKUP_LABELS[r.db_value]) : r.display_value }))
  const grading = useLmsQuery('courses.gradingRulesLookup', {}, { enabled: open })
  const duration = useLmsQuery('courses.durationRulesLookup', {}, { enabled: open })
  const types = useLmsQuery('courses.typeLookup', {}, { enabled: open })
  return {
    grading: toOptions(grading.data),
    duration: toOptions(duration.data),
    types: toOptions(types.data),
    /** The first lookup that failed, null when none did. */
    error: grading.error || duration.error || types.error ? (grading.error ?? duration.error ?? types.error) : null,
  }
}
