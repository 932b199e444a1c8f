// Reading the roster again (a walk-in; a change the engine tells of): every page is forgotten
// and the one in view read again with the class's head. A mark made while the page is read may
// be missing from the answer, and would be undone on screen: that answer is dropped and the
// page read again once the marks are answered.
import { useCallback, type Dispatch, type RefObject, type SetStateAction } from 'react'
import { pageKey } from './rosterPages'
import type { MarkQueue } from './useMarkQueue'
import type { useRosterReads } from './useRosterReads'

type Reads = Pick<ReturnType<typeof useRosterReads>, 'fetchPage' | 'forget' | 'setPages'>

export function useRosterReload(
  { fetchPage, forget, setPages }: Reads,
  { marksStarted, afterMarks }: MarkQueue,
  /** The server search and page in view, as of now. */
  inView: RefObject<{ term: string; page: number }>,
  setLoading: Dispatch<SetStateAction<boolean>>,
) {
  /** `quiet`: the rows shown stay until the new ones come, without a busy state. */
  const reload = useCallback(
    async (quiet = false) => {
      forget()
      const keep = pageKey(inView.current.term, inView.current.page)
      if (!quiet) setLoading(true)
      const marksBefore = marksStarted.current
      let answered
      try {
        answered = await fetchPage(inView.current.term, inView.current.page, true, () => marksStarted.current !== marksBefore)
      } finally {
        if (!quiet) setLoading(false)
      }
      if (answered === false) {
        afterMarks(() => void reload(true))
        return
      }
      // Pages read before this answer are stale; the one just read is kept.
      setPages((p) => new Map([...p].filter(([k]) => k === keep)))
    },
    [fetchPage, forget, setPages, marksStarted, afterMarks, inView, setLoading],
  )
  return reload
}
