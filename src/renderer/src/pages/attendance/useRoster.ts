// The open class's roster: loaded in one call, changed one learner at a time through the
// documented class/update-class-status, with counts kept in step with every mark.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { OpOutput } from '../../../../shared/operations/index'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { lms } from '../../api/client'
import { errorMessage } from '../../lib/errors'

export type RosterData = OpOutput<'attendance.roster'>

const TOTAL_KEY: Record<ClassStatus, keyof RosterData['totals']> = {
  Registered: 'totalRegistered',
  Attended: 'totalAttended',
  'No Show': 'totalNoShow',
  Cancelled: 'totalCancelled',
}

export function useRoster(classId: number | null) {
  const [data, setData] = useState<RosterData | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const latest = useRef(0)
  const dataRef = useRef(data)
  dataRef.current = data
  // Marks are sent one after another, so two quick marks of one learner arrive in order.
  const queue = useRef<Promise<unknown>>(Promise.resolve())

  const reload = useCallback(async () => {
    if (classId === null) return
    const request = ++latest.current
    setLoading(true)
    try {
      const value = await lms.call('attendance.roster', { classId })
      if (request === latest.current) {
        setData(value)
        setError(null)
      }
    } catch (e) {
      if (request === latest.current) setError(errorMessage(e))
    } finally {
      if (request === latest.current) setLoading(false)
    }
  }, [classId])

  useEffect(() => {
    setData(null)
    void reload()
  }, [reload])

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
    setData((d) => d && { ...d, learners: d.learners.map((l) => (l.enrollmentId === enrollmentId ? { ...l, note } : l)) })
  }, [])

  return { data, error, loading, reload, setStatus, setNote }
}
