// Enroll users into a course: a multi-select searched on the server as it is typed (users
// not in the course yet, users.pick), so every user can be found however many there are,
// and the hint says how many match. Those just enrolled drop out of the offer as the engine
// says enrollments changed.
import { Alert, Stack, Text } from '@mantine/core'
import { useMemo, useState, type FormEvent } from 'react'
import { lms } from '../../api/client'
import { FormModal } from '../../components/FormModal'
import { ServerSearchMultiSelect } from '../../components/ServerSearchSelect'
import { useFormErrors } from '../../hooks/useFormErrors'
import { useUnsavedChanges } from '../../hooks/useUnsavedChanges'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { searchUsers, userLabels } from '../../lib/pickers'
import classes from './EnrollModal.module.css'
import { notifySuccess } from '../../lib/notify'
import { FormButtons } from '../../components/FormButtons'

interface Props {
  opened: boolean
  courseId: number
  courseName: string
  onClose(): void
  onDone(): void
}

const FIELDS = ['studentIds'] as const

export function EnrollModal({ opened, courseId, courseName, onClose, onDone }: Props) {
  const [selected, setSelected] = useState<string[]>([])
  const [saving, setSaving] = useState(false)
  const t = useT()
  // Where the open student list is shown: in the form's flow, below the buttons.
  const [listPlace, setListPlace] = useState<HTMLDivElement | null>(null)
  const { errors, formError, showError, clearField, reset, formRef } = useFormErrors(FIELDS)
  const search = useMemo(() => searchUsers({ notInCourse: courseId }), [courseId])

  const guard = useUnsavedChanges(opened && selected.length > 0)

  function close() {
    setSelected([])
    reset()
    onClose()
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    try {
      const result = await lms.call('courses.enroll', { id: courseId, studentIds: selected.map(Number) })
      notifySuccess(apiMessage(result.message, 'enroll.doneBody', { count: selected.length }), t('enroll.done', { course: courseName }))
      setSelected([])
      reset()
      onDone()
    } catch (error) {
      showError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <FormModal opened={opened} onClose={close} guard={guard} subject={t('enroll.subject')} title={t('enroll.title', { course: courseName })} size="lg">
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('enroll.formLabel')}>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <ServerSearchMultiSelect
            label={t('enroll.students')}
            description={t('enroll.studentsHelp')}
            placeholder={selected.length ? undefined : t('enroll.searchUsers')}
            values={selected}
            onChange={(v) => {
              setSelected(v)
              clearField('studentIds')
            }}
            search={search}
            labelsOf={userLabels}
            noun="user"
            nothingFoundMessage={(_, loading) => (loading ? t('enroll.looking') : t('enroll.noMatch'))}
            error={errors.studentIds}
            // A short list that never scrolls: a scrolling listbox cannot be reached by Tab
            // (axe: scrollable-region-focusable); typing narrows the choice instead.
            limit={8}
            maxDropdownHeight={400}
            comboboxProps={{
              withinPortal: listPlace !== null,
              portalProps: listPlace ? { target: listPlace } : undefined,
              middlewares: { flip: false, shift: false },
              classNames: { dropdown: classes.inlineDropdown },
            }}
            autoFocus
          />
          <Text size="sm" c="dimmed">
            {selected.length === 0 ? t('enroll.noneSelected') : t('enroll.selected', { count: selected.length })}
          </Text>
          <FormButtons submitLabel={t('enroll.submit')} busy={saving} onCancel={() => guard.confirmDiscard(close)} submitDisabled={selected.length === 0} />
          <div ref={setListPlace} />
        </Stack>
      </form>
    </FormModal>
  )
}
