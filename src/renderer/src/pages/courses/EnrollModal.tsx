// Enroll users into a course: a multi-select searched on the server as it is typed (the
// users list's search, minus those the course already has), so every user can be found
// however many there are.
import { Alert, Button, Group, Loader, MultiSelect, Stack, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState, type FormEvent } from 'react'
import { lms } from '../../api/client'
import { FormModal } from '../../components/FormModal'
import { useFormErrors } from '../../hooks/useFormErrors'
import { useUnsavedChanges } from '../../hooks/useUnsavedChanges'
import { useLoad } from '../../hooks/useLoad'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import classes from './EnrollModal.module.css'
import { notifySuccess } from '../../lib/notify'

interface Props {
  opened: boolean
  courseId: number
  courseName: string
  onClose(): void
  onDone(): void
}

const FIELDS = ['studentIds'] as const

export function EnrollModal({ opened, courseId, courseName, onClose, onDone }: Props) {
  const [selected, setSelected] = useState<number[]>([])
  const [saving, setSaving] = useState(false)
  const t = useT()
  // Where the open student list is shown: in the form's flow, below the buttons.
  const [listPlace, setListPlace] = useState<HTMLDivElement | null>(null)
  const { errors, formError, showError, clearField, reset, formRef } = useFormErrors(FIELDS)
  const [search, setSearch] = useState('')
  const [term] = useDebouncedValue(search.trim(), 200)
  const options = useLoad(
    async () => {
      // Before anything is typed: the first users, to browse. Enough are asked for that
      // eight are left once those already enrolled are left out.
      const [users, enrolled] = await Promise.all([
        lms.call('users.tabularList', { page_size: 50, page_number: 1, search_param: { nameOrEmail: term || undefined } }),
        lms.call('courses.enrolledUsersLookup', { id: courseId, search_term: term || undefined }),
      ])
      const taken = new Set(enrolled.map((u) => u.id))
      return users.records
        .filter((u) => !taken.has(u.id))
        .map((u) => ({ value: u.id, label: `${[u.first_name, u.last_name].filter(Boolean).join(' ')} (${u.email})` }))
    },
    opened ? `${courseId}:${term}` : null,
    opened,
  )
  // The chosen students keep their labels while other searches change the options.
  const [chosen, setChosen] = useState<{ value: number; label: string }[]>([])
  const shown = [...chosen, ...(options.data ?? []).filter((o) => !selected.includes(o.value))]

  const guard = useUnsavedChanges(opened && selected.length > 0)

  function close() {
    setSelected([])
    setChosen([])
    setSearch('')
    reset()
    onClose()
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    try {
      const result = await lms.call('courses.enroll', { id: courseId, studentIds: selected })
      notifySuccess(apiMessage(result.message, 'enroll.doneBody', { count: selected.length }), t('enroll.done', { course: courseName }))
      setSelected([])
      setChosen([])
      setSearch('')
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
          {options.error && (
            <Alert color="red" role="alert" title={t('enroll.usersFailed')}>
              {options.error}
            </Alert>
          )}
          <MultiSelect<number>
            label={t('enroll.students')}
            description={t('enroll.studentsHelp')}
            placeholder={selected.length ? undefined : t('enroll.searchUsers')}
            data={shown}
            value={selected}
            onChange={(v) => {
              setSelected(v)
              setChosen(shown.filter((o) => v.includes(o.value)))
              clearField('studentIds')
            }}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            // The server has searched: every option it answered is a match.
            filter={({ options: all, limit }) => all.slice(0, limit)}
            clearable
            hidePickedOptions
            nothingFoundMessage={options.loading || search.trim() !== term ? t('enroll.looking') : t('enroll.noMatch')}
            rightSection={options.loading ? <Loader size="xs" aria-label={t('enroll.loadingUsers')} /> : undefined}
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
            data-autofocus
          />
          <Text size="sm" c="dimmed">
            {selected.length === 0 ? t('enroll.noneSelected') : t('enroll.selected', { count: selected.length })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => guard.confirmDiscard(close)} disabled={saving}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} disabled={selected.length === 0}>
              {t('enroll.submit')}
            </Button>
          </Group>
          <div ref={setListPlace} />
        </Stack>
      </form>
    </FormModal>
  )
}
