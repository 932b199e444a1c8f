// Enroll users into a course: a multi-select searched on the server as it is typed (the
// users list's search, minus those the course already has), so every user can be found
// however many there are.
import { Alert, Button, Group, Loader, MultiSelect, Stack, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useMemo, useState, type FormEvent } from 'react'
import { lms } from '../../api/client'
import { FormModal } from '../../components/FormModal'
import { useFormErrors } from '../../hooks/useFormErrors'
import { useUnsavedChanges } from '../../hooks/useUnsavedChanges'
import { useLmsQuery } from '../../data/queries'
import { plural } from '../../lib/format'
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
  // Where the open student list is shown: in the form's flow, below the buttons.
  const [listPlace, setListPlace] = useState<HTMLDivElement | null>(null)
  const { errors, formError, showError, clearField, reset, formRef } = useFormErrors(FIELDS)
  const [search, setSearch] = useState('')
  const [term] = useDebouncedValue(search.trim(), 200)
  // Before anything is typed: the first users, to browse. Enough are asked for that
  // eight are left once those already enrolled are left out.
  const users = useLmsQuery('users.tabularList', { page_size: 50, page_number: 1, search_param: { nameOrEmail: term || undefined } }, { enabled: opened, keepPrevious: true })
  const enrolled = useLmsQuery('courses.enrolledUsersLookup', { id: courseId, search_term: term || undefined }, { enabled: opened, keepPrevious: true })
  const options = {
    data: useMemo(() => {
      if (!users.data || !enrolled.data) return null
      const taken = new Set(enrolled.data.map((u) => u.id))
      return users.data.records
        .filter((u) => !taken.has(u.id))
        .map((u) => ({ value: u.id, label: `${[u.first_name, u.last_name].filter(Boolean).join(' ')} (${u.email})` }))
    }, [users.data, enrolled.data]),
    error: users.error ?? enrolled.error,
    loading: users.loading || enrolled.loading,
  }
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
      notifySuccess(result.message, `Enrolled in ${courseName}`)
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
    <FormModal opened={opened} onClose={close} guard={guard} subject="the enrollment" title={`Enroll students in ${courseName}`} size="lg">
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Enroll students">
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {options.error && (
            <Alert color="red" role="alert" title="Could not load the users">
              {options.error}
            </Alert>
          )}
          <MultiSelect<number>
            label="Students"
            description="Type a name or email to find users who are not enrolled yet; up to 8 matches are listed"
            placeholder={selected.length ? undefined : 'Search users'}
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
            nothingFoundMessage={options.loading || search.trim() !== term ? 'Looking…' : 'No user matches'}
            rightSection={options.loading ? <Loader size="xs" aria-label="Loading users" /> : undefined}
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
            {selected.length === 0 ? 'No students selected.' : `${plural(selected.length, 'student', 'students')} selected.`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => guard.confirmDiscard(close)} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} disabled={selected.length === 0}>
              Enroll
            </Button>
          </Group>
          <div ref={setListPlace} />
        </Stack>
      </form>
    </FormModal>
  )
}
