// How long a course runs: its duration rule, and beside it what that rule needs (the end
// date, or a number of days); an empty cell keeps the row's layout for the other rules.
import { Group, NumberInput, Select } from '@mantine/core'
import type { ReactNode } from 'react'
import { DateField } from '../../components/DateField'
import { useT } from '../../i18n'
import type { CourseValues } from './courseFormValues'

/** A local-only hint sits under its input, so the labels and inputs of a row stay level. */
export const HINT_BELOW = ['label', 'input', 'description', 'error'] as ('label' | 'input' | 'description' | 'error')[]

interface Props {
  options: { value: string; label: string }[]
  values: CourseValues
  errors: Record<string, string>
  set<K extends keyof CourseValues>(field: K, value: CourseValues[K]): void
  localOnly(field: string): ReactNode | undefined
}

export function CourseDurationFields({ options, values, errors, set, localOnly }: Props) {
  const t = useT()
  const usesDays = values.durationRule === 'x_days_after_start' || values.durationRule === 'x_days_after_enrollment'
  return (
    <Group grow align="flex-start">
      <Select name="durationRule" label={t('courseForm.duration')} data={options} value={values.durationRule} onChange={(v) => v && set('durationRule', v)} allowDeselect={false} error={errors.durationRule} />
      {values.durationRule === 'on_specific_date' ? (
        <DateField name="durationSpecificDate" label={t('courseForm.endsOn')} required value={values.durationSpecificDate} onChange={(e) => set('durationSpecificDate', e.currentTarget.value)} error={errors.durationSpecificDate} description={localOnly('durationSpecificDate')} inputWrapperOrder={HINT_BELOW} />
      ) : usesDays ? (
        <NumberInput name="durationDays" label={t('courseForm.days')} min={1} allowDecimal={false} required value={values.durationDays} onChange={(v) => set('durationDays', v)} error={errors.durationDays} description={localOnly('durationDays')} inputWrapperOrder={HINT_BELOW} />
      ) : (
        <div />
      )}
    </Group>
  )
}
