// The roster of the open class: one row per learner with four large status buttons and
// a note button. Keyboard: Up/Down move between learners, Left/Right between buttons,
// 1-4 set a status (and move to the next learner), N opens the note, / goes to search.
// One button of the whole roster is in the tab order (roving focus). Signed off, the
// buttons look and are disabled (they keep focus, so the keys still answer with why).
import { Badge, Button, Group, Kbd, Text } from '@mantine/core'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ClassStatus, ClassTotals } from '../../../../shared/operations/classes'
import type { RosterLearner } from '../../../../shared/operations/attendance'
import { isRtl } from '../../../../shared/i18n/locales'
import { useLocale, useT } from '../../i18n'
import classes from './Attendance.module.css'
import { STATUS_KEYS, statusForKey } from './statuses'

interface RosterProps {
  learners: RosterLearner[]
  /** Why the roster is locked (signed off), or null when it is open. */
  lockedReason: string | null
  onStatus(learner: RosterLearner, status: ClassStatus): void
  onNote(learner: RosterLearner): void
  onSearchKey(): void
}

const COLUMNS = STATUS_KEYS.length + 1

export const LOCK_REASON_ID = 'roster-locked-reason'

export function Roster({ learners, lockedReason, onStatus, onNote, onSearchKey }: RosterProps) {
  const locked = lockedReason !== null
  const [pos, setPos] = useState({ row: 0, col: 0 })
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const focusWanted = useRef(false)
  const row = Math.min(pos.row, Math.max(0, learners.length - 1))
  const t = useT()
  // Right-to-left, the buttons run from the right: the arrow keys follow what is seen.
  const forward = isRtl(useLocale()) ? -1 : 1

  useEffect(() => {
    if (!focusWanted.current) return
    focusWanted.current = false
    buttons.current.get(`${row}:${pos.col}`)?.focus()
  }, [row, pos.col])

  const move = (nextRow: number, nextCol: number) => {
    const r = Math.max(0, Math.min(learners.length - 1, nextRow))
    const c = Math.max(0, Math.min(COLUMNS - 1, nextCol))
    focusWanted.current = true
    setPos({ row: r, col: c })
    // Same position: the effect would not run again, so focus here.
    if (r === row && c === pos.col) buttons.current.get(`${r}:${c}`)?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const learner = learners[row]
    const status = statusForKey(event.key)
    if (status && learner) {
      event.preventDefault()
      onStatus(learner, status)
      if (!locked) move(row + 1, pos.col)
      return
    }
    const moves: Record<string, () => void> = {
      ArrowDown: () => move(row + 1, pos.col),
      ArrowUp: () => move(row - 1, pos.col),
      ArrowRight: () => move(row, pos.col + forward),
      ArrowLeft: () => move(row, pos.col - forward),
      Home: () => move(0, pos.col),
      End: () => move(learners.length - 1, pos.col),
      PageDown: () => move(row + 10, pos.col),
      PageUp: () => move(row - 10, pos.col),
      n: () => learner && onNote(learner),
      N: () => learner && onNote(learner),
      '/': onSearchKey,
    }
    const action = moves[event.key]
    if (action) {
      event.preventDefault()
      action()
    }
  }

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
        {learners.map((learner, r) => (
          <li key={learner.enrollmentId} className={classes.row} data-status={learner.status} data-testid="roster-row">
            <div className={classes.who}>
              <Text fw={600} className={classes.name}>
                {learner.name}
              </Text>
              <Text size="sm" c="dimmed" className={classes.email}>
                <bdi>{learner.email}</bdi>
              </Text>
              {learner.note && (
                <Text size="sm" className={classes.note} data-testid="learner-note">
                  {t('attendance.noteShown', { note: learner.note })}
                </Text>
              )}
            </div>
            <div className={classes.marks} role="group" aria-label={t('attendance.attendanceOf', { learner: learner.name })} aria-describedby={locked ? LOCK_REASON_ID : undefined}>
              {STATUS_KEYS.map((s, c) => {
                const pressed = learner.status === s.status
                return (
                  <Button
                    key={s.status}
                    ref={(el) => {
                      if (el) buttons.current.set(`${r}:${c}`, el)
                      else buttons.current.delete(`${r}:${c}`)
                    }}
                    size="md"
                    className={classes.statusButton}
                    variant={pressed ? 'filled' : 'default'}
                    color={s.color}
                    aria-pressed={pressed}
                    aria-disabled={locked || undefined}
                    // Mantine's disabled look, kept focusable; the mark itself keeps its colour.
                    data-disabled={(locked && !pressed) || undefined}
                    data-locked={locked || undefined}
                    aria-keyshortcuts={s.key}
                    tabIndex={r === row && c === pos.col ? 0 : -1}
                    onFocus={() => (r !== row || c !== pos.col) && setPos({ row: r, col: c })}
                    onClick={() => onStatus(learner, s.status)}
                  >
                    {t(s.label)}
                  </Button>
                )
              })}
              <Button
                ref={(el) => {
                  if (el) buttons.current.set(`${r}:${STATUS_KEYS.length}`, el)
                  else buttons.current.delete(`${r}:${STATUS_KEYS.length}`)
                }}
                size="md"
                variant="subtle"
                className={classes.noteButton}
                aria-label={t('attendance.noteFor', { learner: learner.name })}
                aria-disabled={locked || undefined}
                data-disabled={locked || undefined}
                data-locked={locked || undefined}
                aria-keyshortcuts="N"
                tabIndex={r === row && pos.col === STATUS_KEYS.length ? 0 : -1}
                onFocus={() => (r !== row || pos.col !== STATUS_KEYS.length) && setPos({ row: r, col: STATUS_KEYS.length })}
                onClick={() => onNote(learner)}
              >
                {t('attendance.note')}
              </Button>
            </div>
          </li>
        ))}
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
