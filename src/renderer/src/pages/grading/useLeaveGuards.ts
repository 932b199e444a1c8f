// Leaving the grading screen with a dirty draft asks first: other pages of the app, and the
// tab itself (the draft is stored either way).
import { useEffect, type RefObject } from 'react'
import { isDesktop } from '../../lib/files'
import { setLeaveGuard } from '../../state/navigation'
import type { GradingSubmission } from './useGradingSubmission'

/** `sub` is read through a ref (the latest render's); `askToLeave` must be stable. */
export function useLeaveGuards(sub: RefObject<GradingSubmission>, askToLeave: (proceed: () => void) => void): void {
  useEffect(
    () =>
      setLeaveGuard((_target, proceed) => {
        if (!sub.current.dirty) return true
        askToLeave(proceed)
        return false
      }),
    [sub, askToLeave],
  )
  useEffect(() => {
    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!sub.current.dirty) return
      sub.current.flushDraft()
      // The desktop shell shows no prompt for this (Electron would silently keep the window
      // open); there the stored draft is enough. Browsers ask with their own dialog.
      if (isDesktop()) return
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [sub])
}
