// The open submission: its details, the learner's gradebook for the course, and the
// points and message being typed. What is typed is kept as a draft in the engine
// (debounced) so a reload or a crash restores it; opening a submission restores its draft.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { GradingDraft } from '../../../../shared/operations/grading'
import type { OpOutput } from '../../../../shared/operations/index'
import type { Gradebook, SubmissionRecord } from '../../../../shared/operations/progress'
import { lms } from '../../api/client'
import { errorMessage } from '../../lib/errors'

export type SubmissionDetail = OpOutput<'assignments.submissions'>

export interface GradeValues {
  points: string
  message: string
}

export type DraftState = 'none' | 'pending' | 'saving' | 'saved' | 'failed'

export const EMPTY_VALUES: GradeValues = { points: '', message: '' }
export const DRAFT_DEBOUNCE_MS = 400

const sameValues = (a: GradeValues, b: GradeValues) => a.points === b.points && a.message === b.message

/** The current (newest, not undone) evaluation of a submission. */
export function currentEvaluation(detail: SubmissionDetail | null) {
  if (!detail || (detail.status !== 'Completed' && detail.status !== 'Rejected')) return null
  return detail.evaluations.find((e) => !e.undone) ?? null
}

/** What the fields show when nothing is typed: the current grade, or empty. */
function baselineOf(detail: SubmissionDetail | null): GradeValues {
  const current = currentEvaluation(detail)
  return current ? { points: String(current.points_awarded), message: current.instructor_message ?? '' } : EMPTY_VALUES
}

interface Loaded {
  rowId: number | null
  detail: SubmissionDetail | null
  detailError: string | null
  gradebook: Gradebook | null
  gradebookError: string | null
}

const NOTHING: Loaded = { rowId: null, detail: null, detailError: null, gradebook: null, gradebookError: null }

interface PendingDraft {
  rowId: number
  values: GradeValues
  timer: ReturnType<typeof setTimeout>
}

export function useGradingSubmission(row: SubmissionRecord | null) {
  const rowId = row?.status_row_id ?? null
  const registrationId = row?.registration_id ?? null
  const [loaded, setLoaded] = useState<Loaded>(NOTHING)
  const [values, setValuesState] = useState<GradeValues>(EMPTY_VALUES)
  const [baseline, setBaselineState] = useState<GradeValues>(EMPTY_VALUES)
  /** The draft restored when the submission opened (shown as "Draft restored"). */
  const [restored, setRestored] = useState<GradingDraft | null>(null)
  const [draftState, setDraftState] = useState<DraftState>('none')
  /** The row whose grade and draft are loaded: `ready` only for that row, never a stale true. */
  const [readyRow, setReadyRow] = useState<number | null>(null)

  const rowRef = useRef<number | null>(null)
  const valuesRef = useRef(values)
  const baselineRef = useRef(baseline)
  const touched = useRef(false)
  const pending = useRef<PendingDraft | null>(null)
  const inflight = useRef<Promise<unknown>>(Promise.resolve())
  /** Whether the engine holds a draft for the open row. */
  const hasDraft = useRef(false)
  const loadToken = useRef(0)

  const setValues = (next: GradeValues) => {
    valuesRef.current = next
    setValuesState(next)
  }
  const setBaseline = (next: GradeValues) => {
    baselineRef.current = next
    setBaselineState(next)
  }

  /** Sends a draft (or clears it when the fields are back to the saved grade). */
  const writeDraft = useCallback((id: number, v: GradeValues, dirty: boolean) => {
    const isOpen = () => rowRef.current === id
    if (!dirty && !hasDraft.current) {
      if (isOpen()) setDraftState('none')
      return
    }
    if (isOpen()) setDraftState('saving')
    const call = dirty ? lms.call('grading.draftSave', { statusRowId: id, points: v.points.slice(0, 20), message: v.message }) : lms.call('grading.draftClear', { statusRowId: id })
    const done = call.then(
      () => {
        if (!isOpen()) return
        hasDraft.current = dirty
        setDraftState(dirty ? 'saved' : 'none')
      },
      () => {
        if (isOpen()) setDraftState('failed')
      },
    )
    inflight.current = Promise.all([inflight.current, done])
  }, [])

  /** Sends the waiting draft now (before leaving a submission, the page, or the tab). */
  const flushDraft = useCallback(() => {
    const p = pending.current
    if (!p) return
    clearTimeout(p.timer)
    pending.current = null
    writeDraft(p.rowId, p.values, !sameValues(p.values, p.rowId === rowRef.current ? baselineRef.current : EMPTY_VALUES) || p.rowId !== rowRef.current)
  }, [writeDraft])

  /** Drops the waiting draft and waits for drafts on their way. */
  const dropDraft = useCallback(async () => {
    if (pending.current) clearTimeout(pending.current.timer)
    pending.current = null
    await inflight.current.catch(() => undefined)
  }, [])

  /**
   * Stores the waiting draft now and waits until every draft is stored (before saving a
   * grade: the engine drops the draft with the grade, and keeps it if the grade is refused).
   */
  const persistDraft = useCallback(async () => {
    flushDraft()
    await inflight.current.catch(() => undefined)
  }, [flushDraft])

  const fetchAll = useCallback(async (id: number, registration: number) => {
    const [detail, gradebook] = await Promise.allSettled([
      lms.call('assignments.submissions', { statusRowId: id }),
      lms.call('courses.gradebook', { id: registration }),
    ])
    return {
      rowId: id,
      detail: detail.status === 'fulfilled' ? detail.value : null,
      detailError: detail.status === 'rejected' ? errorMessage(detail.reason) : null,
      gradebook: gradebook.status === 'fulfilled' ? gradebook.value : null,
      gradebookError: gradebook.status === 'rejected' ? errorMessage(gradebook.reason) : null,
    }
  }, [])

  // Opening a submission: send the previous one's waiting draft, then load this one's
  // details and draft. What the user typed before the answers arrived is kept.
  useEffect(() => {
    flushDraft()
    rowRef.current = rowId
    touched.current = false
    hasDraft.current = false
    setValues(EMPTY_VALUES)
    setBaseline(EMPTY_VALUES)
    setRestored(null)
    setDraftState('none')
    setReadyRow(null)
    setLoaded(NOTHING)
    if (rowId === null || registrationId === null) return
    const token = ++loadToken.current
    void Promise.all([fetchAll(rowId, registrationId), lms.call('grading.draftGet', { statusRowId: rowId }).catch(() => null)]).then(([data, draft]) => {
      if (token !== loadToken.current) return
      const base = baselineOf(data.detail)
      setLoaded(data)
      setBaseline(base)
      hasDraft.current = draft !== null
      if (!touched.current) {
        if (draft && !sameValues({ points: draft.points, message: draft.message }, base)) {
          setValues({ points: draft.points, message: draft.message })
          setRestored(draft)
          setDraftState('saved')
        } else setValues(base)
      }
      setReadyRow(rowId)
    })
  }, [rowId, registrationId, fetchAll, flushDraft])

  // Sends the waiting draft when the page goes away (another page of the app, or the tab).
  useEffect(() => () => flushDraft(), [flushDraft])

  const setField = useCallback(
    (field: keyof GradeValues, value: string) => {
      const id = rowRef.current
      if (id === null) return
      touched.current = true
      const next = { ...valuesRef.current, [field]: value }
      setValues(next)
      if (pending.current) clearTimeout(pending.current.timer)
      const timer = setTimeout(() => {
        pending.current = null
        writeDraft(id, next, !sameValues(next, baselineRef.current))
      }, DRAFT_DEBOUNCE_MS)
      pending.current = { rowId: id, values: next, timer }
      setDraftState('pending')
    },
    [writeDraft],
  )

  /**
   * Reloads the details and the gradebook (after a save or an undo). The fields follow
   * the new current grade unless the user typed something else meanwhile.
   */
  const reload = useCallback(
    async (options: { resetTo?: GradeValues } = {}) => {
      const id = rowRef.current
      if (id === null || registrationId === null) return
      const token = ++loadToken.current
      const data = await fetchAll(id, registrationId)
      if (token !== loadToken.current || rowRef.current !== id) return
      const base = baselineOf(data.detail)
      setLoaded(data)
      setBaseline(base)
      if (options.resetTo && sameValues(valuesRef.current, options.resetTo)) {
        setValues(base)
        touched.current = false
      }
      setReadyRow(id)
    },
    [registrationId, fetchAll],
  )

  /** After a grade was saved: the engine dropped the draft, and what was typed is now the grade. */
  const markSaved = useCallback((saved: GradeValues) => {
    hasDraft.current = false
    setRestored(null)
    setDraftState('none')
    setBaseline(saved)
  }, [])

  /** Throws away what was typed and the stored draft. */
  const discardDraft = useCallback(async () => {
    const id = rowRef.current
    await dropDraft()
    if (id === null) return
    touched.current = false
    setValues(baselineRef.current)
    setRestored(null)
    writeDraft(id, baselineRef.current, false)
    await inflight.current.catch(() => undefined)
  }, [dropDraft, writeDraft])

  /** The fields as typed so far, including typing not drawn yet (a replay of held keys). */
  const valuesNow = useCallback(() => valuesRef.current, [])

  const dirty = rowId !== null && !sameValues(values, baseline)
  const current = loaded.rowId === rowId ? loaded : NOTHING
  const ready = rowId !== null && readyRow === rowId

  return {
    rowId,
    detail: current.detail,
    detailError: current.detailError,
    gradebook: current.gradebook,
    gradebookError: current.gradebookError,
    ready,
    values,
    valuesNow,
    setField,
    dirty,
    draftState,
    restored,
    flushDraft,
    persistDraft,
    discardDraft,
    markSaved,
    reload,
  }
}

export type GradingSubmission = ReturnType<typeof useGradingSubmission>
