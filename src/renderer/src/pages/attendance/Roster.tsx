// The roster of the open class: one row per learner with four large status buttons and
// a note button. Keyboard: Up/Down move between learners, Left/Right between buttons,
// 1-4 set a status (and move to the next learner), N opens the note, / goes to search.
// One button of the whole roster is in the tab order (roving focus). Signed off, the
// buttons look and are disabled (they keep focus, so the keys still answer with why).
// A class too big for one page shows a page of it: positions count across all pages, a
// move past the page's end asks for the next page, and keys typed until it is shown wait
// and then apply to it in order, so a mark always lands on the learner it was typed for.
import { Badge, Button, Group, Kbd, Text } from '@mantine/core'
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ClassStatus, ClassTotals } from '../../../../shared/operations/classes'
import type { RosterLearner } from '../../../../shared/operations/attendance'
import { isRtl } from '../../../../shared/i18n/locales'
import { useLocale, useT } from '../../i18n'
import classes from './Attendance.module.css'
import { STATUS_KEYS, statusForKey } from './statuses'

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

const COLUMNS = STATUS_KEYS.length + 1

/** The keys the roster answers besides the status digits. */
const KEYS = new Set(['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft', 'Home', 'End', 'PageDown', 'PageUp', 'n', 'N', '/'])

export const LOCK_REASON_ID = 'roster-locked-reason'

export function Roster({ learners, first = 0, count = learners.length, pending = false, listKey = '', onShowRow, lockedReason, onStatus, onNote, onSearchKey }: RosterProps) {
  const locked = lockedReason !== null
  const [pos, setPos] = useState({ row: 0, col: 0 })
  // The position as of the last key, ahead of the render, for keys applied one after another.
  const posRef = useRef(pos)
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const focusWanted = useRef(false)
  const held = useRef<string[]>([])
  const lastShown = first + learners.length - 1
  // Waiting for a page, the position is the one moved to; otherwise it is on a row shown.
  const row = pending ? pos.row : Math.max(first, Math.min(pos.row, lastShown))

  const place = (next: { row: number; col: number }) => {
    posRef.current = next
    setPos(next)
  }
  const t = useT()
  // Right-to-left, the buttons run from the right: the arrow keys follow what is seen.
  const forward = isRtl(useLocale()) ? -1 : 1

  // A new list (a server search) starts at its first learner; focus in the roster goes there.
  const listed = useRef(listKey)
  useEffect(() => {
    if (listed.current === listKey) return
    listed.current = listKey
    if ([...buttons.current.values()].some((b) => b === document.activeElement)) focusWanted.current = true
    place({ row: 0, col: posRef.current.col })
  }, [listKey])

  // Layout effects: a page that arrives takes focus before the next key can be dispatched.
  useLayoutEffect(() => {
    if (!focusWanted.current || pending) return
    focusWanted.current = false
    buttons.current.get(`${row}:${pos.col}`)?.focus()
  }, [row, pos.col, pending])

  const move = (nextRow: number, nextCol: number, from = { row, col: pos.col }) => {
    const r = Math.max(0, Math.min(count - 1, nextRow))
    const c = Math.max(0, Math.min(COLUMNS - 1, nextCol))
    focusWanted.current = true
    place({ row: r, col: c })
    if (r < first || r > lastShown) {
      onShowRow?.(r)
      return false
    }
    // Same position: the effect would not run again, so focus here.
    if (r === from.row && c === from.col) buttons.current.get(`${r}:${c}`)?.focus()
    return true
  }

  /** Acts on one key at the current position; false once it has moved off the rows shown. */
  const act = (key: string): boolean => {
    const at = { row: pending ? posRef.current.row : Math.max(first, Math.min(posRef.current.row, lastShown)), col: posRef.current.col }
    const learner = learners[at.row - first]
    const status = statusForKey(key)
    if (status && learner) {
      onStatus(learner, status)
      return locked || move(at.row + 1, at.col, at)
    }
    const moves: Record<string, () => boolean | void> = {
      ArrowDown: () => move(at.row + 1, at.col, at),
      ArrowUp: () => move(at.row - 1, at.col, at),
      ArrowRight: () => move(at.row, at.col + forward, at),
      ArrowLeft: () => move(at.row, at.col - forward, at),
      Home: () => move(0, at.col, at),
      End: () => move(count - 1, at.col, at),
      PageDown: () => move(at.row + 10, at.col, at),
      PageUp: () => move(at.row - 10, at.col, at),
      n: () => learner && onNote(learner),
      N: () => learner && onNote(learner),
      '/': onSearchKey,
    }
    return moves[key]?.() !== false
  }

  const handles = (key: string) => statusForKey(key) !== undefined || KEYS.has(key)

  // Keys typed while a page was coming apply to it now, in order, until one moves off it.
  useLayoutEffect(() => {
    if (pending) return
    while (held.current.length) {
      const key = held.current.shift()!
      if (!act(key)) break
    }
  })

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || !handles(event.key)) return
    event.preventDefault()
    if (pending || held.current.length) held.current.push(event.key)
    else act(event.key)
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
        {learners.map((learner, i) => {
          const r = first + i
          return (
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
                      onFocus={() => (r !== row || c !== pos.col) && place({ row: r, col: c })}
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
                  onFocus={() => (r !== row || pos.col !== STATUS_KEYS.length) && place({ row: r, col: STATUS_KEYS.length })}
                  onClick={() => onNote(learner)}
                >
                  {t('attendance.note')}
                </Button>
              </div>
            </li>
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
