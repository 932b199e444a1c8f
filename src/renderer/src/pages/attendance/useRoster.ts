// The open class's roster, changed one learner at a time through the documented
// class/update-class-status, with counts kept in step with every mark. A class that fits in
// one page (ROSTER_PAGE learners) is loaded whole and searched as it is typed, here; a
// bigger one is read a page at a time and searched on the server, with the pages next to the
// one shown read ahead, so the keyboard moves on to the next learner without a wait.
import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ROSTER_PAGE, type RosterLearner } from '../../../../shared/operations/attendance'
import type { OpOutput } from '../../../../shared/operations/index'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { lms } from '../../api/client'
import { errorMessage } from '../../lib/errors'

export type RosterData = OpOutput<'attendance.roster'>

/** One page of the learners matching a search, and how many match. */
interface RosterPage {
  learners: RosterLearner[]
  matching: number
}

const TOTAL_KEY: Record<ClassStatus, keyof RosterData['totals']> = {
  Registered: 'totalRegistered',
  Attended: 'totalAttended',
  'No Show': 'totalNoShow',
  Cancelled: 'totalCancelled',
}

const pageKey = (search: string, page: number) => `${page}\n${search}`
const pageOf = (row: number) => Math.floor(row / ROSTER_PAGE) + 1

/** What the whole-class search matches, as the screen always searched: name or email, any case. */
const matches = (l: RosterLearner, text: string) => l.name.toLowerCase().includes(text) || l.email.toLowerCase().includes(text)

export function useRoster(classId: number | null, search: string) {
  // The class, its counts and sign-off, from the latest answer.
  const [data, setData] = useState<RosterData | null>(null)
  const [pages, setPages] = useState<ReadonlyMap<string, RosterPage>>(new Map())
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [page, setPage] = useState(1)
  const generation = useRef(0)
  const asked = useRef(new Set<string>())
  const dataRef = useRef(data)
  dataRef.current = data
  const pagesRef = useRef(pages)
  pagesRef.current = pages
  // Marks are sent one after another, so two quick marks of one learner arrive in order.
  const queue = useRef<Promise<unknown>>(Promise.resolve())

  const whole = data !== null && data.recordsTotal <= ROSTER_PAGE
  const text = search.trim()
  const [debounced] = useDebouncedValue(text, 250)
  // The server's search, only for a class too big to hold: a whole class is searched here.
  const serverSearch = whole ? '' : debounced
  const serverSearchRef = useRef(serverSearch)
  serverSearchRef.current = serverSearch
  const pageRef = useRef(page)
  pageRef.current = page

  /**
   * Reads one page (once). `head` also takes the class, its counts and sign-off from the
   * answer: only the first read and reloads do, so a page read ahead while marks are on
   * their way never puts older counts back.
   */
  const fetchPage = useCallback(
    async (term: string, number: number, head = false) => {
      if (classId === null) return
      const key = pageKey(term, number)
      if (asked.current.has(key)) return
      asked.current.add(key)
      const request = generation.current
      try {
        const value = await lms.call('attendance.roster', { classId, search: term || undefined, page_number: number, page_size: ROSTER_PAGE })
        if (request !== generation.current) return
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

  /** Forgets every page and reads the one in view again (after a walk-in, mark-all, sign-off). */
  const reload = useCallback(async () => {
    generation.current += 1
    asked.current = new Set()
    const keep = pageKey(serverSearchRef.current, pageRef.current)
    setLoading(true)
    try {
      await fetchPage(serverSearchRef.current, pageRef.current, true)
    } finally {
      setLoading(false)
    }
    // Pages read before this answer are stale; the one just read is kept.
    setPages((p) => new Map([...p].filter(([k]) => k === keep)))
  }, [fetchPage])

  useEffect(() => {
    generation.current += 1
    asked.current = new Set()
    setData(null)
    setPages(new Map())
    setPage(1)
    if (classId === null) return
    setLoading(true)
    void fetchPage('', 1, true).finally(() => setLoading(false))
  }, [classId, fetchPage])

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

  // What the roster shows: the rows, the place of the first among all matches, how many
  // match, and whether the rows are not yet the ones asked for (keys then wait for them).
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

  /** Shows the page holding the row'th match (a keyboard move past the page's end). */
  const showRow = useCallback((row: number) => setPage(pageOf(row)), [])

  /** Applies a status locally at once; the engine's refusal puts it back and is thrown. */
  const setStatus = useCallback(
    async (enrollmentId: number, status: ClassStatus) => {
      if (!dataRef.current || classId === null) return
      const learner = [...pagesRef.current.values()].flatMap((p) => p.learners).find((l) => l.enrollmentId === enrollmentId)
      if (!learner) return
      const previous = learner.status
      // Counts move from whatever the learner shows when the update applies, so quick
      // repeated marks never count twice.
      const apply = (to: ClassStatus) => {
        const from = [...pagesRef.current.values()].flatMap((p) => p.learners).find((l) => l.enrollmentId === enrollmentId)?.status
        if (!from || from === to) return
        const nextPages = new Map([...pagesRef.current].map(([k, p]) => [k, { ...p, learners: p.learners.map((x) => (x.enrollmentId === enrollmentId ? { ...x, status: to } : x)) }]))
        pagesRef.current = nextPages
        setPages(nextPages)
        setData((d) => d && { ...d, totals: { ...d.totals, [TOTAL_KEY[from]]: d.totals[TOTAL_KEY[from]] - 1, [TOTAL_KEY[to]]: d.totals[TOTAL_KEY[to]] + 1 } })
      }
      if (previous === status) return
      apply(status)
      const sent = queue.current.catch(() => undefined).then(() => lms.call('classes.updateStatus', { id: enrollmentId, status, classId }))
      queue.current = sent
      try {
        await sent
      } catch (e) {
        apply(previous)
        throw e
      }
    },
    [classId],
  )

  const setNote = useCallback((enrollmentId: number, note: string | null) => {
    setPages((p) => new Map([...p].map(([k, v]) => [k, { ...v, learners: v.learners.map((l) => (l.enrollmentId === enrollmentId ? { ...l, note } : l)) }])))
  }, [])

  return { data, whole, ...view, serverSearch, page, setPage, showRow, error, loading, reload, setStatus, setNote }
}
