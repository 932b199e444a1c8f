// What the header and the Sync screen say about the hosted LMS: one label per situation
// (with a short form for phones), its colour and the sentence behind it. "Online" only
// once the LMS API has answered; until then "Not contacted yet".
import type { AppStatus } from '../../../../shared/operations/app'
import type { ContactProblem } from '../../../../shared/operations/sync'
import { isSyncing, type SyncState } from '../../state/sync'

export type ConnectionKey = 'not_configured' | 'not_contacted' | 'online' | 'browser_offline' | 'offline' | 'syncing' | ContactProblem

export interface ConnectionView {
  key: ConnectionKey
  label: string
  /** For phone widths. */
  short: string
  color: string
  variant: 'light' | 'filled'
  /** The sentence behind the label: the engine's own words for a problem. */
  title: string
}

type Look = Omit<ConnectionView, 'key' | 'title'> & { title?: string }

// Light badges only where the theme's text shade passes AA on the light background.
const PROBLEM = { color: 'red.9', variant: 'filled' } as const
const WAITING = { color: 'gray.7', variant: 'filled' } as const

const LOOKS: Record<ConnectionKey, Look> = {
  not_configured: { label: 'Hosted LMS not configured', short: 'Not set up', color: 'gray', variant: 'light', title: 'Set the hosted LMS address and token on the Sync screen' },
  not_contacted: {
    label: 'Not contacted yet',
    short: 'Not contacted',
    color: 'gray',
    variant: 'light',
    title: 'The address is saved, but the hosted LMS has not answered yet; it is checked at the next sync',
  },
  online: { label: 'Online', short: 'Online', color: 'teal', variant: 'light', title: 'The hosted LMS answered the last sync' },
  browser_offline: { label: 'Offline', short: 'Offline', ...PROBLEM, title: 'This computer has no network connection; changes are kept here and sent later' },
  offline: { label: 'Offline', short: 'Offline', ...PROBLEM, title: 'The hosted LMS did not answer the last sync; changes are kept here and sent later' },
  syncing: { label: 'Syncing…', short: 'Syncing…', color: 'blue', variant: 'light', title: 'Sending and receiving changes' },
  no_connection: { label: 'No connection', short: 'Offline', ...PROBLEM },
  dns: { label: 'Address not found', short: 'Not found', ...PROBLEM },
  refused: { label: 'Connection refused', short: 'Refused', ...PROBLEM },
  no_answer: { label: 'No answer', short: 'No answer', ...PROBLEM },
  tls: { label: 'Certificate problem', short: 'Certificate', ...PROBLEM },
  not_lms: { label: 'Not the LMS API', short: 'Not the LMS', ...PROBLEM },
  unauthorized: { label: 'Token refused', short: 'Token refused', ...PROBLEM, title: 'The hosted LMS refused the API token; enter a new one on the Sync screen' },
  client_error: { label: 'Refused by the LMS', short: 'Refused', ...PROBLEM },
  server_error: { label: 'LMS server error', short: 'LMS error', ...WAITING },
  rate_limited: { label: 'Asked to wait', short: 'Waiting', ...WAITING },
}

function view(key: ConnectionKey, title?: string | null): ConnectionView {
  const { title: fallback, ...look } = LOOKS[key]
  return { key, ...look, title: title ?? fallback ?? look.label }
}

/** The hosted LMS connection as the header shows it; `fallback` is app.status's before sync.status has loaded. */
export function connectionView(state: Pick<SyncState, 'status' | 'running' | 'browserOnline'>, fallback: AppStatus['connection'] | null): ConnectionView | null {
  const { status } = state
  if (!status) return fallback ? view(fallback) : null
  if (!status.configured) return view('not_configured')
  if (isSyncing(state)) return view('syncing')
  if (status.state === 'paused_auth') return view('unauthorized', status.contact.message)
  if (!state.browserOnline) return view('browser_offline')
  if (status.contact.problem) return view(status.contact.problem, status.contact.message)
  return view(status.contact.state === 'not_contacted' ? 'not_contacted' : 'online')
}
