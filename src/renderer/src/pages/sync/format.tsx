// What the Sync screens share: times, summaries and the values a conflict or a parked
// record carries. Dates, numbers and plurals go through the one formatting layer.
import { Text } from '@mantine/core'
import type { ParkedRecord, SyncStatus, SyncSummary } from '../../../../shared/operations/sync'
import { formatDateTime } from '../../lib/format'
import { t, useT, type MessageId } from '../../i18n'

export function formatWhen(iso: string | null | undefined, empty = t('sync.never')): string {
  return formatDateTime(iso, empty)
}

export function When({ iso, empty }: { iso: string | null | undefined; empty?: string }) {
  const t = useT()
  if (!iso) return <>{empty ?? t('sync.never')}</>
  return <time dateTime={iso}>{formatWhen(iso)}</time>
}

/** When sync next runs by itself, and what else starts it; never "none" while changes wait. */
export function nextTryText(status: SyncStatus): string {
  if (!status.configured) return t('sync.next.unconfigured')
  if (status.state === 'paused_auth') return t('sync.next.afterToken')
  const run = status.nextRun
  if (!run) return t('sync.next.onDemand')
  const at = formatDateTime(run.at)
  if (run.reason === 'rate_limit') return t('sync.next.rateLimit', { at })
  return t(run.reason === 'retry' ? 'sync.next.retry' : 'sync.next.timer', { at })
}

export function summaryText(summary: SyncSummary): string {
  return t('sync.summary', { pushed: summary.pushed, pulled: summary.pulled, parked: summary.parked, conflicts: summary.conflicts })
}

/** Badge colours that keep AA contrast: light variants only where the theme's shade 8 text passes. */
export interface Tone {
  color: string
  variant: 'light' | 'filled'
}

export const STATE_LABELS: Record<SyncStatus['state'], { text: MessageId } & Tone> = {
  idle: { text: 'sync.state.idle', color: 'teal', variant: 'light' },
  syncing: { text: 'sync.state.syncing', color: 'blue', variant: 'light' },
  paused_auth: { text: 'sync.state.paused_auth', color: 'red.9', variant: 'filled' },
  offline: { text: 'sync.state.offline', color: 'red.9', variant: 'filled' },
  misconfigured: { text: 'sync.state.misconfigured', color: 'red.9', variant: 'filled' },
  backing_off: { text: 'sync.state.backing_off', color: 'gray.7', variant: 'filled' },
}

/** Alert titles in the alert's own colour fall short of AA on yellow and orange; these use the text colour. */
export const readableAlertTitle = { title: { color: 'var(--mantine-color-text)' } }

export const TOKEN_STORAGE_LABELS: Record<SyncStatus['tokenStorage'], MessageId> = {
  'os-keychain': 'sync.token.keychain',
  file: 'sync.token.file',
  none: 'sync.token.none',
}

/** One value as text: strings as they are, empty values said in words, the rest as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return t('sync.value.empty')
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? t('sync.value.yes') : t('sync.value.no')
  return JSON.stringify(value)
}

export function isGrade(value: unknown): value is { accepted: boolean | null; points: number | null; message: string | null } {
  return typeof value === 'object' && value !== null && ('accepted' in value || 'points' in value || 'message' in value)
}

/** A grade from a conflict: accepted or rejected, points and the message. */
export function GradeValue({ grade }: { grade: unknown }) {
  if (!isGrade(grade)) return <Text size="sm">{valueText(grade)}</Text>
  const verdict = grade.accepted === null || grade.accepted === undefined ? t('sync.grade.notGraded') : grade.accepted ? t('sync.grade.accepted') : t('sync.grade.rejected')
  return (
    <>
      <Text size="sm" fw={600}>
        {verdict}
      </Text>
      <Text size="sm">{t('sync.grade.points', { points: grade.points ?? t('sync.grade.none') })}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {t('sync.grade.message', { message: grade.message ? grade.message : t('sync.grade.none') })}
      </Text>
    </>
  )
}

export function describeRecord(r: Pick<ParkedRecord, 'operation' | 'entity' | 'localId'>): string {
  return r.localId === null ? t('sync.describeNoId', { operation: r.operation, entity: r.entity }) : t('sync.describe', { operation: r.operation, entity: r.entity, id: String(r.localId) })
}
