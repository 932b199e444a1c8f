// The header's status: profile, connection and the count of unsynced change records.
// Loaded once from app.status, then kept current by the engine's `changes` events.
import { create } from 'zustand'
import type { AppStatus } from '../../../shared/operations/app'
import { lms } from '../api/client'
import { errorMessage } from '../lib/errors'

interface StatusState {
  status: AppStatus | null
  pendingChanges: number | null
  error: string | null
}

export const useStatus = create<StatusState>(() => ({ status: null, pendingChanges: null, error: null }))

/** Starts loading the status and listening for change events; returns the stop function. */
export function startStatusUpdates(): () => void {
  let heardEvent = false
  let stopped = false
  const stop = lms.subscribe('changes', (event) => {
    heardEvent = true
    useStatus.setState({ pendingChanges: event.pendingChanges })
  })
  lms
    .call('app.status', {})
    .then((status) => {
      if (stopped) return
      // An event that arrived while the call was in flight is newer than the call's count.
      useStatus.setState((s) => ({ status, error: null, pendingChanges: heardEvent ? s.pendingChanges : status.pendingChanges }))
    })
    .catch((error: unknown) => {
      if (!stopped) useStatus.setState({ error: errorMessage(error) })
    })
  return () => {
    stopped = true
    stop()
  }
}
