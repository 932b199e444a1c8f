// The grading screen: a queue of submissions across all courses and a SpeedGrader-like
// panel, driven by the keyboard (see shortcuts.ts). Grades are saved offline; each row
// says whether its grade has reached the hosted LMS yet.
import { Button, Kbd, Text, VisuallyHidden } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { LmsCallError, lms } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { useFormErrors } from '../../hooks/useFormErrors'
import { useServerWindow } from '../../hooks/useServerWindow'
import { isDesktop } from '../../lib/files'
import { notifyError } from '../../lib/notify'
import { replaceHashQuery, setLeaveGuard, useNavigation } from '../../state/navigation'
import { filtersFromQuery, filtersToQuery, learnerName, loadQueuePage, searchParam, type GradingFilters, type SortKey, type StatusFilter } from './filters'
import { GradingFilterBar } from './GradingFilterBar'
import classes from './Grading.module.css'
import { ACCEPT_FIELD, GradingPanel, KeyCombo, POINTS_FIELD } from './GradingPanel'
import { LeaveDraftDialog, type LeaveChoice } from './LeaveDraftDialog'
import { useGradingSession } from './session'
import { ShortcutSheet } from './ShortcutSheet'
import { isTypingTarget, matchShortcut, ariaKeys, type ShortcutAction } from './shortcuts'
import { SubmissionQueue, type StatusCounts } from './SubmissionQueue'
import { currentEvaluation, useGradingSubmission, type GradeValues } from './useGradingSubmission'

const QUEUE_PAGE_SIZE = 100
const PAGE_JUMP = 10
const FORM_FIELDS = [POINTS_FIELD, ACCEPT_FIELD] as const

type Leaving = { kind: 'row'; row: SubmissionRecord; focusPoints: boolean } | { kind: 'page'; proceed(): void }

/** How many submissions each status has under the other filters (for the status switch). */
function useStatusCounts(filters: GradingFilters): StatusCounts & { reload(): void } {
  const [counts, setCounts] = useState<StatusCounts>({ ungraded: null, graded: null, rejected: null, all: null })
  const [reloads, setReloads] = useState(0)
  const latest = useRef(0)
  const key = JSON.stringify(searchParam(filters, ''))
  useEffect(() => {
    const request = ++latest.current
    const count = (status: StatusFilter) =>
      lms.call('courses.allSubmissions', { page_size: 1, page_number: 1, search_param: searchParam(filtersFromKey(key), status) }).then((p) => p.recordsFiltered)
    Promise.all([count('ungraded'), count('graded'), count('rejected'), count('')])
      .then(([ungraded, graded, rejected, all]) => {
        if (request === latest.current) setCounts({ ungraded, graded, rejected, all })
      })
      .catch(() => undefined)
  }, [key, reloads])
  const reload = useCallback(() => setReloads((n) => n + 1), [])
  return useMemo(() => ({ ...counts, reload }), [counts, reload])
}

/** The filters back from their search_param key (the counts depend on nothing else). */
function filtersFromKey(key: string): GradingFilters {
  const p = JSON.parse(key) as ReturnType<typeof searchParam>
  return {
    status: '',
    courseId: p.courseId ?? null,
    moduleId: p.moduleId ?? null,
    type: p.type ?? '',
    unsyncedOnly: p.unsyncedOnly ?? false,
    sort: 'oldest',
    search: p.nameOrEmail ?? '',
  }
}

export function GradingPage() {
  const routeQuery = useNavigation((s) => s.route.query)
  const [filters, setFilters] = useState<GradingFilters>(() => filtersFromQuery(routeQuery))
  const [searchInput, setSearchInput] = useState(filters.search)
  const [debouncedSearch] = useDebouncedValue(searchInput.trim(), 300)
  const written = useRef(routeQuery)

  // A hash query that did not come from this page (a link, the back button) sets the filters.
  useEffect(() => {
    if (routeQuery === written.current) return
    written.current = routeQuery
    const next = filtersFromQuery(routeQuery)
    setFilters(next)
    setSearchInput(next.search)
  }, [routeQuery])
  useEffect(() => setFilters((f) => (f.search === debouncedSearch ? f : { ...f, search: debouncedSearch })), [debouncedSearch])
  useEffect(() => {
    const query = filtersToQuery(filters)
    written.current = query
    replaceHashQuery(query)
  }, [filters])

  const queue = useServerWindow<SubmissionRecord, GradingFilters>({
    query: filters,
    load: loadQueuePage,
    rowKey: (r) => r.status_row_id,
    pageSize: QUEUE_PAGE_SIZE,
  })
  const counts = useStatusCounts(filters)

  // The open submission. It stays open when it leaves the list (graded under "Ungraded"),
  // and `anchor` remembers where it was so J and K continue from there.
  const [current, setCurrent] = useState<SubmissionRecord | null>(null)
  const anchor = useRef(-1)
  const foundIndex = current ? queue.indexOf(current.status_row_id) : -1
  const queryKey = JSON.stringify(filters)
  useEffect(() => {
    anchor.current = -1
  }, [queryKey])
  useEffect(() => {
    // Read again here: a new query empties the list in an effect that ran just before this one.
    const index = current ? queue.indexOf(current.status_row_id) : -1
    if (index >= 0) anchor.current = index
  })
  const listed = foundIndex >= 0 ? queue.rowAt(foundIndex) : undefined
  // The list's copy is fresher (sync state) except just after a save, which patches `current`.
  const shownRow = current && listed && listed.grading_status === current.grading_status ? listed : current

  const sub = useGradingSubmission(current)
  const { errors, formError, showError, clearField, reset: resetErrors, formRef } = useFormErrors(FORM_FIELDS)
  const pointsRef = useRef<HTMLInputElement>(null)
  const messageRef = useRef<HTMLTextAreaElement>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const listEl = useRef<HTMLDivElement | null>(null)
  const [saving, setSaving] = useState(false)
  const savingRef = useRef(false)
  const [helpOpen, setHelpOpen] = useState(false)
  const [leaving, setLeaving] = useState<Leaving | null>(null)
  const [leaveBusy, setLeaveBusy] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const [focusPoints, setFocusPoints] = useState(0)
  const sessionGrades = useGradingSession((s) => s.grades)
  const lastGrade = sessionGrades[sessionGrades.length - 1]
  const [undoing, setUndoing] = useState(false)

  const announce = useCallback((text: string) => {
    // A repeated message is still announced: the text changes (a zero-width space).
    setAnnouncement((old) => (old === text ? `${text}\u200b` : text))
  }, [])

  useEffect(() => {
    if (!focusPoints) return
    pointsRef.current?.focus()
    pointsRef.current?.select()
  }, [focusPoints])

  // Opening a row: no questions asked (callers check for a dirty draft first).
  const open = useCallback(
    (row: SubmissionRecord, options: { focusPoints?: boolean } = {}) => {
      resetErrors()
      setCurrent(row)
      if (options.focusPoints) setFocusPoints((n) => n + 1)
    },
    [resetErrors],
  )

  const requestOpen = (row: SubmissionRecord, options: { focusPoints?: boolean } = {}) => {
    if (current && row.status_row_id === current.status_row_id) {
      if (options.focusPoints) setFocusPoints((n) => n + 1)
      return
    }
    if (sub.dirty) {
      setLeaving({ kind: 'row', row, focusPoints: Boolean(options.focusPoints) })
      return
    }
    open(row, options)
  }

  /** The row `delta` places from the open one (from where it was, if it left the list). */
  const neighbour = async (delta: 1 | -1): Promise<SubmissionRecord | undefined> => {
    if (!current) return queue.fetchRow(0)
    const index = queue.indexOf(current.status_row_id)
    // Not in the list: its old place now holds the row after it (or, after a filter change, start at the top).
    let target = index >= 0 ? index + delta : anchor.current < 0 ? (delta > 0 ? 0 : -1) : delta > 0 ? anchor.current : anchor.current - 1
    let row = await queue.fetchRow(target)
    if (row && row.status_row_id === current.status_row_id) {
      target += delta
      row = await queue.fetchRow(target)
    }
    return target < 0 ? undefined : row
  }

  const moveBy = async (delta: 1 | -1) => {
    const row = await neighbour(delta)
    if (row) requestOpen(row)
    else announce(delta > 0 ? 'This is the last submission in the list.' : 'This is the first submission in the list.')
  }

  const goTo = async (index: number) => {
    const total = queue.total ?? 0
    if (!total) return
    const row = await queue.fetchRow(Math.max(0, Math.min(total - 1, index)))
    if (row) requestOpen(row)
  }

  const nextUngraded = async () => {
    const total = queue.total ?? 0
    if (filters.status === 'graded' || filters.status === 'rejected' || total === 0) {
      announce('No ungraded submissions in this list.')
      return
    }
    const index = current ? queue.indexOf(current.status_row_id) : -1
    const start = !current ? 0 : index >= 0 ? index + 1 : Math.max(0, anchor.current)
    for (let step = 0; step < total; step++) {
      const row = await queue.fetchRow((start + step) % total)
      if (row && row.grading_status === 'ungraded' && row.status_row_id !== current?.status_row_id) {
        requestOpen(row)
        return
      }
    }
    announce('No other ungraded submissions in this list.')
  }

  const save = async (accept: boolean, goNext: boolean): Promise<boolean> => {
    if (!current || savingRef.current) return false
    if (!sub.ready) {
      // The current grade is not known yet; saving now could not tell a change from a repeat.
      announce('Still loading this submission; try again in a moment.')
      return false
    }
    const row = current
    const values: GradeValues = sub.values
    const total = sub.detail?.totalPoints ?? row.total_points ?? 0
    const before = currentEvaluation(sub.detail)?.id ?? null
    savingRef.current = true
    setSaving(true)
    resetErrors()
    try {
      await sub.persistDraft()
      const result = await lms.call('assignments.evaluate', {
        statusRowId: row.status_row_id,
        evaluation: { instructorMessage: values.message.trim() ? values.message : null, pointsAwarded: values.points.trim(), isAccepted: accept },
      })
      const learner = learnerName(row)
      const changed = result.evaluationId !== before
      if (changed) {
        useGradingSession.getState().push({ evaluationId: result.evaluationId, statusRowId: row.status_row_id, learner, moduleName: row.module_name, accepted: accept, points: values.points.trim(), row })
      }
      sub.markSaved(values)
      const points = Number(values.points.trim())
      setCurrent((r) =>
        r && r.status_row_id === row.status_row_id
          ? { ...r, status: result.status, grading_status: accept ? 'graded' : 'rejected', points_awarded: points, unsynced: r.unsynced || changed }
          : r,
      )
      const said = changed
        ? `Saved: ${learner}, ${accept ? 'accepted' : 'rejected'} with ${points} of ${total} points. Not synced yet.`
        : `No change: ${learner} already has this grade.`
      // The next row is taken from the list as it was, before the saved row leaves it.
      const next = goNext ? await neighbour(1) : undefined
      void queue.refresh()
      counts.reload()
      if (goNext && next) {
        announce(`${said} Next: ${learnerName(next)}.`)
        open(next, { focusPoints: true })
      } else {
        announce(goNext ? `${said} That was the last submission in this list.` : said)
        void sub.reload({ resetTo: values })
      }
      return true
    } catch (error) {
      showError(error)
      return false
    } finally {
      savingRef.current = false
      setSaving(false)
    }
  }

  const undo = async () => {
    const grade = useGradingSession.getState().grades.at(-1)
    if (!grade || undoing) return
    setUndoing(true)
    try {
      const result = await lms.call('grading.undoEvaluation', { evaluationId: grade.evaluationId })
      useGradingSession.getState().remove(grade.evaluationId)
      announce(`Undone: the grade for ${grade.learner} (${grade.moduleName}). ${result.message}`)
      void queue.refresh()
      counts.reload()
      const restored: SubmissionRecord = {
        ...grade.row,
        status: result.status,
        grading_status: result.status === 'Completed' ? 'graded' : result.status === 'Rejected' ? 'rejected' : 'ungraded',
      }
      if (current?.status_row_id === grade.statusRowId) {
        setCurrent(restored)
        void sub.reload({ resetTo: sub.values })
      } else requestOpen(restored)
    } catch (error) {
      // A grade already sent to the hosted LMS cannot be taken back; it leaves the undo list.
      if (error instanceof LmsCallError && error.code === 'validation') useGradingSession.getState().remove(grade.evaluationId)
      notifyError(error, 'Could not undo the grade')
    } finally {
      setUndoing(false)
    }
  }

  const chooseLeave = async (choice: LeaveChoice) => {
    const target = leaving
    if (!target) return
    if (choice === 'cancel') {
      setLeaving(null)
      return
    }
    setLeaveBusy(true)
    try {
      if (choice === 'save' && !(await save(true, false))) {
        setLeaving(null)
        return
      }
      if (choice === 'discard') await sub.discardDraft()
      if (choice === 'keep') sub.flushDraft()
    } finally {
      setLeaveBusy(false)
    }
    setLeaving(null)
    if (target.kind === 'row') open(target.row, { focusPoints: target.focusPoints })
    else target.proceed()
  }

  // The latest versions of everything the window-level listeners call.
  const live = useRef({ sub, run: (_action: ShortcutAction) => {}, select: (_index: number) => {}, modalOpen: false })
  const run = (action: ShortcutAction) => {
    switch (action) {
      case 'next':
        return void moveBy(1)
      case 'previous':
        return void moveBy(-1)
      case 'nextUngraded':
        return void nextUngraded()
      case 'first':
        return void goTo(0)
      case 'last':
        return void goTo((queue.total ?? 1) - 1)
      case 'pageDown':
      case 'pageUp': {
        const from = current ? Math.max(queue.indexOf(current.status_row_id), anchor.current, 0) : 0
        return void goTo(from + (action === 'pageDown' ? PAGE_JUMP : -PAGE_JUMP))
      }
      case 'startGrading':
      case 'focusPoints':
        if (current) setFocusPoints((n) => n + 1)
        else
          void queue.fetchRow(0).then((row) => {
            if (row) requestOpen(row, { focusPoints: true })
          })
        return
      case 'focusMessage':
        return messageRef.current?.focus()
      case 'focusQueue':
      case 'leaveField':
        return listEl.current?.focus()
      case 'focusSearch':
        return searchRef.current?.focus()
      case 'acceptNext':
        return void save(true, true)
      case 'rejectNext':
        return void save(false, true)
      case 'undo':
        return void undo()
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
  live.current = { sub, run, select, modalOpen: helpOpen || leaving !== null }

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing || live.current.modalOpen) return
      const typing = isTypingTarget(event.target)
      const action = matchShortcut(event, typing ? ['anywhere', 'field'] : ['anywhere', 'page'])
      if (!action) return
      // Escape leaves only the grade fields and the search box (selects and menus keep theirs).
      if (action === 'leaveField') {
        const target = event.target as Node
        if (!formRef.current?.contains(target) && target !== searchRef.current) return
      }
      event.preventDefault()
      live.current.run(action)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [formRef])

  // Stable handlers for the queue, so typing in the panel does not redraw the list.
  const onQueueKeyDown = useCallback((event: ReactKeyboardEvent<HTMLDivElement>) => {
    const action = matchShortcut(event.nativeEvent, ['queue'])
    if (!action) return
    event.preventDefault()
    live.current.run(action)
  }, [])
  const onSelect = useCallback((index: number) => live.current.select(index), [])
  const onStatusChange = useCallback((status: StatusFilter) => setFilters((f) => ({ ...f, status })), [])
  const onSortChange = useCallback((sort: SortKey) => setFilters((f) => ({ ...f, sort })), [])
  const { refresh: refreshQueueNow } = queue
  const onRetry = useCallback(() => void refreshQueueNow(), [refreshQueueNow])

  // Leaving with a dirty draft asks first: other pages of the app, and the tab itself.
  useEffect(
    () =>
      setLeaveGuard((_target, proceed) => {
        if (!live.current.sub.dirty) return true
        setLeaving({ kind: 'page', proceed })
        return false
      }),
    [],
  )
  useEffect(() => {
    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!live.current.sub.dirty) return
      live.current.sub.flushDraft()
      // The desktop shell shows no prompt for this (Electron would silently keep the window
      // open); there the stored draft is enough. Browsers ask with their own dialog.
      if (isDesktop()) return
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [])

  // Writes elsewhere (sync sending grades, another window) change rows' sync state and counts.
  const { refresh: refreshQueue } = queue
  const { reload: reloadCounts } = counts
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = lms.subscribe('changes', () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        void refreshQueue()
        reloadCounts()
      }, 250)
    })
    return () => {
      clearTimeout(timer)
      stop()
    }
  }, [refreshQueue, reloadCounts])

  const activeIndex = foundIndex
  const setListEl = useCallback((el: HTMLDivElement | null) => {
    listEl.current = el
  }, [])

  return (
    <div className={classes.page}>
      <PageHeader
        title="Grading"
        actions={
          <>
            <Button variant="default" onClick={() => void undo()} disabled={!lastGrade || undoing} loading={undoing} aria-keyshortcuts={ariaKeys('undo')} data-testid="undo-button">
              {lastGrade ? `Undo grade for ${lastGrade.learner}` : 'Undo'}
            </Button>
            <Button variant="default" onClick={() => setHelpOpen(true)} aria-keyshortcuts={ariaKeys('help')} rightSection={<Kbd size="xs">?</Kbd>}>
              Keyboard shortcuts
            </Button>
          </>
        }
      />
      <GradingFilterBar filters={filters} setFilters={setFilters} searchInput={searchInput} onSearchInput={setSearchInput} searchRef={searchRef} />

      <div className={classes.body}>
        <SubmissionQueue
          queue={queue}
          counts={counts}
          status={filters.status}
          onStatusChange={onStatusChange}
          sort={filters.sort}
          onSortChange={onSortChange}
          activeIndex={activeIndex}
          onSelect={onSelect}
          onKeyDown={onQueueKeyDown}
          listRef={setListEl}
          onRetry={onRetry}
        />
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
            saving={saving}
            onSave={(accept) => void save(accept, false)}
            onDiscardDraft={() => void sub.discardDraft()}
          />
        ) : (
          <section className={`${classes.panel} ${classes.emptyPanel}`} aria-label="Grading panel">
            <Text fw={600}>No submission open</Text>
            <Text size="sm" c="dimmed" mt={4}>
              Choose one from the list, or press <KeyCombo action="next" /> to open the first. <KeyCombo action="help" /> lists every shortcut.
            </Text>
          </section>
        )}
      </div>

      <VisuallyHidden role="status" aria-live="polite" aria-atomic="true" data-testid="grading-announcer">
        {announcement}
      </VisuallyHidden>
      <ShortcutSheet opened={helpOpen} onClose={() => setHelpOpen(false)} />
      <LeaveDraftDialog opened={leaving !== null} learner={current ? learnerName(current) : 'this learner'} busy={leaveBusy} onChoose={(c) => void chooseLeave(c)} />
    </div>
  )
}
