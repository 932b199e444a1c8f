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
import { PAGE_CONTROLS } from '../../components/ServerTable'
import { useI18n, useT } from '../../i18n'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import { replaceHashQuery, useNavigation } from '../../state/navigation'
import classes from './Attendance.module.css'
import { ClassPicker, classTimeText } from './ClassPicker'
import { base64Blob, saveBlob } from '../../lib/download'
import { NoteModal } from './NoteModal'
import { ReopenModal } from './ReopenModal'
import { Roster, StatusCounts } from './Roster'
import { statusLabel } from './statuses'
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
  const t = useT()

  const data = roster.data
  const locked = Boolean(data?.signedOff)
  const signedOff = data?.signedOff ? { by: data.signedOff.by, at: formatDateTime(data.signedOff.at) } : null

  // The picker's "marked" figures and the roster follow the engine's `changed` events; a
  // walk-in (its modal's JSX calls this) is asked for at once as well.
  const refreshAll = () => {
    void roster.reload()
    picker.reload()
  }

  const lockedNotice = () => signedOff && notifyWarning(t('attendance.lockedNotice', signedOff), t('attendance.lockedTitle'))

  const onStatus = (learner: RosterLearner, status: ClassStatus) => {
    if (locked) return lockedNotice()
    roster.setStatus(learner.enrollmentId, status).catch((e: unknown) => notifyError(e, t('attendance.notMarked', { learner: learner.name })))
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
      notifySuccess(t('attendance.markedAll', { count: marked }))
    })

  const signOff = () =>
    run('signOff', async () => {
      if (!classId) return
      await lms.call('attendance.signOff', { classId })
      setConfirm(null)
      notifySuccess(t('attendance.signedOffDone'))
    })

  const reopen = (reason: string) =>
    run('reopen', async () => {
      if (!classId) return
      await lms.call('attendance.reopen', { classId, reason })
      setReopening(false)
      notifySuccess(t('attendance.reopened'))
    })

  const downloadSheet = () =>
    run('sheet', async () => {
      if (!classId) return
      const { fileName, pdfBase64 } = await lms.call('attendance.signInSheet', { classId, locale: useI18n.getState().locale })
      saveBlob(base64Blob(pdfBase64, 'application/pdf'), fileName)
    })

  const exportCsv = () =>
    run('csv', async () => {
      if (!classId) return
      const { fileName, csv } = await lms.call('attendance.exportCsv', { classId, locale: useI18n.getState().locale })
      saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName)
    })

  const info = data?.class
  const unmarked = data?.totals.totalRegistered ?? 0

  return (
    <Stack gap="md">
      <PageHeader title={t('attendance.title')} intro={t('attendance.intro')} />
      <div className={classes.layout}>
        <Paper withBorder p="sm">
          {picker.error && <Alert color="red" title={t('attendance.classesFailed')}>{picker.error}</Alert>}
          {narrow && classId !== null && !pickerOpen ? (
            <Group justify="space-between" gap="xs">
              <Text size="sm" c="dimmed">
                {picker.data ? t('attendance.classesToChoose', { count: picker.data.counts.current + picker.data.counts.past }) : t('attendance.loadingClasses')}
              </Text>
              <Button variant="default" size="sm" onClick={() => setPickerOpen(true)} aria-expanded={false}>
                {t('attendance.changeClass')}
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
          {!classId && !picker.loading && <Text>{t('attendance.chooseClass')}</Text>}
          {roster.error && <Alert color="red" title={t('attendance.rosterFailed')}>{roster.error}</Alert>}
          {classId && !data && !roster.error && <Loader aria-label={t('attendance.loadingRoster')} />}
          {info && data && (
            <Stack gap="sm">
              <div>
                <Title order={2} size="h3">
                  {info.courseName}
                </Title>
                <Text size="sm">
                  {t('attendance.classInfo', { time: classTimeText(info), location: info.location || t('attendance.noLocation'), instructor: info.instructor || t('attendance.instructorNotSet') })}
                </Text>
              </div>
              {signedOff ? (
                <Alert color="gray" title={t('attendance.lockedAlert')} data-testid="signed-off">
                  <Group justify="space-between">
                    <Text size="sm">{t('attendance.signedOffSentence', signedOff)}</Text>
                    <Button size="sm" variant="default" onClick={() => setReopening(true)}>
                      {t('attendance.reopenSession')}
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
                    label={t('attendance.search')}
                    placeholder={t('attendance.searchPlaceholder')}
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
                    {t('attendance.markAll')}
                  </Button>
                  <Button variant="default" disabled={locked} onClick={() => setWalkIn(true)} w={{ base: '100%', xs: 'auto' }}>
                    {t('attendance.addWalkIn')}
                  </Button>
                </Group>
              </Stack>
              {!roster.whole && (
                <Group justify="space-between" gap="sm" data-testid="roster-pages">
                  <Text size="sm" role="status" aria-live="polite">
                    {roster.count === 0
                      ? t('attendance.noMatch')
                      : t(roster.serverSearch ? 'attendance.rosterShowingMatching' : 'attendance.rosterShowing', { first: roster.first + 1, last: roster.first + roster.learners.length, count: roster.count, search: roster.serverSearch })}
                  </Text>
                  <Pagination
                    total={Math.max(1, Math.ceil(roster.count / ROSTER_PAGE))}
                    value={roster.page}
                    onChange={roster.setPage}
                    size="sm"
                    siblings={1}
                    aria-label={t('attendance.rosterPages')}
                    getItemProps={(page) => ({ 'aria-label': t('table.page', { page }), 'aria-current': page === roster.page ? 'page' : undefined })}
                    getControlProps={(control) => ({ 'aria-label': t(PAGE_CONTROLS[control] ?? 'table.control.next') })}
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
                lockedReason={signedOff ? t('attendance.lockedReason', signedOff) : null}
                onStatus={onStatus}
                onNote={onNote}
                onSearchKey={() => searchRef.current?.focus()}
              />
              <Group gap="sm" justify="space-between" mt="sm">
                <Group gap="sm">
                  <Button variant="default" onClick={() => void downloadSheet()} loading={busy === 'sheet'}>
                    {t('attendance.sheet')}
                  </Button>
                  <Button variant="default" onClick={() => void exportCsv()} loading={busy === 'csv'}>
                    {t('attendance.exportCsv')}
                  </Button>
                </Group>
                {!locked && (
                  <Button color="gray.8" onClick={() => setConfirm('signOff')}>
                    {t('attendance.signOff')}
                  </Button>
                )}
              </Group>
              {data.events.length > 0 && (
                <section aria-labelledby="session-history">
                  <Title order={3} size="h6" id="session-history">
                    {t('attendance.history')}
                  </Title>
                  <ul data-testid="session-history">
                    {data.events.map((e) => (
                      <li key={`${e.action}${e.at}`}>
                        <Text size="sm">
                          {e.reason
                            ? t(e.action === 'signed_off' ? 'attendance.event.signedOffWhy' : 'attendance.event.reopenedWhy', { by: e.by, at: formatDateTime(e.at), reason: e.reason })
                            : t(e.action === 'signed_off' ? 'attendance.event.signedOff' : 'attendance.event.reopened', { by: e.by, at: formatDateTime(e.at) })}
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
        title={t('attendance.markAllTitle')}
        confirmLabel={t('attendance.markAllConfirm', { count: unmarked })}
        busy={busy === 'markAll'}
        onConfirm={() => void markAll()}
        onClose={() => setConfirm(null)}
      >
        {t('attendance.markAllBody', { count: unmarked })}
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirm === 'signOff'}
        title={t('attendance.signOffTitle')}
        confirmLabel={t('attendance.signOffConfirm')}
        busy={busy === 'signOff'}
        onConfirm={() => void signOff()}
        onClose={() => setConfirm(null)}
      >
        {unmarked > 0 ? t('attendance.signOffBodyUnmarked', { count: unmarked }) : t('attendance.signOffBody')}
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
            notifySuccess(t('attendance.walkInAdded', { learner: name, status: t(statusLabel(status)) }))
            refreshAll()
          }}
        />
      )}
    </Stack>
  )
}
