// Writing the open submission's draft to the engine: the calls on their way (waited for
// before a grade is saved), whether the engine holds a draft for the row, and `draftState`,
// what the screen says of it. Answers for a row no longer open change nothing shown.
import { useCallback, useRef, useState, type RefObject } from 'react'
import { lms } from '../../api/client'
import type { GradeValues } from './gradeValues'

export type DraftState = 'none' | 'pending' | 'saving' | 'saved' | 'failed'

export function useDraftWrites(rowRef: RefObject<number | null>) {
  const [draftState, setDraftState] = useState<DraftState>('none')
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

  /** Waits until the drafts on their way are written (or refused). */
  const settled = useCallback(() => inflight.current.catch(() => undefined), [])

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

  /** Typing: a draft will be sent once it pauses. */
  const draftPending = useCallback(() => setDraftState('pending'), [])

  return { draftState, writeDraft, settled, forgetDraft, draftFound, draftPending }
}
