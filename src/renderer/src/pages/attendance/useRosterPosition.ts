// Where the keyboard is in the roster: one learner and one of their buttons, the only button of
// the whole roster in the tab order (roving focus). Positions count across all pages: a move
// past the rows shown asks for the page holding it, and focus goes there once it is shown.
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { STATUS_KEYS } from './statuses'

/** The status buttons, then the note button. */
const COLUMNS = STATUS_KEYS.length + 1

interface RosterPositionOptions {
  /** The position of the first row shown among all the learners listed. */
  first: number
  /** How many rows are shown. */
  shown: number
  /** How many learners are listed on all pages. */
  count: number
  /** The rows shown are not yet the ones asked for. */
  pending: boolean
  /** Changes when a new list replaces the rows: the position goes back to the first learner. */
  listKey: string
  onShowRow?(row: number): void
}

export type RosterPosition = ReturnType<typeof useRosterPosition>

export function useRosterPosition({ first, shown, count, pending, listKey, onShowRow }: RosterPositionOptions) {
  const [pos, setPos] = useState({ row: 0, col: 0 })
  // The position as of the last key, ahead of the render, for keys applied one after another.
  const posRef = useRef(pos)
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const focusWanted = useRef(false)
  const lastShown = first + shown - 1
  // Waiting for a page, the position is the one moved to; otherwise it is on a row shown.
  const row = pending ? pos.row : Math.max(first, Math.min(pos.row, lastShown))

  const place = (next: { row: number; col: number }) => {
    posRef.current = next
    setPos(next)
  }

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

  /** The position as of the last key, on a row shown unless a page is awaited. */
  const current = () => ({ row: pending ? posRef.current.row : Math.max(first, Math.min(posRef.current.row, lastShown)), col: posRef.current.col })

  /** Moves from `from` and focuses there; false when the row is on another page, asked for. */
  const move = (nextRow: number, nextCol: number, from: { row: number; col: number }) => {
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

  const register = (r: number, c: number, el: HTMLButtonElement | null) => {
    if (el) buttons.current.set(`${r}:${c}`, el)
    else buttons.current.delete(`${r}:${c}`)
  }

  return { row, col: pos.col, place, current, move, register }
}
