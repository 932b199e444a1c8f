// Unsaved work is never dropped without a question. While `dirty`, leaving the page (a
// link, the back button, a typed address), closing the form (Esc, the X, a click outside,
// Cancel) or any other way the caller routes through `confirmDiscard` first asks
// "Discard unsaved changes?"; Keep editing stays, Discard changes goes on as asked.
import { useCallback, useEffect, useRef, useState } from 'react'
import { isDesktop } from '../lib/files'
import { setLeaveGuard } from '../state/navigation'

export interface UnsavedChanges {
  /** Runs `action` at once when nothing is unsaved, else after the user agrees to discard. */
  confirmDiscard(action: () => void): void
  /** True while the question is shown. */
  asking: boolean
  /** For DiscardChangesDialog. */
  dialog: { opened: boolean; onKeep(): void; onDiscard(): void }
}

export function useUnsavedChanges(dirty: boolean): UnsavedChanges {
  const [pending, setPending] = useState<(() => void) | null>(null)
  const dirtyRef = useRef(dirty)
  dirtyRef.current = dirty

  useEffect(() => {
    if (!dirty) return
    const removeGuard = setLeaveGuard((_target, proceed) => {
      if (!dirtyRef.current) return true
      setPending(() => proceed)
      return false
    })
    function onBeforeUnload(event: BeforeUnloadEvent) {
      // The desktop shell shows no prompt for this (Electron would silently keep the
      // window open); browsers ask with their own dialog.
      if (isDesktop()) return
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      removeGuard()
      window.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [dirty])

  const confirmDiscard = useCallback((action: () => void) => {
    if (!dirtyRef.current) return action()
    // Asked once the event that led here is over: the question's own Esc handler would
    // otherwise take this very Esc as its answer.
    setTimeout(() => setPending(() => action))
  }, [])

  const onKeep = useCallback(() => setPending(null), [])
  const onDiscard = useCallback(() => {
    setPending((action) => {
      // Run after this update: the action may unmount the form that owns this state.
      if (action) queueMicrotask(action)
      return null
    })
  }, [])

  return { confirmDiscard, asking: pending !== null, dialog: { opened: pending !== null, onKeep, onDiscard } }
}

/** Whether a form's values differ from what it opened with (plain values: text, numbers, lists). */
export function changedFrom<T>(initial: T | null, current: T): boolean {
  return initial !== null && JSON.stringify(initial) !== JSON.stringify(current)
}
