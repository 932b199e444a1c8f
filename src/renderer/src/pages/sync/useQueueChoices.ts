// What follows a choice made on a row of the sync page's lists (resolve a conflict, retry or
// discard a parked change): the list and the status reload, a run sends what the choice
// released, and focus, whose button went away with its row, returns to the section heading
// instead of the page's start.
import { useEffect, useRef } from 'react'
import { refreshSyncStatus, runSync, useSync } from '../../state/sync'

export function useQueueChoices(rows: unknown, reload: () => void) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  const refocus = useRef(false)
  useEffect(() => {
    if (!refocus.current) return
    refocus.current = false
    const active = document.activeElement
    if (!active || active === document.body || !active.isConnected) headingRef.current?.focus()
  }, [rows])
  const configured = useSync((s) => Boolean(s.status?.configured))

  /** `send`: the choice queued or released something a run should send now. */
  function chosen({ send }: { send: boolean }) {
    refocus.current = true
    reload()
    void refreshSyncStatus()
    if (send && configured) void runSync().then(reload)
  }

  return { headingRef, chosen }
}
