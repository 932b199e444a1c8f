// The open class's roster, changed one learner at a time through the documented
// class/update-class-status, with counts kept in step with every mark. A class that fits in
// one page (ROSTER_PAGE learners) is loaded whole and searched as it is typed, here; a
// bigger one is read a page at a time and searched on the server, with the pages next to the
// one shown read ahead, so the keyboard moves on to the next learner without a wait. The
// pages are kept here, outside the query cache (useRosterReads): when the engine says the
// class or its learners changed (here or in another window), the page in view is read again
// (useRosterReload), after the marks on their way (useMarkQueue).
import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ROSTER_PAGE } from '../../../../shared/operations/attendance'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { lms } from '../../api/client'
import { useEntityChanges } from '../../data/queries'
import { learnerIn, pageKey, pageOf } from './rosterPages'
import { useMarkQueue } from './useMarkQueue'
import { useRosterReads } from './useRosterReads'
import { useRosterReload } from './useRosterReload'
import { useRosterView } from './useRosterView'

export type { RosterData } from './useRosterReads'

export function useRoster(classId: number | null, search: string) {
  const reads = useRosterReads(classId)
  const { data, setData, dataRef, pages, setPages, pagesRef, error, fetchPage, forget, showStatus, setNote } = reads
  const [loading, setLoading] = useState(false)
  const [page, setPage] = useState(1)
  const marks = useMarkQueue()

  const whole = data !== null && data.recordsTotal <= ROSTER_PAGE
  const text = search.trim()
  const [debounced] = useDebouncedValue(text, 250)
  // The server's search, only for a class too big to hold: a whole class is searched here.
  const serverSearch = whole ? '' : debounced
  const inView = useRef({ term: serverSearch, page })
  inView.current = { term: serverSearch, page }
  const reload = useRosterReload(reads, marks, inView, setLoading)

  useEffect(() => {
    forget()
    setData(null)
    setPages(new Map())
    setPage(1)
    if (classId === null) return
    setLoading(true)
    void fetchPage('', 1, true).finally(() => setLoading(false))
  }, [classId, fetchPage, forget, setData, setPages])

  // A new server search starts at its first page.
  useEffect(() => setPage(1), [serverSearch])

  // The page in view, then the pages on either side of it.
  const current = pages.get(pageKey(serverSearch, page))
  useEffect(() => {
    if (data === null || whole) return
    void fetchPage(serverSearch, page)
    if (!current) return
    const last = pageOf(Math.max(0, current.matching - 1))
    if (page < last) void fetchPage(serverSearch, page + 1)
    if (page > 1) void fetchPage(serverSearch, page - 1)
  }, [data, whole, serverSearch, page, current, fetchPage])

  const view = useRosterView({ whole, pages, text, debounced, current, page })

  useEntityChanges('attendance.roster', () => {
    if (classId === null) return
    marks.afterMarks(() => void reload(true))
  })

  /** Shows the page holding the row'th match (a keyboard move past the page's end). */
  const showRow = useCallback((row: number) => setPage(pageOf(row)), [])

  /** Applies a status locally at once; the engine's refusal puts it back and is thrown. */
  const setStatus = useCallback(
    async (enrollmentId: number, status: ClassStatus) => {
      if (!dataRef.current || classId === null) return
      const previous = learnerIn(pagesRef.current, enrollmentId)?.status
      if (!previous || previous === status) return
      showStatus(enrollmentId, status)
      await marks.send(() => lms.call('classes.updateStatus', { id: enrollmentId, status, classId }), () => showStatus(enrollmentId, previous), () => void reload(true))
    },
    [classId, reload, dataRef, pagesRef, showStatus, marks.send],
  )

  return { data, whole, ...view, serverSearch, page, setPage, showRow, error, loading, reload: () => void reload(), setStatus, setNote }
}
