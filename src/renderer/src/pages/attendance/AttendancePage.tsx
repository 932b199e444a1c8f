// The Attendance screen: pick a class (today's first), mark its roster by keyboard or with
// large buttons, add walk-ins, keep notes, sign off, and print or export the roster.
// The chosen class and filters live in the hash (useClassChoice). A class of more than
// ROSTER_PAGE learners is shown a page at a time and searched on the server; the counts are
// always the whole class's.
import { Alert, Loader, Paper, Stack, Text } from '@mantine/core'
import { useRef, useState } from 'react'
import { PageHeader } from '../../components/PageHeader'
import { useT } from '../../i18n'
import { formatDateTime } from '../../lib/format'
import classes from './Attendance.module.css'
import { ClassPane } from './ClassPane'
import { NoteModal } from './NoteModal'
import { Roster } from './Roster'
import { RosterPages } from './RosterPages'
import { RosterToolbar } from './RosterToolbar'
import { SessionDialogs } from './SessionDialogs'
import { SessionButtons, SessionHistory } from './SessionFooter'
import { SessionHeader } from './SessionHeader'
import { useClassChoice } from './useClassChoice'
import { useMarking } from './useMarking'
import { useRoster } from './useRoster'
import { useSessionActions } from './useSessionActions'
import { useWalkIn } from './useWalkIn'
import { WalkInModal } from './WalkInModal'

export function AttendancePage() {
  const choice = useClassChoice()
  const { picker, classId } = choice
  const [search, setSearch] = useState('')
  const roster = useRoster(classId, search)
  const searchRef = useRef<HTMLInputElement>(null)
  // A walk-in shows at once in the roster and in the picker's "marked" figures.
  const walkIn = useWalkIn(() => {
    void roster.reload()
    picker.reload()
  })
  const actions = useSessionActions(classId)
  const t = useT()

  const data = roster.data
  const locked = Boolean(data?.signedOff)
  const signedOff = data?.signedOff ? { by: data.signedOff.by, at: formatDateTime(data.signedOff.at) } : null
  const info = data?.class
  const marking = useMarking(roster, signedOff)
  const unmarked = data?.totals.totalRegistered ?? 0

  return (
    <Stack gap="md">
      <PageHeader title={t('attendance.title')} intro={t('attendance.intro')} />
      <div className={classes.layout}>
        <ClassPane choice={choice} onSelect={() => setSearch('')} />
        <Paper withBorder p="md" aria-busy={roster.loading} data-testid="session">
          {!classId && !picker.loading && <Text>{t('attendance.chooseClass')}</Text>}
          {roster.error && <Alert color="red" title={t('attendance.rosterFailed')}>{roster.error}</Alert>}
          {classId && !data && !roster.error && <Loader aria-label={t('attendance.loadingRoster')} />}
          {info && data && (
            <Stack gap="sm">
              <SessionHeader info={info} signedOff={signedOff} onReopen={() => actions.setReopening(true)} />
              <RosterToolbar
                data={data}
                searchRef={searchRef}
                search={search}
                onSearch={setSearch}
                locked={locked}
                unmarked={unmarked}
                onMarkAll={() => actions.setConfirm('markAll')}
                onWalkIn={walkIn.open}
              />
              {!roster.whole && <RosterPages roster={roster} />}
              <Roster
                learners={roster.learners}
                first={roster.first}
                count={roster.count}
                pending={roster.pending}
                listKey={roster.serverSearch}
                onShowRow={roster.showRow}
                lockedReason={signedOff ? t('attendance.lockedReason', signedOff) : null}
                onStatus={marking.onStatus}
                onNote={marking.onNote}
                onSearchKey={() => searchRef.current?.focus()}
              />
              <SessionButtons actions={actions} locked={locked} />
              <SessionHistory events={data.events} />
            </Stack>
          )}
        </Paper>
      </div>
      <SessionDialogs actions={actions} unmarked={unmarked} signedOff={data?.signedOff ?? null} />
      <NoteModal learner={marking.noteFor} onClose={marking.closeNote} onSaved={roster.setNote} />
      {classId && (
        <WalkInModal opened={walkIn.opened} classId={classId} onClose={walkIn.close} onAdded={walkIn.added} />
      )}
    </Stack>
  )
}
