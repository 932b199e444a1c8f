// The roster of the open class: one row per learner (RosterRow) with four large status
// buttons and a note button. Keyboard (useRosterKeys): Up/Down move between learners,
// Left/Right between buttons, 1-4 set a status (and move to the next learner), N opens the
// note, / goes to search. One button of the whole roster is in the tab order (roving focus,
// useRosterPosition). Signed off, the buttons look and are disabled (they keep focus, so the
// keys still answer with why). A class too big for one page shows a page of it: positions
// count across all pages, a move past the page's end asks for the next page, and keys typed
// until it is shown wait and then apply to it in order, so a mark always lands on the
// learner it was typed for.
import { Badge, Group, Kbd, Text } from '@mantine/core'
import type { ClassStatus, ClassTotals } from '../../../../shared/operations/classes'
import type { RosterLearner } from '../../../../shared/operations/attendance'
import { useT } from '../../i18n'
import classes from './Attendance.module.css'
import { LOCK_REASON_ID, RosterRow } from './RosterRow'
import { STATUS_KEYS } from './statuses'
import { useRosterKeys } from './useRosterKeys'
import { useRosterPosition } from './useRosterPosition'

interface RosterProps {
  /** The learners shown: all of them, or one page. */
  learners: RosterLearner[]
  /** The position of the first shown among all the learners listed (0 unless paged). */
  first?: number
  /** How many learners are listed on all pages (the shown ones unless paged). */
  count?: number
  /** The rows shown are not yet the ones asked for: keys wait until they are. */
  pending?: boolean
  /** Changes when a new list replaces the rows (a server search): the position goes back to the first learner. */
  listKey?: string
  /** Shows the page holding the learner at this position. */
  onShowRow?(row: number): void
  /** Why the roster is locked (signed off), or null when it is open. */
  lockedReason: string | null
  onStatus(learner: RosterLearner, status: ClassStatus): void
  onNote(learner: RosterLearner): void
  onSearchKey(): void
}

export function Roster({ learners, first = 0, count = learners.length, pending = false, listKey = '', onShowRow, lockedReason, onStatus, onNote, onSearchKey }: RosterProps) {
  const locked = lockedReason !== null
  const position = useRosterPosition({ first, shown: learners.length, count, pending, listKey, onShowRow })
  const onKeyDown = useRosterKeys({ learners, first, count, pending, locked, position, onStatus, onNote, onSearchKey })
  const t = useT()

  if (learners.length === 0) {
    return (
      <Text c="dimmed" py="md">
        {t('attendance.noMatch')}
      </Text>
    )
  }

  return (
    <div className={classes.roster} onKeyDown={onKeyDown} data-testid="roster">
      {lockedReason ? (
        <Text size="sm" fw={600} id={LOCK_REASON_ID} className={classes.lockedReason} data-testid="roster-locked-reason">
          <span aria-hidden="true">🔒 </span>
          {lockedReason}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" id="roster-help" visibleFrom="sm">
          {t.rich('attendance.help', { k: (chunks) => <Kbd>{chunks}</Kbd> })}
        </Text>
      )}
      <ul className={classes.rows} aria-label={t('attendance.learners')}>
        {learners.map((learner, i) => {
          const r = first + i
          return (
            <RosterRow
              key={learner.enrollmentId}
              learner={learner}
              activeCol={r === position.row ? position.col : null}
              locked={locked}
              register={(c, el) => position.register(r, c, el)}
              onFocusButton={(c) => position.place({ row: r, col: c })}
              onStatus={onStatus}
              onNote={onNote}
            />
          )
        })}
      </ul>
    </div>
  )
}

export function StatusCounts({ totals, learners }: { totals: ClassTotals; learners: number }) {
  const t = useT()
  const count: Record<ClassStatus, number> = {
    Attended: totals.totalAttended,
    'No Show': totals.totalNoShow,
    Cancelled: totals.totalCancelled,
    Registered: totals.totalRegistered,
  }
  return (
    <Group gap="xs" role="status" aria-live="polite" aria-label={t('attendance.counts')} data-testid="counts">
      {STATUS_KEYS.map((s) => (
        <Badge key={s.status} size="lg" variant="filled" color={s.color} data-testid={`count-${s.status}`}>
          {t('attendance.countBadge', { status: t(s.label), count: count[s.status] })}
        </Badge>
      ))}
      <Text size="sm" c="dimmed">
        {t('attendance.learnerCount', { count: learners })}
      </Text>
    </Group>
  )
}
