// Sync with the hosted LMS as the renderer sees it: the engine's sync.status (refreshed on
// each 'sync' event, and polled at most once a second while a run is going as a fallback),
// the hosted LMS connection from app.status, and the run this window started with
// "Sync now". The shell's status area and the Sync screen both read this one store, so the
// page holds a single event stream for sync.
import { create } from 'zustand'
import type { AppStatus } from '../../../shared/operations/app'
import type { SyncStatus, SyncSummary } from '../../../shared/operations/sync'
import { lms } from '../api/client'
import { errorMessage } from '../lib/errors'
import { useStatus } from './status'

export interface SyncState {
  status: SyncStatus | null
  /** The engine's view of the hosted LMS connection (app.status), refreshed with the status. */
  connection: AppStatus['connection'] | null
  loadError: string | null
  /** A sync.now call from this window is in flight. */
  running: boolean
  /** What the last run started here answered. */
  summary: SyncSummary | null
  runError: string | null
  /** navigator.onLine, followed through the window's online/offline events. */
  browserOnline: boolean
}

export const useSync = create<SyncState>(() => ({
  status: null,
  connection: null,
  loadError: null,
  running: false,
  summary: null,
  runError: null,
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
}))

let inFlight: Promise<void> | null = null
let again = false
let lastRefreshAt = 0

// The header's unsynced count follows 'changes' events, which only local writes send; a
// sync run lowers the count too, so each status read passes app.status's count on, unless
// an event set a count while the read was under way (the event's is then the newer).
let countVersion = 0
useStatus.subscribe((s, prev) => {
  if (s.pendingChanges !== prev.pendingChanges) countVersion++
})

async function load(): Promise<void> {
  lastRefreshAt = Date.now()
  const version = countVersion
  try {
    const [status, app] = await Promise.all([lms.call('sync.status', {}), lms.call('app.status', {})])
    useSync.setState({ status, connection: app.connection, loadError: null })
    if (countVersion === version) useStatus.setState({ pendingChanges: app.pendingChanges })
  } catch (error) {
    useSync.setState({ loadError: errorMessage(error) })
  }
}

/**
 * Reads sync.status (and the connection) again. Calls that arrive while one is in flight
 * collapse into one more read after it, so a burst of events costs two calls, not fifty.
 */
export function refreshSyncStatus(): Promise<void> {
  if (inFlight) {
    again = true
    return inFlight
  }
  inFlight = (async () => {
    do {
      again = false
      await load()
    } while (again)
  })().finally(() => {
    inFlight = null
  })
  return inFlight
}

let currentRun: Promise<SyncSummary | null> | null = null

/**
 * Runs sync.now (one pull and push) and keeps its summary. A second call while a run from
 * this window is going joins it; the engine joins runs it started itself in the same way.
 */
export function runSync(): Promise<SyncSummary | null> {
  if (currentRun) return currentRun
  useSync.setState({ running: true, summary: null, runError: null })
  void refreshSyncStatus()
  currentRun = lms
    .call('sync.now', {})
    .then(
      (summary) => {
        useSync.setState({ summary })
        return summary
      },
      (error: unknown) => {
        useSync.setState({ runError: errorMessage(error) })
        return null
      },
    )
    .finally(() => {
      currentRun = null
      useSync.setState({ running: false })
      void refreshSyncStatus()
    })
  return currentRun
}

export function isSyncing(state: Pick<SyncState, 'running' | 'status'>): boolean {
  return state.running || state.status?.state === 'syncing'
}

/**
 * Starts following sync: the first read, the 'sync' event stream, a poll at most once a
 * second while a run is going, and a run when the browser comes back online (if the
 * hosted LMS is configured and the token was not refused). Returns the stop function.
 */
export function startSyncUpdates(): () => void {
  let stopped = false
  const unsubscribe = lms.subscribe('sync', () => {
    if (!stopped) void refreshSyncStatus()
  })
  void refreshSyncStatus()

  // Fallback for a lost event stream: while a run is going, read the status once a second
  // unless an event has just done so.
  let poll: ReturnType<typeof setInterval> | null = null
  const followRun = (syncing: boolean) => {
    if (syncing && !poll && !stopped) {
      poll = setInterval(() => {
        if (Date.now() - lastRefreshAt >= 1000) void refreshSyncStatus()
      }, 1000)
    } else if (!syncing && poll) {
      clearInterval(poll)
      poll = null
    }
  }
  const unwatch = useSync.subscribe((state) => followRun(isSyncing(state)))
  followRun(isSyncing(useSync.getState()))

  const onOnline = () => {
    useSync.setState({ browserOnline: true })
    const { status } = useSync.getState()
    if (status?.configured && status.state !== 'paused_auth') void runSync()
    else void refreshSyncStatus()
  }
  const onOffline = () => useSync.setState({ browserOnline: false })
  window.addEventListener('online', onOnline)
  window.addEventListener('offline', onOffline)

  return () => {
    stopped = true
    unsubscribe()
    unwatch()
    followRun(false)
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
  }
}
