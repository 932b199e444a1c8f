// What the Sync screens share: times, summaries and the values a conflict or a parked
// record carries. Dates, numbers and plurals go through the one formatting layer.
import { Text } from '@mantine/core'
import type { ParkedRecord, SyncStatus, SyncSummary } from '../../../../shared/operations/sync'
import { formatDateTime, plural } from '../../lib/format'

export function formatWhen(iso: string | null | undefined, empty = 'Never'): string {
  return formatDateTime(iso, empty)
}

export function When({ iso, empty = 'Never' }: { iso: string | null | undefined; empty?: string }) {
  if (!iso) return <>{empty}</>
  return <time dateTime={iso}>{formatWhen(iso)}</time>
}

/** When sync next runs by itself, and what else starts it; never "none" while changes wait. */
export function nextTryText(status: SyncStatus): string {
  if (!status.configured) return 'Once the hosted LMS address and token are saved'
  if (status.state === 'paused_auth') return 'After you enter a new API token'
  const onDemand = 'when you press Sync now or make a change'
  const run = status.nextRun
  if (!run) return `${onDemand.charAt(0).toUpperCase()}${onDemand.slice(1)}`
  const at = formatDateTime(run.at)
  if (run.reason === 'rate_limit') return `${at}, when the hosted LMS allows more requests`
  return `${at} (${run.reason === 'retry' ? 'a retry' : 'automatic'}), or sooner ${onDemand}`
}

export function summaryText(summary: SyncSummary): string {
  const parts = [
    `sent ${plural(summary.pushed, 'change', 'changes')}`,
    `received ${plural(summary.pulled, 'record', 'records')}`,
    `${plural(summary.parked, 'change', 'changes')} parked`,
    plural(summary.conflicts, 'conflict', 'conflicts'),
  ]
  const text = parts.join(', ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

/** Badge colours that keep AA contrast: light variants only where the theme's shade 8 text passes. */
export interface Tone {
  color: string
  variant: 'light' | 'filled'
}

export const STATE_LABELS: Record<SyncStatus['state'], { text: string } & Tone> = {
  idle: { text: 'Idle', color: 'teal', variant: 'light' },
  syncing: { text: 'Syncing…', color: 'blue', variant: 'light' },
  paused_auth: { text: 'Paused: token refused', color: 'red.9', variant: 'filled' },
  offline: { text: 'Offline', color: 'red.9', variant: 'filled' },
  misconfigured: { text: 'Check the address', color: 'red.9', variant: 'filled' },
  backing_off: { text: 'Waiting to retry', color: 'gray.7', variant: 'filled' },
}

/** Alert titles in the alert's own colour fall short of AA on yellow and orange; these use the text colour. */
export const readableAlertTitle = { title: { color: 'var(--mantine-color-text)' } }

export const TOKEN_STORAGE_LABELS: Record<SyncStatus['tokenStorage'], string> = {
  'os-keychain': 'in the OS keychain',
  file: 'in a file only your user account can read',
  none: 'nowhere yet',
}

/** One value as text: strings as they are, empty values said in words, the rest as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)'
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  return JSON.stringify(value)
}

export function isGrade(value: unknown): value is { accepted: boolean | null; points: number | null; message: string | null } {
  return typeof value === 'object' && value !== null && ('accepted' in value || 'points' in value || 'message' in value)
}

/** A grade from a conflict: accepted or rejected, points and the message. */
export function GradeValue({ grade }: { grade: unknown }) {
  if (!isGrade(grade)) return <Text size="sm">{valueText(grade)}</Text>
  const verdict = grade.accepted === null || grade.accepted === undefined ? 'Not graded' : grade.accepted ? 'Accepted' : 'Rejected'
  return (
    <>
      <Text size="sm" fw={600}>
        {verdict}
      </Text>
      <Text size="sm">Points: {grade.points ?? '(none)'}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        Message: {grade.message ? grade.message : '(none)'}
      </Text>
    </>
  )
}

export function describeRecord(r: Pick<ParkedRecord, 'operation' | 'entity' | 'localId'>): string {
  return `${r.operation} for ${r.entity}${r.localId === null ? '' : ` ${r.localId}`}`
}
