// The open class's roster: a query of the data layer (refetched when its class or learners
// change, here or elsewhere), changed one learner at a time through the documented
// class/update-class-status, shown at once with counts kept in step with every mark.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { OpOutput } from '../../../../shared/operations/index'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { lms } from '../../api/client'
import { useLmsQuery } from '../../data/queries'

export type RosterData = OpOutput<'attendance.roster'>

const TOTAL_KEY: Record<ClassStatus, keyof RosterData['totals']> = {
  Registered: 'totalRegistered',
  Attended: 'totalAttended',
  'No Show': 'totalNoShow',
  Cancelled: 'totalCancelled',
}

export function useRoster(classId: number | null) {
  const roster = useLmsQuery('attendance.roster', { classId: classId ?? 0 }, { enabled: classId !== null })
  // What is shown: the query's answer with the marks made here applied at once.
  const [data, setData] = useState<RosterData | null>(null)
  const dataRef = useRef(data)
  dataRef.current = data
  // Marks are sent one after another, so two quick marks of one learner arrive in order.
  const queue = useRef<Promise<unknown>>(Promise.resolve())
  // While marks are on their way, a refetch is older than what is shown.
  const sending = useRef(0)
  useEffect(() => {
    if (sending.current === 0) setData(roster.data)
  }, [roster.data])

  /** Applies a status locally at once; the engine's refusal puts it back and is thrown. */
  const setStatus = useCallback(
    async (enrollmentId: number, status: ClassStatus) => {
      const current = dataRef.current
      if (!current || classId === null) return
      const learner = current.learners.find((l) => l.enrollmentId === enrollmentId)
      if (!learner) return
      const previous = learner.status
      // Counts move from whatever the learner shows when the update applies, so quick
      // repeated marks never count twice.
      const apply = (to: ClassStatus) =>
        setData((d) => {
          const l = d?.learners.find((x) => x.enrollmentId === enrollmentId)
          if (!d || !l || l.status === to) return d
          const next = {
            ...d,
            learners: d.learners.map((x) => (x.enrollmentId === enrollmentId ? { ...x, status: to } : x)),
            totals: { ...d.totals, [TOTAL_KEY[l.status]]: d.totals[TOTAL_KEY[l.status]] - 1, [TOTAL_KEY[to]]: d.totals[TOTAL_KEY[to]] + 1 },
          }
          dataRef.current = next
          return next
        })
      if (previous === status) return
      apply(status)
      const sent = queue.current.catch(() => undefined).then(() => lms.call('classes.updateStatus', { id: enrollmentId, status, classId }))
      queue.current = sent
      sending.current++
      try {
        await sent
      } catch (e) {
        apply(previous)
        throw e
      } finally {
        sending.current--
      }
    },
    [classId],
  )

  const setNote = useCallback((enrollmentId: number, note: string | null) => {
    setData((d) => d && { ...d, learners: d.learners.map((l) => (l.enrollmentId === enrollmentId ? { ...l, note } : l)) })
  }, [])

  return { data, error: roster.error, loading: roster.loading, reload: roster.reload, setStatus, setNote }
}
