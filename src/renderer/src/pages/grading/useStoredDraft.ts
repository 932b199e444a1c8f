// The draft the engine keeps for the open submission: what is typed is sent after a pause
// (debounced), sent at once before leaving, and cleared when the fields are back to the
// grade. `draftState` says where it stands, for the screen.
import { useCallback, useRef, useState, type RefObject } from 'react'
import { lms } from '../../api/client'
import { EMPTY_VALUES, sameValues, type GradeValues } from './gradeValues'

export type DraftState = 'none' | 'pending' | 'saving' | 'saved' | 'failed'

export const DRAFT_DEBOUNCE_MS = 400

interface PendingDraft {
  rowId: number
  values: GradeValues
  timer: ReturnType<typeof setTimeout>
}

/** `rowRef`: the open row; `baselineRef`: its grade (a draft equal to it is cleared, not kept). */
export function useStoredDraft(rowRef: RefObject<number | null>, baselineRef: RefObject<GradeValues>) {
  const [draftState, setDraftState] = useState<DraftState>('none')
  const pending = useRef<PendingDraft | null>(null)
  const inflight = useRef<Promise<unknown>>(Promise.resolve())
  /** Whether the engine holds a draft for the open row. */
  const hasDraft = useRef(false)

  /** Sends a draft (or clears it when the fields are back to the saved grade). */
  const writeDraft = useCallback(
    (id: number, v: GradeValues, dirty: boolean) => {
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
    },
    [rowRef],
  )

  /** Sends the waiting draft now (before leaving a submission, the page, or the tab). */
  const flushDraft = useCallback(() => {
    const p = pending.current
    if (!p) return
    clearTimeout(p.timer)
    pending.current = null
    writeDraft(p.rowId, p.values, !sameValues(p.values, p.rowId === rowRef.current ? baselineRef.current : EMPTY_VALUES) || p.rowId !== rowRef.current)
  }, [writeDraft, rowRef, baselineRef])

  /** Sends `values` typed in row `id` once the typing pauses. */
  const scheduleDraft = useCallback(
    (id: number, values: GradeValues) => {
      if (pending.current) clearTimeout(pending.current.timer)
      const timer = setTimeout(() => {
        pending.current = null
        writeDraft(id, values, !sameValues(values, baselineRef.current))
      }, DRAFT_DEBOUNCE_MS)
      pending.current = { rowId: id, values, timer }
      setDraftState('pending')
    },
    [writeDraft, baselineRef],
  )

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

  /** Clears row `id`'s stored draft (the fields are back to its grade) and waits until done. */
  const clearDraft = useCallback(
    async (id: number) => {
      writeDraft(id, baselineRef.current, false)
      await inflight.current.catch(() => undefined)
    },
    [writeDraft, baselineRef],
  )

  /** Another submission opens, or a grade was saved (the engine drops the draft with it). */
  const forgetDraft = useCallback(() => {
    hasDraft.current = false
    setDraftState('none')
  }, [])

  /** Its draft loaded: whether the engine holds one, and whether the fields show it. */
  const draftFound = useCallback((stored: boolean, shown: boolean) => {
    hasDraft.current = stored
    if (shown) setDraftState('saved')
  }, [])

  return { draftState, flushDraft, scheduleDraft, dropDraft, persistDraft, clearDraft, forgetDraft, draftFound }
}
