// Small pieces the queue and the panel share: the grade badge and the sync state, each
// said in words (never by colour alone), with an icon for a quick scan.
import { Badge, Group, Text } from '@mantine/core'
import type { GradingState } from '../../../../shared/operations/progress'
import { t, useT, type MessageId } from '../../i18n'

const GRADE_COLORS: Record<GradingState, string> = { ungraded: 'blue', graded: 'teal', rejected: 'red' }

export const GRADE_STATES: Record<GradingState, MessageId> = { ungraded: 'grading.state.ungraded', graded: 'grading.state.graded', rejected: 'grading.state.rejected' }

export function gradeText(state: GradingState, points: number | null, total: number | null): string {
  const name = t(GRADE_STATES[state])
  if (state === 'ungraded' || points === null) return name
  return t('grading.badge.scored', { state: name, points, total: total ?? t('grading.badge.unknownTotal') })
}

export function GradeBadge({ state, points, total }: { state: GradingState; points: number | null; total: number | null }) {
  useT()
  return (
    <Badge color={GRADE_COLORS[state]} variant="light" miw="max-content" data-testid="grade-badge">
      {gradeText(state, points, total)}
    </Badge>
  )
}

/** A cloud with a mark inside it (a tick, an arrow). */
function CloudIcon({ mark }: { mark: string }) {
  return (
    <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M7 18a4.5 4.5 0 0 1-.5-8.97A6 6 0 0 1 18 8.5a4 4 0 0 1 0 9.5H7z" />
      <path d={mark} />
    </svg>
  )
}

const CloudCheckIcon = () => <CloudIcon mark="M9.5 13.5l2 2 3.5-4" />
const CloudPendingIcon = () => <CloudIcon mark="M12 16v-5M9.5 13.5 12 11l2.5 2.5" />

/** Whether the row's grade (or submission) has reached the hosted LMS yet. */
export function SyncState({ unsynced }: { unsynced: boolean }) {
  const t = useT()
  return (
    // Mantine's darkest orange is 4.3:1 on white for this small text; darkened to pass AA (4.5:1).
    <Group gap={4} wrap="nowrap" c={unsynced ? 'color-mix(in srgb, var(--mantine-color-orange-9) 82%, black)' : 'gray.7'} data-testid="sync-state">
      {unsynced ? <CloudPendingIcon /> : <CloudCheckIcon />}
      <Text size="xs" c="inherit" fw={unsynced ? 600 : 400} style={{ whiteSpace: 'nowrap' }}>
        {unsynced ? t('grading.notSynced') : t('grading.synced')}
      </Text>
    </Group>
  )
}
