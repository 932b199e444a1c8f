// The open submission: its details, the learner's gradebook for the course, and the
// points and message being typed. What is typed is kept as a draft in the engine
// (debounced, useStoredDraft) so a reload or a crash restores it; opening a submission
// restores its draft.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { lms } from '../../api/client'
import { sameValues, type GradeValues } from './gradeValues'
import { baselineOf, loadSubmission, NOTHING, type Loaded } from './loadSubmission'
import { useGradeFields } from './useGradeFields'
import { useStoredDraft } from './useStoredDraft'

export function useGradingSubmission(row: SubmissionRecord | null) {
  const rowId = row?.status_row_id ?? null
  const registrationId = row?.registration_id ?? null
  /** The details and gradebook, with the row they are for; set with the fields, in one render. */
  const [loaded, setLoaded] = useState<Loaded>(NOTHING)
  const rowRef = useRef<number | null>(null)
  const loadToken = useRef(0)
  const { values, baseline, restored, baselineRef, valuesNow, clear, fill, follow, type, revert, saved } = useGradeFields()
  const { draftState, flushDraft, scheduleDraft, dropDraft, persistDraft, clearDraft, forgetDraft, draftFound } = useStoredDraft(rowRef, baselineRef)

  // Opening a submission: send the previous one's waiting draft, then load this one's
  // details and draft. What the user typed before the answers arrived is kept.
  useEffect(() => {
    flushDraft()
    rowRef.current = rowId
    clear()
    forgetDraft()
    setLoaded(NOTHING)
    if (rowId === null || registrationId === null) return
    const token = ++loadToken.current
    void Promise.all([loadSubmission(rowId, registrationId), lms.call('grading.draftGet', { statusRowId: rowId }).catch(() => null)]).then(([data, draft]) => {
      if (token !== loadToken.current) return
      setLoaded(data)
      draftFound(draft !== null, fill(baselineOf(data.detail), draft))
    })
  }, [rowId, registrationId, flushDraft, clear, forgetDraft, fill, draftFound])

  // Sends the waiting draft when the page goes away (another page of the app, or the tab).
  useEffect(() => () => flushDraft(), [flushDraft])

  const setField = useCallback(
    (field: keyof GradeValues, value: string) => {
      const id = rowRef.current
      if (id === null) return
      scheduleDraft(id, type(field, value))
    },
    [type, scheduleDraft],
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
      const data = await loadSubmission(id, registrationId)
      if (token !== loadToken.current || rowRef.current !== id) return
      setLoaded(data)
      follow(baselineOf(data.detail), options.resetTo)
    },
    [registrationId, follow],
  )

  /** After a grade was saved: the engine dropped the draft, and what was typed is now the grade. */
  const markSaved = useCallback(
    (grade: GradeValues) => {
      forgetDraft()
      saved(grade)
    },
    [forgetDraft, saved],
  )

  /** Throws away what was typed and the stored draft. */
  const discardDraft = useCallback(async () => {
    const id = rowRef.current
    await dropDraft()
    if (id === null) return
    revert()
    await clearDraft(id)
  }, [dropDraft, revert, clearDraft])

  const dirty = rowId !== null && !sameValues(values, baseline)
  const { detail, detailError, gradebook, gradebookError } = loaded.rowId === rowId ? loaded : NOTHING
  // Ready only once this row's grade and draft are loaded, never a stale true.
  const ready = rowId !== null && loaded.rowId === rowId
  return { rowId, detail, detailError, gradebook, gradebookError, ready, values, valuesNow, setField, dirty, draftState, restored, flushDraft, persistDraft, discardDraft, markSaved, reload }
}

export type GradingSubmission = ReturnType<typeof useGradingSubmission>
