// What the header and the Sync screen say about the hosted LMS: one label per situation
// (with a short form for phones), its colour and the sentence behind it. "Online" only
// once the LMS API has answered; until then "Not contacted yet".
import type { AppStatus } from '../../../../shared/operations/app'
import type { ContactProblem } from '../../../../shared/operations/sync'
import { isSyncing, type SyncState } from '../../state/sync'
import { t, useI18n, type MessageId } from '../../i18n'

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

// Light badges only where the theme's text shade passes AA on the light background.
const PROBLEM = { color: 'red.9', variant: 'filled' } as const
const WAITING = { color: 'gray.7', variant: 'filled' } as const

/** Each situation's colour; its label, short form and sentence are catalog keys named after it. */
const LOOKS: Record<ConnectionKey, Pick<ConnectionView, 'color' | 'variant'>> = {
  not_configured: { color: 'gray', variant: 'light' },
  not_contacted: { color: 'gray', variant: 'light' },
  online: { color: 'teal', variant: 'light' },
  browser_offline: PROBLEM,
  offline: PROBLEM,
  syncing: { color: 'blue', variant: 'light' },
  no_connection: PROBLEM,
  dns: PROBLEM,
  refused: PROBLEM,
  no_answer: PROBLEM,
  tls: PROBLEM,
  not_lms: PROBLEM,
  unauthorized: PROBLEM,
  client_error: PROBLEM,
  server_error: WAITING,
  rate_limited: WAITING,
}

const TEXTS: Record<ConnectionKey, { label: MessageId; short: MessageId; title: MessageId }> = {
  not_configured: { label: 'connection.not_configured.label', short: 'connection.not_configured.short', title: 'connection.not_configured.title' },
  not_contacted: { label: 'connection.not_contacted.label', short: 'connection.not_contacted.short', title: 'connection.not_contacted.title' },
  online: { label: 'connection.online.label', short: 'connection.online.short', title: 'connection.online.title' },
  browser_offline: { label: 'connection.browser_offline.label', short: 'connection.browser_offline.short', title: 'connection.browser_offline.title' },
  offline: { label: 'connection.offline.label', short: 'connection.offline.short', title: 'connection.offline.title' },
  syncing: { label: 'connection.syncing.label', short: 'connection.syncing.short', title: 'connection.syncing.title' },
  no_connection: { label: 'connection.no_connection.label', short: 'connection.no_connection.short', title: 'connection.no_connection.title' },
  dns: { label: 'connection.dns.label', short: 'connection.dns.short', title: 'connection.dns.title' },
  refused: { label: 'connection.refused.label', short: 'connection.refused.short', title: 'connection.refused.title' },
  no_answer: { label: 'connection.no_answer.label', short: 'connection.no_answer.short', title: 'connection.no_answer.title' },
  tls: { label: 'connection.tls.label', short: 'connection.tls.short', title: 'connection.tls.title' },
  not_lms: { label: 'connection.not_lms.label', short: 'connection.not_lms.short', title: 'connection.not_lms.title' },
  unauthorized: { label: 'connection.unauthorized.label', short: 'connection.unauthorized.short', title: 'connection.unauthorized.title' },
  client_error: { label: 'connection.client_error.label', short: 'connection.client_error.short', title: 'connection.client_error.title' },
  server_error: { label: 'connection.server_error.label', short: 'connection.server_error.short', title: 'connection.server_error.title' },
  rate_limited: { label: 'connection.rate_limited.label', short: 'connection.rate_limited.short', title: 'connection.rate_limited.title' },
}

/**
 * The view of a situation. `engineWords` is the engine's own sentence for a problem (in
 * English, with the technical detail): shown as it is in English, in the catalog's words
 * (naming the address) in the other languages.
 */
function view(key: ConnectionKey, engineWords?: string | null, address?: string | null): ConnectionView {
  const text = TEXTS[key]
  const english = useI18n.getState().locale === 'en'
  const title = engineWords && english ? engineWords : t(text.title, { address: address ?? '' })
  return { key, ...LOOKS[key], label: t(text.label), short: t(text.short), title }
}

/** The hosted LMS connection as the header shows it; `fallback` is app.status's before sync.status has loaded. */
export function connectionView(state: Pick<SyncState, 'status' | 'running' | 'browserOnline'>, fallback: AppStatus['connection'] | null): ConnectionView | null {
  const { status } = state
  if (!status) return fallback ? view(fallback) : null
  if (!status.configured) return view('not_configured')
  if (isSyncing(state)) return view('syncing')
  if (status.state === 'paused_auth') return view('unauthorized', status.contact.message, status.serverUrl)
  if (!state.browserOnline) return view('browser_offline')
  if (status.contact.problem) return view(status.contact.problem, status.contact.message, status.serverUrl)
  return view(status.contact.state === 'not_contacted' ? 'not_contacted' : 'online')
}
