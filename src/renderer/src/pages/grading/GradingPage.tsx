// The grading screen: a queue of submissions across all courses and a SpeedGrader-like
// panel, driven by the keyboard (see shortcuts.ts). Grades are saved offline; each row
// says whether its grade has reached the hosted LMS yet. On narrow screens the queue and
// the open submission are two views, with a way back to the list.
import { Button, Kbd, Text, VisuallyHidden } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { PageHeader } from '../../components/PageHeader'
import { useFormErrors } from '../../hooks/useFormErrors'
import { useT } from '../../i18n'
import { learnerName, type SortKey, type StatusFilter } from './filters'
import { GradingFilterBar } from './GradingFilterBar'
import classes from './Grading.module.css'
import { ACCEPT_FIELD, GradingPanel, KeyCombo, POINTS_FIELD } from './GradingPanel'
import { LeaveDraftDialog, type LeaveChoice } from './LeaveDraftDialog'
import { useGradingSession } from './session'
import { ShortcutSheet } from './ShortcutSheet'
import { ariaKeys, type ShortcutAction } from './shortcuts'
import { SubmissionQueue } from './SubmissionQueue'
import { useGradeSaving } from './useGradeSaving'
import { useGradingFilters, useReopenAsked } from './useGradingFilters'
import { useGradingQueue } from './useGradingQueue'
import { useGradingShortcuts } from './useGradingShortcuts'
import { useGradingSubmission } from './useGradingSubmission'
import { useLeaveDraft } from './useLeaveDraft'
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

  const foundIndex = current ? queue.indexOf(current.status_row_id) : -1
  const listed = foundIndex >= 0 ? queue.rowAt(foundIndex) : undefined
  // The list's copy is fresher (sync state) except just after a save, which patches `current`.
  const shownRow = current && listed && listed.grading_status === current.grading_status ? listed : current

  const sub = useGradingSubmission(current)
  const { errors, formError, showError, clearField, reset: resetErrors, formRef } = useFormErrors(FORM_FIELDS)
  const pointsRef = useRef<HTMLInputElement>(null)
  const messageRef = useRef<HTMLTextAreaElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const listEl = useRef<HTMLDivElement | null>(null)
  const [helpOpen, setHelpOpen] = useState(false)
  const subRef = useRef(sub)
  subRef.current = sub
  const leave = useLeaveDraft(subRef)
  const { leaving, setLeaving, busy: leaveBusy } = leave
  const [announcement, setAnnouncement] = useState({ text: '', error: false })
  const [focusPoints, setFocusPoints] = useState(0)
  const lastGrade = useGradingSession((s) => s.grades.at(-1))
  const narrow = useMediaQuery(NARROW_QUERY) ?? false
  const [view, setView] = useState<'list' | 'panel'>('list')
  const [focusList, setFocusList] = useState(0)
  const t = useT()

  /** Says something to screen readers and under the grade; `error` marks a grade not saved. */
  const announce = useCallback((text: string, error = false) => {
    // A repeated message is still announced: the text changes (a zero-width space).
    setAnnouncement((old) => ({ text: old.text === text ? `${text}\u200b` : text, error }))
  }, [])

  const modalOpen = helpOpen || leaving !== null
  const live = useRef({ sub, run: (_action: ShortcutAction) => {}, select: (_index: number) => {}, modalOpen })
  const typeAhead = useTypeAhead({
    formRef,
    fieldOf: (target) => (target === pointsRef.current ? 'points' : target === messageRef.current ? 'message' : null),
    enabled: () => !live.current.modalOpen,
    onDropped: (dropped) => announce(t('grading.keysDropped', { keys: heldKeysText(dropped) })),
  })

  useEffect(() => {
    if (!focusPoints) return
    pointsRef.current?.focus()
    pointsRef.current?.select()
  }, [focusPoints])
  useEffect(() => {
    if (focusList) listEl.current?.focus()
  }, [focusList])

  // Opening a row: no questions asked (callers check for a dirty draft first). Keys typed
  // from here until it is shown are held for it.
  const open = useCallback(
    (row: SubmissionRecord, options: { focusPoints?: boolean } = {}) => {
      resetErrors()
      typeAhead.resume()
      typeAhead.awaitRow(row.status_row_id)
      setCurrent(row)
      setView('panel')
      if (options.focusPoints) {
        // At once, not after the next render: keys typed from now on are for its points.
        pointsRef.current?.focus()
        setFocusPoints((n) => n + 1)
      }
    },
    [resetErrors, typeAhead],
  )

  const requestOpen = (row: SubmissionRecord, options: { focusPoints?: boolean } = {}) => {
    if (current && row.status_row_id === current.status_row_id) {
      setView('panel')
      if (options.focusPoints) setFocusPoints((n) => n + 1)
      return
    }
    if (sub.dirty) {
      setLeaving({ kind: 'row', row, focusPoints: Boolean(options.focusPoints) })
      return
    }
    // Keys held for the submission the trainer has just moved away from are not for this one.
    const dropped = typeAhead.drop()
    if (dropped.length) announce(t('grading.keysDropped', { keys: heldKeysText(dropped) }))
    open(row, options)
  }

  useReopenAsked(openAsked, current, open, clearOpenAsked)

  const nav = useQueueNavigation({ queue, filters, current, requestOpen, announce })
  const grading = useGradeSaving({
    current,
    setCurrent,
    sub,
    queue,
    neighbour: nav.neighbour,
    open,
    requestOpen,
    announce,
    form: { showError, resetErrors, clearField },
    typeAhead,
    pointsRef,
    messageRef,
  })

  const toList = () => {
    setView('list')
    setFocusList((n) => n + 1)
  }

  const chooseLeave = (choice: LeaveChoice) => leave.choose(choice, { save: () => grading.save(true, false), open })

  const run = (action: ShortcutAction) => {
    switch (action) {
      case 'next':
        return void nav.moveBy(1)
      case 'previous':
        return void nav.moveBy(-1)
      case 'nextUngraded':
        return void nav.nextUngraded()
      case 'first':
        return void nav.goTo(0)
      case 'last':
        return void nav.goTo((queue.total ?? 1) - 1)
      case 'pageDown':
        return void nav.jump(1)
      case 'pageUp':
        return void nav.jump(-1)
      case 'startGrading':
      case 'focusPoints':
        if (current) requestOpen(current, { focusPoints: true })
        else
          void queue.fetchRow(0).then((row) => {
            if (row) requestOpen(row, { focusPoints: true })
          })
        return
      case 'focusMessage':
        return messageRef.current?.focus()
      case 'focusQueue':
      case 'leaveField':
        return toList()
      case 'focusSearch':
        setView('list')
        return searchRef.current?.focus()
      case 'acceptNext':
        return void grading.save(true, true)
      case 'rejectNext':
        return void grading.save(false, true)
      case 'undo':
        return void grading.undo()
      case 'help':
        return setHelpOpen(true)
      case 'pointsToMessage':
        return messageRef.current?.focus()
    }
  }
  const select = (index: number) => {
    const row = queue.rowAt(index)
    if (row) requestOpen(row)
  }
  live.current = { sub, run, select, modalOpen }

  const { onQueueKeyDown } = useGradingShortcuts(live, formRef, searchRef)
  // Stable handlers for the queue, so typing in the panel does not redraw the list.
  const onSelect = useCallback((index: number) => live.current.select(index), [])
  const onStatusChange = useCallback((status: StatusFilter) => setFilters((f) => ({ ...f, status })), [setFilters])
  const onSortChange = useCallback((sort: SortKey) => setFilters((f) => ({ ...f, sort })), [setFilters])
  const { refresh: refreshQueueNow } = queue
  const onRetry = useCallback(() => void refreshQueueNow(), [refreshQueueNow])
  const setListEl = useCallback((el: HTMLDivElement | null) => {
    listEl.current = el
  }, [])

  // Narrow screens show one view at a time: the list, or the open submission.
  const shown = !narrow ? 'both' : shownRow && view === 'panel' ? 'panel' : 'list'

  return (
    <div className={classes.page} data-view={shown}>
      <PageHeader
        title={t('grading.title')}
        actions={
          <>
            <Button
              variant="default"
              onClick={() => void grading.undo()}
              disabled={!lastGrade || grading.undoing}
              loading={grading.undoing}
              aria-keyshortcuts={ariaKeys('undo')}
              classNames={{ root: classes.undoButton, label: classes.undoLabel }}
              title={lastGrade ? t('grading.undoFor', { learner: lastGrade.learner }) : undefined}
              data-testid="undo-button"
            >
              <span className={classes.undoText}>{lastGrade ? t('grading.undoFor', { learner: lastGrade.learner }) : t('grading.undo')}</span>
            </Button>
            <Button variant="default" onClick={() => setHelpOpen(true)} aria-keyshortcuts={ariaKeys('help')} rightSection={<Kbd size="xs">?</Kbd>}>
              {t('grading.shortcuts')}
            </Button>
          </>
        }
      />
      <div className={classes.listView}>
        <GradingFilterBar filters={filters} setFilters={setFilters} searchInput={searchInput} onSearchInput={setSearchInput} searchRef={searchRef} />
      </div>

      <div className={classes.body}>
        <div className={classes.listView}>
          <SubmissionQueue
            queue={queue}
            counts={counts}
            status={filters.status}
            onStatusChange={onStatusChange}
            sort={filters.sort}
            onSortChange={onSortChange}
            activeIndex={foundIndex}
            onSelect={onSelect}
            onKeyDown={onQueueKeyDown}
            listRef={setListEl}
            onRetry={onRetry}
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
          <section className={`${classes.panel} ${classes.emptyPanel}`} aria-label={t('grading.panelLabel')}>
            <Text fw={600}>{t('grading.noneOpen')}</Text>
            <Text size="sm" c="dimmed" mt={4}>
              {t.rich('grading.noneOpenHelp', { next: <KeyCombo action="next" />, help: <KeyCombo action="help" /> })}
            </Text>
          </section>
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
