// One learner of the roster: name, email and note, four large status buttons and a note
// button. Signed off, the buttons look and are disabled (they keep focus, so the keys still
// answer with why); the mark itself keeps its colour.
import { Button, Text } from '@mantine/core'
import type { ClassStatus } from '../../../../shared/operations/classes'
import type { RosterLearner } from '../../../../shared/operations/attendance'
import { useT } from '../../i18n'
import classes from './Attendance.module.css'
import { STATUS_KEYS } from './statuses'

export const LOCK_REASON_ID = 'roster-locked-reason'

/** The note button's column, after the status buttons. */
const NOTE_COL = STATUS_KEYS.length

interface RosterRowProps {
  learner: RosterLearner
  /** The column of the button in the tab order when the keyboard is on this row, else null. */
  activeCol: number | null
  locked: boolean
  register(col: number, el: HTMLButtonElement | null): void
  /** A button other than the active one took focus (a click or a tab). */
  onFocusButton(col: number): void
  onStatus(learner: RosterLearner, status: ClassStatus): void
  onNote(learner: RosterLearner): void
}

export function RosterRow({ learner, activeCol, locked, register, onFocusButton, onStatus, onNote }: RosterRowProps) {
  const t = useT()
  return (
    <li className={classes.row} data-status={learner.status} data-testid="roster-row">
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
                register(c, el)
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
              tabIndex={c === activeCol ? 0 : -1}
              onFocus={() => c !== activeCol && onFocusButton(c)}
              onClick={() => onStatus(learner, s.status)}
            >
              {t(s.label)}
            </Button>
          )
        })}
        <Button
          ref={(el) => {
            register(NOTE_COL, el)
          }}
          size="md"
          variant="subtle"
          className={classes.noteButton}
          aria-label={t('attendance.noteFor', { learner: learner.name })}
          aria-disabled={locked || undefined}
          data-disabled={locked || undefined}
          data-locked={locked || undefined}
          aria-keyshortcuts="N"
          tabIndex={activeCol === NOTE_COL ? 0 : -1}
          onFocus={() => activeCol !== NOTE_COL && onFocusButton(NOTE_COL)}
          onClick={() => onNote(learner)}
        >
          {t('attendance.note')}
        </Button>
      </div>
    </li>
  )
}
