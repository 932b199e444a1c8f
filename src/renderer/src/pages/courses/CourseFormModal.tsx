// Create and edit a course. The slug follows the name until the user edits it; field
// errors appear under their inputs, all at once, and the typed values stay. Closing or
// leaving with unsaved changes asks first.
import { Alert, Group, NumberInput, Select, TextInput, Textarea } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import { lms } from '../../api/client'
import { DateField } from '../../components/DateField'
import { FormModal } from '../../components/FormModal'
import { useLocalOnlyHint } from '../../components/LocalOnlyHint'
import { RecordFormBody } from '../../components/RecordFormBody'
import { useRecordForm, type RecordEditing } from '../../hooks/useRecordForm'
import { notifySuccess } from '../../lib/notify'
import { slugify } from '../../lib/slug'
import { useT, type MessageId } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { COURSE_FIELDS, EMPTY_COURSE, courseBody, valuesFromCourse, type CourseValues } from './courseFormValues'
import { fetchLms, useLmsQuery } from '../../data/queries'

export type CourseEditing = RecordEditing

interface Props {
  editing: CourseEditing
  onClose(): void
  onSaved(id: number): void
}

type Option = { value: string; label: string }

/** The engine's lookups, named in the trainer's language where the value is known. */
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

/** A local-only hint sits under its input, so the labels and inputs of a row stay level. */
const HINT_BELOW = ['label', 'input', 'description', 'error'] as ('label' | 'input' | 'description' | 'error')[]

const STATUS_OPTIONS: { value: string; label: MessageId }[] = [
  { value: 'draft', label: 'courses.draft' },
  { value: 'publish', label: 'courses.published' },
]

export function CourseFormModal({ editing, onClose, onSaved }: Props) {
  const [slugEdited, setSlugEdited] = useState(false)
  const t = useT()
  const toOptions = (rows: { db_value: string; display_value: string }[] | null): Option[] =>
    (rows ?? []).map((r) => ({ value: r.db_value, label: LOOKUP_LABELS[r.db_value] ? t(LOOKUP_LABELS[r.db_value]) : r.display_value }))
  const form = useRecordForm(editing, {
    fields: COURSE_FIELDS,
    empty: EMPTY_COURSE,
    load: (id) => fetchLms('courses.get', { id }),
    toValues: valuesFromCourse,
  })
  const { values, setValues, set, record: loaded, errors, clearField, checkBeforeSend, editId, shownId, guard } = form
  const open = editing !== null
  const grading = useLmsQuery('courses.gradingRulesLookup', {}, { enabled: open })
  const duration = useLmsQuery('courses.durationRulesLookup', {}, { enabled: open })
  const types = useLmsQuery('courses.typeLookup', {}, { enabled: open })
  const localOnly = useLocalOnlyHint('course', shownId === null ? 'courses.create' : 'courses.update')

  useEffect(() => {
    if (editing) setSlugEdited(editing.mode === 'edit')
  }, [editing])

  function changeName(name: string) {
    setValues((v) => ({ ...v, name, slug: slugEdited ? v.slug : slugify(name) }))
    clearField('name')
    if (!slugEdited) clearField('slug')
  }

  function changeSlug(slug: string) {
    // Clearing the slug hands it back to the name.
    setSlugEdited(slug !== '')
    set('slug', slug === '' ? slugify(values.name) : slug)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    void form.save(async () => {
      const body = courseBody(values, loaded)
      if (!(await checkBeforeSend(editId === null ? 'courses.create' : 'courses.update', editId === null ? body : { id: editId, ...body }))) return
      const result = editId === null ? await lms.call('courses.create', body) : await lms.call('courses.update', { id: editId, ...body })
      notifySuccess(
        apiMessage(result.message, editId === null ? 'courseForm.createdBody' : 'courseForm.savedBody'),
        t(editId === null ? 'courseForm.created' : 'courseForm.saved', { name: values.name }),
      )
      onSaved(result.id)
    })
  }

  const title = shownId === null ? t('courseForm.newTitle') : t('courseForm.editTitle')
  const usesDays = values.durationRule === 'x_days_after_start' || values.durationRule === 'x_days_after_enrollment'
  return (
    <FormModal opened={open} onClose={onClose} guard={guard} subject={t('courseForm.subject')} title={title} size="xl">
      <RecordFormBody form={form} title={title} loadingLabel={t('course.loading')} loadFailedTitle={t('course.loadFailed')} submitLabel={shownId === null ? t('courseForm.create') : t('common.saveChanges')} onSubmit={submit} onCancel={onClose}>
        <TextInput name="name" label={t('courseForm.name')} required value={values.name} onChange={(e) => changeName(e.currentTarget.value)} error={errors.name} data-autofocus autoComplete="off" />
        <TextInput
          name="slug"
          label={t('courseForm.slug')}
          description={slugEdited ? t('courseForm.slugHelpEdited') : t('courseForm.slugHelpAuto')}
          required
          value={values.slug}
          onChange={(e) => changeSlug(e.currentTarget.value)}
          error={errors.slug}
          autoComplete="off"
        />
        <Group grow align="flex-start">
          <Select name="status" label={t('courseForm.status')} data={STATUS_OPTIONS.map((o) => ({ value: o.value, label: t(o.label) }))} value={values.status} onChange={(v) => v && set('status', v as CourseValues['status'])} allowDeselect={false} error={errors.status} />
          <Select name="courseType" label={t('courseForm.courseType')} data={toOptions(types.data)} value={values.courseType} onChange={(v) => v && set('courseType', v)} allowDeselect={false} error={errors.courseType} description={localOnly('courseType')} inputWrapperOrder={HINT_BELOW} />
        </Group>
        <Group grow align="flex-start">
          <Select name="gradingRule" label={t('courseForm.gradingRule')} data={toOptions(grading.data)} value={values.gradingRule} onChange={(v) => v && set('gradingRule', v)} allowDeselect={false} error={errors.gradingRule} />
          <NumberInput
            name="minPassingPercentage"
            label={t('courseForm.minPassing')}
            min={0}
            max={100}
            value={values.minPassingPercentage}
            onChange={(v) => set('minPassingPercentage', v)}
            error={errors.minPassingPercentage}
            disabled={values.gradingRule === 'no_grading'}
          />
        </Group>
        <Group grow align="flex-start">
          <Select name="durationRule" label={t('courseForm.duration')} data={toOptions(duration.data)} value={values.durationRule} onChange={(v) => v && set('durationRule', v)} allowDeselect={false} error={errors.durationRule} />
          {values.durationRule === 'on_specific_date' ? (
            <DateField name="durationSpecificDate" label={t('courseForm.endsOn')} required value={values.durationSpecificDate} onChange={(e) => set('durationSpecificDate', e.currentTarget.value)} error={errors.durationSpecificDate} description={localOnly('durationSpecificDate')} inputWrapperOrder={HINT_BELOW} />
          ) : usesDays ? (
            <NumberInput name="durationDays" label={t('courseForm.days')} min={1} allowDecimal={false} required value={values.durationDays} onChange={(v) => set('durationDays', v)} error={errors.durationDays} description={localOnly('durationDays')} inputWrapperOrder={HINT_BELOW} />
          ) : (
            <div />
          )}
        </Group>
        <NumberInput name="credits" label={t('courseForm.credits')} min={0} allowDecimal={false} value={values.credits} onChange={(v) => set('credits', v)} error={errors.credits} w={{ base: '100%', sm: '50%' }} />
        <Textarea name="instructions" label={t('courseForm.instructions')} autosize minRows={3} maxRows={10} value={values.instructions} onChange={(e) => set('instructions', e.currentTarget.value)} error={errors.instructions} description={localOnly('instructions')} inputWrapperOrder={HINT_BELOW} />
        {(grading.error || duration.error || types.error) && (
          <Alert color="orange" role="alert">
            {t('courseForm.choicesFailed', { error: grading.error ?? duration.error ?? types.error })}
          </Alert>
        )}
      </RecordFormBody>
    </FormModal>
  )
}
