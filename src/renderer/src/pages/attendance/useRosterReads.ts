// The roster as read through attendance.roster: the class's head (the class, its counts and
// sign-off) and the pages read, each asked for once. A new generation (a reload, another
// class) drops the answers to reads made before it. Marks and notes show on them at once.
import { useCallback, useRef, useState } from 'react'
import { ROSTER_PAGE } from '../../../../shared/operations/attendance'
import type { OpOutput } from '../../../../shared/operations/index'
import { lms } from '../../api/client'
import { errorMessage } from '../../lib/errors'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { learnerIn, movedTotals, pageKey, withLearner, type RosterPages } from './rosterPages'

export type RosterData = OpOutput<'attendance.roster'>

export function useRosterReads(classId: number | null) {
  // The class, its counts and sign-off, from the latest answer.
  const [data, setData] = useState<RosterData | null>(null)
  const [pages, setPages] = useState<RosterPages>(new Map())
  const [error, setError] = useState<string | null>(null)
  const generation = useRef(0)
  const asked = useRef(new Set<string>())
  const dataRef = useRef(data)
  dataRef.current = data
  const pagesRef = useRef(pages)
  pagesRef.current = pages

  /**
   * Reads one page (once). `head` also takes the class, its counts and sign-off from the
   * answer: only the first read and reloads do, so a page read ahead while marks are on
   * their way never puts older counts back. An answer `outdated` says is dropped (false).
   */
  const fetchPage = useCallback(
    async (term: string, number: number, head = false, outdated?: () => boolean) => {
      if (classId === null) return
      const key = pageKey(term, number)
      if (asked.current.has(key)) return
      asked.current.add(key)
      const request = generation.current
      try {
        const value = await lms.call('attendance.roster', { classId, search: term || undefined, page_number: number, page_size: ROSTER_PAGE })
        if (request !== generation.current) return
        if (outdated?.()) {
          asked.current.delete(key)
          return false
        }
        setPages((p) => new Map(p).set(key, { learners: value.learners, matching: value.recordsFiltered }))
        if (head) setData(value)
        setError(null)
      } catch (e) {
        asked.current.delete(key)
        if (request === generation.current) setError(errorMessage(e))
      }
    },
    [classId],
  )

  /** Answers on their way are dropped, and every page may be read again. */
  const forget = useCallback(() => {
    generation.current += 1
    asked.current = new Set()
  }, [])

  /**
   * Shows a learner's status at once. Counts move from whatever the learner shows when this
   * applies, so quick repeated marks never count twice.
   */
  const showStatus = useCallback((enrollmentId: number, to: ClassStatus) => {
    const from = learnerIn(pagesRef.current, enrollmentId)?.status
    if (!from || from === to) return
    const nextPages = withLearner(pagesRef.current, enrollmentId, (l) => ({ ...l, status: to }))
    pagesRef.current = nextPages
    setPages(nextPages)
    setData((d) => d && { ...d, totals: movedTotals(d.totals, from, to) })
  }, [])

  const setNote = useCallback((enrollmentId: number, note: string | null) => {
    setPages((p) => withLearner(p, enrollmentId, (l) => ({ ...l, note })))
  }, [])

  return { data, setData, dataRef, pages, setPages, pagesRef, error, fetchPage, forget, showStatus, setNote }
}
