// The grading screen: a queue of submissions across all courses and a SpeedGrader-like
// panel, driven by the keyboard (see shortcuts.ts). Grades are saved offline; each row
// says whether its grade has reached the hosted LMS yet. On narrow screens the queue and
// the open submission are two views, with a way back to the list.
import { VisuallyHidden } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useRef, useState } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { useFormErrors } from '../../hooks/useFormErrors'
import { useT } from '../../i18n'
import { learnerName } from './filters'
import { ACCEPT_FIELD, POINTS_FIELD } from './GradeForm'
import { GradingFilterBar } from './GradingFilterBar'
import { GradingHeader } from './GradingHeader'
import classes from './Grading.module.css'
import { GradingPanel } from './GradingPanel'
import { LeaveDraftDialog, type LeaveChoice } from './LeaveDraftDialog'
import { NoneOpenPanel } from './NoneOpenPanel'
import { openRowIn } from './openRow'
import { runShortcut } from './runShortcut'
import { useGradingSession } from './session'
import { ShortcutSheet } from './ShortcutSheet'
import type { ShortcutAction } from './shortcuts'
import { SubmissionQueue } from './SubmissionQueue'
import { useAnnouncer } from './useAnnouncer'
import { useGradeSaving } from './useGradeSaving'
import { useGradingFilters, useReopenAsked } from './useGradingFilters'
import { useGradingQueue } from './useGradingQueue'
import { useGradingShortcuts } from './useGradingShortcuts'
import { useGradingSubmission } from './useGradingSubmission'
import { useLeaveDraft } from './useLeaveDraft'
import { useOpenSubmission } from './useOpenSubmission'
import { useQueueHandlers } from './useQueueHandlers'
import { useQueueNavigation } from './useQueueNavigation'
import { heldKeysText, useTypeAhead } from './useTypeAhead'

const FORM_FIELDS = [POINTS_FIELD, ACCEPT_FIELD] as const
/** Below this width the queue and the open submission are shown one at a time. */
export const NARROW_QUERY = '(max-width: 900px)'

export function GradingPage() {
  // The open submission. It stays open when it leaves the list (graded under "Ungraded").
  const [current, setCurrent] = useState<SubmissionRecord | null>(null)
  const { filters, setFilters, searchInput, setSearchInput, openAsked, clearOpenAsked } = useGradingFilters(current?.status_row_id ?? null)

  const { queue, counts } = useGradingQueue(filters)

  const { index: foundIndex, shown: shownRow } = openRowIn(queue, current)

  const sub = useGradingSubmission(current)
  const { errors, formError, showError, clearField, reset: resetErrors, formRef } = useFormErrors(FORM_FIELDS)
  const pointsRef = useRef<HTMLInputElement>(null)
  const messageRef = useRef<HTMLTextAreaElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const [helpOpen, setHelpOpen] = useState(false)
  const subRef = useRef(sub)
  subRef.current = sub
  const leave = useLeaveDraft(subRef)
  const { leaving, setLeaving, busy: leaveBusy } = leave
  const { announcement, announce } = useAnnouncer()
  const lastGrade = useGradingSession((s) => s.grades.at(-1))
  const narrow = useMediaQuery(NARROW_QUERY) ?? false
  const t = useT()

  const modalOpen = helpOpen || leaving !== null
  const live = useRef({ sub, run: (_action: ShortcutAction) => {}, select: (_index: number) => {}, modalOpen })
  const typeAhead = useTypeAhead({
    formRef,
    fieldOf: (target) => (target === pointsRef.current ? 'points' : target === messageRef.current ? 'message' : null),
    enabled: () => !live.current.modalOpen,
    onDropped: (dropped) => announce(t('grading.keysDropped', { keys: heldKeysText(dropped) })),
  })
  const { view, setView, open, requestOpen, toList, setListEl } = useOpenSubmission({ current, setCurrent, sub, setLeaving, typeAhead, announce, resetErrors, pointsRef })

  useReopenAsked(openAsked, current, open, clearOpenAsked)

  const nav = useQueueNavigation({ queue, filters, current, requestOpen, announce })
  const form = { showError, resetErrors, clearField }
  const grading = useGradeSaving({ current, setCurrent, sub, queue, neighbour: nav.neighbour, open, requestOpen, announce, form, typeAhead, pointsRef, messageRef })

  const chooseLeave = (choice: LeaveChoice) => leave.choose(choice, { save: () => grading.save(true, false), open })

  const run = (action: ShortcutAction) =>
    runShortcut(action, { nav, queue, current, requestOpen, grading, messageRef, searchRef, toList, showList: () => setView('list'), openHelp: () => setHelpOpen(true) })
  const select = (index: number) => {
    const row = queue.rowAt(index)
    if (row) requestOpen(row)
  }
  live.current = { sub, run, select, modalOpen }

  const { onQueueKeyDown } = useGradingShortcuts(live, formRef, searchRef)
  const queueHandlers = useQueueHandlers(live, setFilters, queue.refresh)

  // Narrow screens show one view at a time: the list, or the open submission.
  const shown = !narrow ? 'both' : shownRow && view === 'panel' ? 'panel' : 'list'

  return (
    <div className={classes.page} data-view={shown}>
      <GradingHeader lastGrade={lastGrade} undoing={grading.undoing} onUndo={() => void grading.undo()} onHelp={() => setHelpOpen(true)} />
      <div className={classes.listView}>
        <GradingFilterBar filters={filters} setFilters={setFilters} searchInput={searchInput} onSearchInput={setSearchInput} searchRef={searchRef} />
      </div>

      <div className={classes.body}>
        <div className={classes.listView}>
          <SubmissionQueue
            queue={queue}
            counts={counts}
            status={filters.status}
            sort={filters.sort}
            activeIndex={foundIndex}
            onKeyDown={onQueueKeyDown}
            listRef={setListEl}
            {...queueHandlers}
          />
        </div>
        {shownRow ? (
          <GradingPanel
            row={shownRow}
            sub={sub}
            errors={errors}
            formError={errors[POINTS_FIELD] ? null : formError}
            clearField={clearField}
            formRef={formRef}
            pointsRef={pointsRef}
            messageRef={messageRef}
            saving={grading.saving}
            heldKeys={typeAhead.held}
            paused={typeAhead.paused}
            feedback={announcement.text}
            feedbackIsError={announcement.error}
            onSave={(accept) => void grading.save(accept, false)}
            onDiscardDraft={() => void sub.discardDraft()}
            onBack={narrow ? toList : undefined}
          />
        ) : (
          <NoneOpenPanel />
        )}
      </div>

      <VisuallyHidden role="status" aria-live="polite" aria-atomic="true" data-testid="grading-announcer">
        {announcement.text}
      </VisuallyHidden>
      <ShortcutSheet opened={helpOpen} onClose={() => setHelpOpen(false)} />
      <LeaveDraftDialog opened={leaving !== null} learner={current ? learnerName(current) : t('grading.thisLearner')} busy={leaveBusy} onChoose={(c) => void chooseLeave(c)} />
    </div>
  )
}
