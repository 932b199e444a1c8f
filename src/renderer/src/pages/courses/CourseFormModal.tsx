// Create and edit a course. The slug follows the name until the user edits it; field
// errors appear under their inputs, all at once, and the typed values stay. Closing or
// leaving with unsaved changes asks first.
import { Alert, Group, NumberInput, Select, TextInput, Textarea } from '@mantine/core'
import type { FormEvent } from 'react'
import { lms } from '../../api/client'
import { FormModal } from '../../components/FormModal'
import { useLocalOnlyHint } from '../../components/LocalOnlyHint'
import { RecordFormBody } from '../../components/RecordFormBody'
import { useRecordForm, type RecordEditing } from '../../hooks/useRecordForm'
import { notifySuccess } from '../../lib/notify'
import { useT, type MessageId } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { COURSE_FIELDS, EMPTY_COURSE, courseBody, valuesFromCourse, type CourseValues } from './courseFormValues'
import { fetchLms } from '../../data/queries'
import { CourseDurationFields, HINT_BELOW } from './CourseDurationFields'
import { useCourseLookups } from './useCourseLookups'
import { useCourseSlug } from './useCourseSlug'

export type CourseEditing = RecordEditing

interface Props {
  editing: CourseEditing
  onClose(): void
  onSaved(id: number): void
}

const STATUS_OPTIONS: { value: string; label: MessageId }[] = [
  { value: 'draft', label: 'courses.draft' },
  { value: 'publish', label: 'courses.published' },
]

export function CourseFormModal({ editing, onClose, onSaved }: Props) {
  const t = useT()
  const form = useRecordForm(editing, {
    fields: COURSE_FIELDS,
    empty: EMPTY_COURSE,
    load: (id) => fetchLms('courses.get', { id }),
    toValues: valuesFromCourse,
  })
  const { values, set, record: loaded, errors, checkBeforeSend, editId, shownId, guard } = form
  const open = editing !== null
  const lookups = useCourseLookups(open)
  const localOnly = useLocalOnlyHint('course', shownId === null ? 'courses.create' : 'courses.update')
  const { slugEdited, changeName, changeSlug } = useCourseSlug(editing, form)

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
          <Select name="courseType" label={t('courseForm.courseType')} data={lookups.types} value={values.courseType} onChange={(v) => v && set('courseType', v)} allowDeselect={false} error={errors.courseType} description={localOnly('courseType')} inputWrapperOrder={HINT_BELOW} />
        </Group>
        <Group grow align="flex-start">
          <Select name="gradingRule" label={t('courseForm.gradingRule')} data={lookups.grading} value={values.gradingRule} onChange={(v) => v && set('gradingRule', v)} allowDeselect={false} error={errors.gradingRule} />
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
        <CourseDurationFields options={lookups.duration} values={values} errors={errors} set={set} localOnly={localOnly} />
        <NumberInput name="credits" label={t('courseForm.credits')} min={0} allowDecimal={false} value={values.credits} onChange={(v) => set('credits', v)} error={errors.credits} w={{ base: '100%', sm: '50%' }} />
        <Textarea name="instructions" label={t('courseForm.instructions')} autosize minRows={3} maxRows={10} value={values.instructions} onChange={(e) => set('instructions', e.currentTarget.value)} error={errors.instructions} description={localOnly('instructions')} inputWrapperOrder={HINT_BELOW} />
        {lookups.error !== null && (
          <Alert color="orange" role="alert">
            {t('courseForm.choicesFailed', { error: lookups.error })}
          </Alert>
        )}
      </RecordFormBody>
    </FormModal>
  )
}
