// The roster's keys: Up/Down move between learners, Left/Right between buttons (as they are
// seen, right to left too), Home/End, PageUp/PageDown by ten, 1-4 set a status (and move to the
// next learner), N opens the note, / goes to search. Keys typed while a page is coming wait,
// then apply to it in order until one moves off it, so a mark lands on the learner it was typed for.
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import type { RosterLearner } from '../../../../shared/operations/attendance'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { isRtl } from '../../../../shared/i18n/locales'
import { useLocale } from '../../i18n'
import { statusForKey } from './statuses'
import type { RosterPosition } from './useRosterPosition'

/** The keys the roster answers besides the status digits. */
const KEYS = new Set(['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft', 'Home', 'End', 'PageDown', 'PageUp', 'n', 'N', '/'])

const handles = (key: string) => statusForKey(key) !== undefined || KEYS.has(key)

interface RosterKeysOptions {
  learners: RosterLearner[]
  first: number
  count: number
  pending: boolean
  locked: boolean
  position: RosterPosition
  onStatus(learner: RosterLearner, status: ClassStatus): void
  onNote(learner: RosterLearner): void
  onSearchKey(): void
}

export function useRosterKeys({ learners, first, count, pending, locked, position, onStatus, onNote, onSearchKey }: RosterKeysOptions) {
  const held = useRef<string[]>([])
  // Right-to-left, the buttons run from the right: the arrow keys follow what is seen.
  const forward = isRtl(useLocale()) ? -1 : 1
  const { move } = position

  /** Acts on one key at the current position; false once it has moved off the rows shown. */
  const act = (key: string): boolean => {
    const at = position.current()
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

  // Keys typed while a page was coming apply to it now, in order, until one moves off it.
  useLayoutEffect(() => {
    if (pending) return
    while (held.current.length) {
      const key = held.current.shift()!
      if (!act(key)) break
    }
  })

  return (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || !handles(event.key)) return
    event.preventDefault()
    if (pending || held.current.length) held.current.push(event.key)
    else act(event.key)
  }
}
