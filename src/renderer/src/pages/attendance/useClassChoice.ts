// Which class the Attendance screen has open, and the class list it is chosen from. The
// choice and the list's filters live in the hash (#/attendance?class=1&location=2); without
// a choice, the first of today's (or upcoming) classes opens.
import { useEffect, useState } from 'react'
import { CLASSES_SHOWN } from '../../../../shared/operations/attendance'
import { useLmsQuery } from '../../data/queries'
import { replaceHashQuery, useNavigation } from '../../state/navigation'

interface ClassQuery {
  classId: number | null
  locationId: number | null
  courseId: number | null
}

function readQuery(query: string): ClassQuery {
  const params = new URLSearchParams(query)
  const num = (key: string) => {
    const v = Number(params.get(key))
    return Number.isInteger(v) && v > 0 ? v : null
  }
  return { classId: num('class'), locationId: num('location'), courseId: num('course') }
}

function writeQuery(q: ClassQuery) {
  const params = new URLSearchParams()
  if (q.classId) params.set('class', String(q.classId))
  if (q.locationId) params.set('location', String(q.locationId))
  if (q.courseId) params.set('course', String(q.courseId))
  replaceHashQuery(params.toString())
}

export function useClassChoice() {
  const query = useNavigation((s) => s.route.query)
  const { classId: chosen, locationId, courseId } = readQuery(query)
  // How many classes of each kind the list shows; "Show more" raises them (the list shown
  // stays while the longer one loads, not when the filters change).
  const [limits, setLimits] = useState<{ current: number; past: number }>(CLASSES_SHOWN)
  useEffect(() => setLimits(CLASSES_SHOWN), [locationId, courseId])
  const picker = useLmsQuery('attendance.classes', { locationId, courseId, currentLimit: limits.current, pastLimit: limits.past }, { keepPreviousOf: `${locationId}:${courseId}` })
  const classId = chosen ?? picker.data?.classes.find((c) => c.when !== 'past')?.id ?? null

  return {
    picker,
    classId,
    locationId,
    courseId,
    showMore: (when: 'current' | 'past') => setLimits((l) => ({ ...l, [when]: l[when] + CLASSES_SHOWN[when] })),
    filter: (f: { locationId: number | null; courseId: number | null }) => writeQuery({ classId: null, ...f }),
    choose: (id: number) => writeQuery({ classId: id, locationId, courseId }),
  }
}

export type ClassChoice = ReturnType<typeof useClassChoice>
