// Walk-ins, all offline: add a user who exists to the class, or create the user and enroll
// them in one step. They are in the room, so they arrive marked Attended unless the trainer
// chooses Registered. Queued for sync like any other change.
import { Button, Group, Modal, Radio, Stack, Tabs, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import type { ClassStatus } from '../../../../shared/operations/classes'
import type { PickedUser } from '../../../../shared/operations/pickers'
import { lms } from '../../api/client'
import { useLmsQuery } from '../../data/queries'
import { useT } from '../../i18n'
import { errorMessage, fieldErrors } from '../../lib/errors'

/** Matches listed at once; the count says how many more there are. */
const SHOWN = 8

interface WalkInModalProps {
  opened: boolean
  classId: number
  onClose(): void
  onAdded(name: string, status: ArrivalStatus): void
}

type ArrivalStatus = Extract<ClassStatus, 'Attended' | 'Registered'>

/** The account needs a password; the walk-in sets their own later (reset by email on the hosted LMS). */
function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18))
  return btoa(String.fromCharCode(...bytes))
}


export function WalkInModal({ opened, classId, onClose, onAdded }: WalkInModalProps) {
  const [tab, setTab] = useState<string | null>('existing')
  const [search, setSearch] = useState('')
  const [term] = useDebouncedValue(search.trim(), 200)
  // The first matches, each saying whether they are in the class already (however big it is),
  // and how many match: a read of the data layer, so one just added shows as in the class.
  const picked = useLmsQuery('users.pick', { search: term, classId, limit: SHOWN }, { enabled: opened && term.length >= 2 && search.trim().length >= 2, keepPrevious: true })
  const matches = picked.data
  const found = matches?.options ?? null
  // Adding someone can fail too; that is said where the search's problems are.
  const [addError, setAddError] = useState<string | null>(null)
  const searchError = addError ?? picked.error
  const [busyId, setBusyId] = useState<number | null>(null)
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const [status, setStatus] = useState<ArrivalStatus>('Attended')
  const t = useT()

  useEffect(() => {
    if (!opened) return
    setTab('existing')
    setStatus('Attended')
    setSearch('')
    setAddError(null)
    setForm({ firstName: '', lastName: '', email: '' })
    setErrors({})
    setFormError(null)
  }, [opened])

  const addExisting = async (user: PickedUser) => {
    setBusyId(user.id)
    try {
      await lms.call('attendance.addWalkIn', { classId, userId: user.id, status })
      onAdded(`${user.firstName} ${user.lastName}`.trim(), status)
    } catch (e) {
      setAddError(errorMessage(e))
    } finally {
      setBusyId(null)
    }
  }

  const createAndEnroll = async () => {
    setCreating(true)
    setErrors({})
    setFormError(null)
    try {
      const password = randomPassword()
      const { id } = await lms.call('users.create', { ...form, password, password_confirmation: password })
      await lms.call('attendance.addWalkIn', { classId, userId: id, status })
      onAdded(`${form.firstName} ${form.lastName}`.trim(), status)
    } catch (e) {
      const fields = fieldErrors(e)
      setErrors(fields)
      if (Object.keys(fields).length === 0) setFormError(errorMessage(e))
    } finally {
      setCreating(false)
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('walkIn.title')} centered size="lg">
      <Radio.Group label={t('walkIn.markAs')} value={status} onChange={(v) => setStatus(v as ArrivalStatus)} mb="md">
        <Group gap="lg" mt={6}>
          <Radio value="Attended" label={t('walkIn.attended')} />
          <Radio value="Registered" label={t('walkIn.registered')} />
        </Group>
      </Radio.Group>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="existing">{t('walkIn.existing')}</Tabs.Tab>
          <Tabs.Tab value="new">{t('walkIn.new')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="existing" pt="md">
          <TextInput
            type="search"
            label={t('walkIn.find')}
            description={t('walkIn.findHelp')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value)
              setAddError(null)
            }}
            error={searchError}
            data-autofocus
          />
          <Stack gap={4} mt="sm" aria-live="polite">
            {found?.length === 0 && <Text size="sm">{t('walkIn.noMatch')}</Text>}
            {matches && matches.total > matches.options.length && (
              <Text size="sm" c="dimmed" data-testid="walkin-count">
                {t('walkIn.matches', { total: matches.total, shown: matches.options.length })}
              </Text>
            )}
            {found?.map((u) => {
              const inClass = u.inClass === true
              const name = `${u.firstName} ${u.lastName}`.trim()
              return (
                <Group key={u.id} justify="space-between" wrap="nowrap" data-testid="walkin-result">
                  <div>
                    <Text fw={600}>{name}</Text>
                    <Text size="sm" c="dimmed">
                      <bdi>{u.email}</bdi>
                    </Text>
                  </div>
                  <Button
                    size="sm"
                    variant={inClass ? 'default' : 'filled'}
                    disabled={inClass}
                    loading={busyId === u.id}
                    onClick={() => void addExisting(u)}
                    aria-label={inClass ? t('walkIn.inClassLabel', { name }) : t('walkIn.addLabel', { name })}
                  >
                    {inClass ? t('walkIn.inClass') : t('walkIn.add')}
                  </Button>
                </Group>
              )
            })}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="new" pt="md">
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void createAndEnroll()
            }}
          >
            <Stack gap="sm">
              <Group grow>
                <TextInput label={t('walkIn.firstName')} required value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.currentTarget.value })} error={errors.firstName} />
                <TextInput label={t('walkIn.lastName')} value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.currentTarget.value })} error={errors.lastName} />
              </Group>
              <TextInput label={t('walkIn.email')} type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} error={errors.email} />
              {formError && (
                <Text c="red.9" size="sm" role="alert">
                  {formError}
                </Text>
              )}
              <Group justify="flex-end">
                <Button type="submit" loading={creating}>
                  {t('walkIn.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
      </Tabs>
    </Modal>
  )
}
