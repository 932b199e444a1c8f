// The draft the engine keeps for the open submission: what is typed is sent after a pause
// (debounced), sent at once before leaving, and cleared when the fields are back to the
// grade. The writes themselves, and what the screen says of them, are useDraftWrites'.
import { useCallback, useRef, type RefObject } from 'react'
import { EMPTY_VALUES, sameValues, type GradeValues } from './gradeValues'
import { useDraftWrites } from './useDraftWrites'

export const DRAFT_DEBOUNCE_MS = 400

interface PendingDraft {
  rowId: number
  values: GradeValues
  timer: ReturnType<typeof setTimeout>
}

/** `rowRef`: the open row; `baselineRef`: its grade (a draft equal to it is cleared, not kept). */
export function useStoredDraft(rowRef: RefObject<number | null>, baselineRef: RefObject<GradeValues>) {
  const { draftState, writeDraft, settled, forgetDraft, draftFound, draftPending } = useDraftWrites(rowRef)
  const pending = useRef<PendingDraft | null>(null)

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
      draftPending()
    },
    [writeDraft, baselineRef, draftPending],
  )

  /** Drops the waiting draft and waits for drafts on their way. */
  const dropDraft = useCallback(async () => {
    if (pending.current) clearTimeout(pending.current.timer)
    pending.current = null
    await settled()
  }, [settled])

  /**
   * Stores the waiting draft now and waits until every draft is stored (before saving a
   * grade: the engine drops the draft with the grade, and keeps it if the grade is refused).
   */
  const persistDraft = useCallback(async () => {
    flushDraft()
    await settled()
  }, [flushDraft, settled])

  /** Clears row `id`'s stored draft (the fields are back to its grade) and waits until done. */
  const clearDraft = useCallback(
    async (id: number) => {
      writeDraft(id, baselineRef.current, false)
      await settled()
    },
    [writeDraft, baselineRef, settled],
  )

  return { draftState, flushDraft, scheduleDraft, dropDraft, persistDraft, clearDraft, forgetDraft, draftFound }
}
