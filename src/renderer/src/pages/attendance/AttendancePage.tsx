// The Attendance screen: pick a class (today's first), mark its roster by keyboard or with
// large buttons, add walk-ins, keep notes, sign off, and print or export the roster.
// The chosen class and filters live in the hash (#/attendance?class=1&location=2). On a
// phone or small tablet the class list folds away once a class is open, so the roster
// comes first. A class of more than ROSTER_PAGE learners is shown a page at a time and
// searched on the server; the counts are always the whole class's.
import { Alert, Button, Group, Loader, Pagination, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useEffect, useRef, useState } from 'react'
import { CLASSES_SHOWN, ROSTER_PAGE, type RosterLearner } from '../../../../shared/operations/attendance'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { PageHeader } from '../../components/PageHeader'
import { formatDateTime, formatNumber, plural } from '../../lib/format'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import { replaceHashQuery, useNavigation } from '../../state/navigation'
import classes from './Attendance.module.css'
import { ClassPicker, classTimeText } from './ClassPicker'
import { base64Blob, saveBlob } from './download'
import { NoteModal } from './NoteModal'
import { ReopenModal } from './ReopenModal'
import { Roster, StatusCounts } from './Roster'
import { useRoster } from './useRoster'
import { WalkInModal } from './WalkInModal'
import { useLmsQuery } from '../../data/queries'

/** Below this width the class list folds away once a class is open. */
const NARROW_QUERY = '(max-width: 900px)'

function readQuery(query: string) {
  const params = new URLSearchParams(query)
  const num = (key: string) => {
    const v = Number(params.get(key))
    return Number.isInteger(v) && v > 0 ? v : null
  }
  return { classId: num('class'), locationId: num('location'), courseId: num('course') }
}

function writeQuery(q: { classId: number | null; locationId: number | null; courseId: number | null }) {
  const params = new URLSearchParams()
  if (q.classId) params.set('class', String(q.classId))
  if (q.locationId) params.set('location', String(q.locationId))
  if (q.courseId) params.set('course', String(q.courseId))
  replaceHashQuery(params.toString())
}

export function AttendancePage() {
  const query = useNavigation((s) => s.route.query)
  const { classId: chosen, locationId, courseId } = readQuery(query)
  // How many classes of each kind the list shows; "Show more" raises them (the list shown
  // stays while the longer one loads, not when the filters change).
  const [limits, setLimits] = useState<{ current: number; past: number }>(CLASSES_SHOWN)
  useEffect(() => setLimits(CLASSES_SHOWN), [locationId, courseId])
  const picker = useLmsQuery('attendance.classes', { locationId, courseId, currentLimit: limits.current, pastLimit: limits.past }, { keepPreviousOf: `${locationId}:${courseId}` })
  // Without a choice, the first of today's (or upcoming) classes opens.
  const classId = chosen ?? picker.data?.classes.find((c) => c.when !== 'past')?.id ?? null
  const [search, setSearch] = useState('')
  const roster = useRoster(classId, search)
  const searchRef = useRef<HTMLInputElement>(null)
  const [noteFor, setNoteFor] = useState<RosterLearner | null>(null)
  const [confirm, setConfirm] = useState<'markAll' | 'signOff' | null>(null)
  const [reopening, setReopening] = useState(false)
  const [walkIn, setWalkIn] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const narrow = useMediaQuery(NARROW_QUERY) ?? false
  const [pickerOpen, setPickerOpen] = useState(false)

  const data = roster.data
  const locked = Boolean(data?.signedOff)
  const signedOffText = data?.signedOff ? `Signed off by ${data.signedOff.by} on ${formatDateTime(data.signedOff.at)}` : ''

  // The picker's "marked" figures and the roster follow the engine's `changed` events; a
  // walk-in (its modal's JSX calls this) is asked for at once as well.
  const refreshAll = () => {
    void roster.reload()
    picker.reload()
  }

  const lockedNotice = () => notifyWarning(`${signedOffText}. Reopen the session to change attendance.`, 'Session is signed off')

  const onStatus = (learner: RosterLearner, status: ClassStatus) => {
    if (locked) return lockedNotice()
    roster.setStatus(learner.enrollmentId, status).catch((e: unknown) => notifyError(e, `${learner.name} was not marked`))
  }

  const onNote = (learner: RosterLearner) => (locked ? lockedNotice() : setNoteFor(learner))

  const run = async (label: string, action: () => Promise<void>) => {
    setBusy(label)
    try {
      await action()
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(null)
    }
  }

  const markAll = () =>
    run('markAll', async () => {
      if (!classId) return
      const { marked } = await lms.call('attendance.markUnmarked', { classId })
      setConfirm(null)
      notifySuccess(`${plural(marked, 'learner', 'learners')} marked Attended.`)
    })

  const signOff = () =>
    run('signOff', async () => {
      if (!classId) return
      await lms.call('attendance.signOff', { classId })
      setConfirm(null)
      notifySuccess('Session signed off; attendance is locked.')
    })

  const reopen = (reason: string) =>
    run('reopen', async () => {
      if (!classId) return
      await lms.call('attendance.reopen', { classId, reason })
      setReopening(false)
      notifySuccess('Session reopened; the reopen is recorded.')
    })

  const downloadSheet = () =>
    run('sheet', async () => {
      if (!classId) return
      const { fileName, pdfBase64 } = await lms.call('attendance.signInSheet', { classId })
      saveBlob(base64Blob(pdfBase64, 'application/pdf'), fileName)
    })

  const exportCsv = () =>
    run('csv', async () => {
      if (!classId) return
      const { fileName, csv } = await lms.call('attendance.exportCsv', { classId })
      saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName)
    })

  const info = data?.class
  const unmarked = data?.totals.totalRegistered ?? 0

  return (
    <Stack gap="md">
      <PageHeader title="Attendance">
        <Text size="sm" c="dimmed">
          Works offline; every mark is kept on this computer and sent with the next sync.
        </Text>
      </PageHeader>
      <div className={classes.layout}>
        <Paper withBorder p="sm">
          {picker.error && <Alert color="red" title="Classes could not be loaded">{picker.error}</Alert>}
          {narrow && classId !== null && !pickerOpen ? (
            <Group justify="space-between" gap="xs">
              <Text size="sm" c="dimmed">
                {picker.data ? `${plural(picker.data.counts.current + picker.data.counts.past, 'class', 'classes')} to choose from` : 'Loading the classes…'}
              </Text>
              <Button variant="default" size="sm" onClick={() => setPickerOpen(true)} aria-expanded={false}>
                Change class
              </Button>
            </Group>
          ) : (
            <ClassPicker
              list={picker.data?.classes ?? null}
              counts={picker.data?.counts ?? null}
              onShowMore={(when) => setLimits((l) => ({ ...l, [when]: l[when] + CLASSES_SHOWN[when] }))}
              locations={picker.data?.locations ?? []}
              locationId={locationId}
              courseId={courseId}
              selectedId={classId}
              onFilter={(f) => writeQuery({ classId: null, ...f })}
              onSelect={(id) => {
                setSearch('')
                setPickerOpen(false)
                writeQuery({ classId: id, locationId, courseId })
              }}
            />
          )}
        </Paper>
        <Paper withBorder p="md" aria-busy={roster.loading} data-testid="session">
          {!classId && !picker.loading && <Text>Choose a class from the list.</Text>}
          {roster.error && <Alert color="red" title="The roster could not be loaded">{roster.error}</Alert>}
          {classId && !data && !roster.error && <Loader aria-label="Loading the roster" />}
          {info && data && (
            <Stack gap="sm">
              <div>
                <Title order={2} size="h3">
                  {info.courseName}
                </Title>
                <Text size="sm">
                  {classTimeText(info)} · {info.location || 'No location'} · Instructor: {info.instructor || 'not set'}
                </Text>
              </div>
              {data.signedOff ? (
                <Alert color="gray" title="Signed off: attendance is locked" data-testid="signed-off">
                  <Group justify="space-between">
                    <Text size="sm">{signedOffText}.</Text>
                    <Button size="sm" variant="default" onClick={() => setReopening(true)}>
                      Reopen session
                    </Button>
                  </Group>
                </Alert>
              ) : null}
              <Stack gap="xs" className={classes.sticky}>
                <StatusCounts totals={data.totals} learners={data.recordsTotal} />
                <Group gap="sm" align="flex-end">
                  <TextInput
                    ref={searchRef}
                    type="search"
                    label="Search learners"
                    placeholder="Name or email"
                    value={search}
                    onChange={(e) => setSearch(e.currentTarget.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape' || e.key === 'ArrowDown' || e.key === 'Enter') {
                        e.preventDefault()
                        document.querySelector<HTMLButtonElement>('[data-testid="roster"] button[tabindex="0"]')?.focus()
                      }
                    }}
                    w={{ base: '100%', xs: 260 }}
                  />
                  <Button disabled={locked || unmarked === 0} onClick={() => setConfirm('markAll')} w={{ base: '100%', xs: 'auto' }}>
                    Mark all unmarked as Attended
                  </Button>
                  <Button variant="default" disabled={locked} onClick={() => setWalkIn(true)} w={{ base: '100%', xs: 'auto' }}>
                    Add walk-in
                  </Button>
                </Group>
              </Stack>
              {!roster.whole && (
                <Group justify="space-between" gap="sm" data-testid="roster-pages">
                  <Text size="sm" role="status" aria-live="polite">
                    {roster.count === 0
                      ? 'No learner matches.'
                      : `Showing ${formatNumber(roster.first + 1)}–${formatNumber(roster.first + roster.learners.length)} of ${plural(roster.count, 'learner', 'learners')}${roster.serverSearch ? ` matching “${roster.serverSearch}”` : ''}`}
                  </Text>
                  <Pagination
                    total={Math.max(1, Math.ceil(roster.count / ROSTER_PAGE))}
                    value={roster.page}
                    onChange={roster.setPage}
                    size="sm"
                    siblings={1}
                    aria-label="Pages of learners"
                    getItemProps={(page) => ({ 'aria-label': `Page ${page}`, 'aria-current': page === roster.page ? 'page' : undefined })}
                    getControlProps={(control) => ({ 'aria-label': `${control[0]?.toUpperCase()}${control.slice(1)} page` })}
                  />
                </Group>
              )}
              <Roster
                learners={roster.learners}
                first={roster.first}
                count={roster.count}
                pending={roster.pending}
                listKey={roster.serverSearch}
                onShowRow={roster.showRow}
                lockedReason={data.signedOff ? `${signedOffText}: marks, notes and walk-ins are locked until the session is reopened.` : null}
                onStatus={onStatus}
                onNote={onNote}
                onSearchKey={() => searchRef.current?.focus()}
              />
              <Group gap="sm" justify="space-between" mt="sm">
                <Group gap="sm">
                  <Button variant="default" onClick={() => void downloadSheet()} loading={busy === 'sheet'}>
                    Sign-in sheet (PDF)
                  </Button>
                  <Button variant="default" onClick={() => void exportCsv()} loading={busy === 'csv'}>
                    Export CSV
                  </Button>
                </Group>
                {!locked && (
                  <Button color="gray.8" onClick={() => setConfirm('signOff')}>
                    Sign off session
                  </Button>
                )}
              </Group>
              {data.events.length > 0 && (
                <section aria-labelledby="session-history">
                  <Title order={3} size="h6" id="session-history">
                    Session history
                  </Title>
                  <ul data-testid="session-history">
                    {data.events.map((e) => (
                      <li key={`${e.action}${e.at}`}>
                        <Text size="sm">
                          {e.action === 'signed_off' ? 'Signed off' : 'Reopened'} by {e.by} on {formatDateTime(e.at)}
                          {e.reason ? ` (${e.reason})` : ''}
                        </Text>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </Stack>
          )}
        </Paper>
      </div>
      <ConfirmDialog
        opened={confirm === 'markAll'}
        title="Mark all unmarked learners as Attended?"
        confirmLabel={`Mark ${unmarked} as Attended`}
        busy={busy === 'markAll'}
        onConfirm={() => void markAll()}
        onClose={() => setConfirm(null)}
      >
        {plural(unmarked, '{n} learner still Registered will be marked Attended.', '{n} learners still Registered will be marked Attended.')} Learners already marked keep
        their status.
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirm === 'signOff'}
        title="Sign off this session?"
        confirmLabel="Sign off"
        busy={busy === 'signOff'}
        onConfirm={() => void signOff()}
        onClose={() => setConfirm(null)}
      >
        Attendance will be locked under your name.{' '}
        {unmarked > 0 ? `${plural(unmarked, '{n} learner is still unmarked.', '{n} learners are still unmarked.')} ` : ''}You can reopen it later; the reopen is
        recorded.
      </ConfirmDialog>
      <ReopenModal opened={reopening} signedOff={data?.signedOff ?? null} busy={busy === 'reopen'} onClose={() => setReopening(false)} onReopen={(r) => void reopen(r)} />
      <NoteModal learner={noteFor} onClose={() => setNoteFor(null)} onSaved={roster.setNote} />
      {classId && (
        <WalkInModal
          opened={walkIn}
          classId={classId}
          onClose={() => setWalkIn(false)}
          onAdded={(name, status) => {
            setWalkIn(false)
            notifySuccess(`${name} was added to the class as ${status}.`)
            refreshAll()
          }}
        />
      )}
    </Stack>
  )
}
