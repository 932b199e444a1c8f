// What the roster shows: the rows, the place of the first among all matches, how many match,
// and whether the rows are not yet the ones asked for (keys then wait for them). A whole class
// is searched here; a bigger one shows the page in view, or the rows shown last until it comes.
import { useMemo, useRef } from 'react'
import { ROSTER_PAGE, type RosterLearner } from '../../../../shared/operations/attendance'
import { matches, pageKey, type RosterPage, type RosterPages } from './rosterPages'

interface RosterViewOptions {
  /** The class fits in one page, read whole. */
  whole: boolean
  pages: RosterPages
  /** The search as typed (trimmed), and as it has settled. */
  text: string
  debounced: string
  /** The page in view, when it has been read. */
  current: RosterPage | undefined
  page: number
}

export function useRosterView({ whole, pages, text, debounced, current, page }: RosterViewOptions) {
  const shownRef = useRef<{ learners: RosterLearner[]; first: number; count: number }>({ learners: [], first: 0, count: 0 })
  const view = useMemo(() => {
    if (whole) {
      const all = pages.get(pageKey('', 1))?.learners ?? []
      const lower = text.toLowerCase()
      const learners = lower ? all.filter((l) => matches(l, lower)) : all
      return { learners, first: 0, count: learners.length, pending: false }
    }
    if (current) return { learners: current.learners, first: (page - 1) * ROSTER_PAGE, count: current.matching, pending: debounced !== text }
    return { ...shownRef.current, pending: true }
  }, [whole, pages, text, current, page, debounced])
  if (!view.pending) shownRef.current = view
  return view
}
