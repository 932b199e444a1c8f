// What the grade form holds: the values typed, the baseline they started from (the current
// grade, or empty) and the draft restored when the submission opened. Values and baseline
// are kept in refs as well as state (useStateRef): callbacks read them at once.
import { useCallback, useRef, useState } from 'react'
import type { GradingDraft } from '../../../../shared/operations/grading'
import { EMPTY_VALUES, sameValues, type GradeValues } from './gradeValues'
import { useStateRef } from './useStateRef'

export function useGradeFields() {
  const [values, valuesRef, setValues] = useStateRef<GradeValues>(EMPTY_VALUES)
  const [baseline, baselineRef, setBaseline] = useStateRef<GradeValues>(EMPTY_VALUES)
  /** The draft restored when the submission opened (shown as "Draft restored"). */
  const [restored, setRestored] = useState<GradingDraft | null>(null)
  /** The user typed since the submission opened: what loads then leaves the values alone. */
  const touched = useRef(false)

  /** Another submission opens: empty until its grade and draft load. */
  const clear = useCallback(() => {
    touched.current = false
    setValues(EMPTY_VALUES)
    setBaseline(EMPTY_VALUES)
    setRestored(null)
  }, [setValues, setBaseline])

  /** Its grade and draft loaded: shown unless the user typed meanwhile. True when the draft is shown. */
  const fill = useCallback(
    (base: GradeValues, draft: GradingDraft | null) => {
      setBaseline(base)
      if (touched.current) return false
      if (draft && !sameValues({ points: draft.points, message: draft.message }, base)) {
        setValues({ points: draft.points, message: draft.message })
        setRestored(draft)
        return true
      }
      setValues(base)
      return false
    },
    [setValues, setBaseline],
  )

  /** The grade reloaded (after a save or an undo): the values follow it if they are still `resetTo`. */
  const follow = useCallback(
    (base: GradeValues, resetTo: GradeValues | undefined) => {
      setBaseline(base)
      if (resetTo && sameValues(valuesRef.current, resetTo)) {
        setValues(base)
        touched.current = false
      }
    },
    [setValues, setBaseline],
  )

  /** A field typed into; answers the values now. */
  const type = useCallback(
    (field: keyof GradeValues, value: string) => {
      touched.current = true
      const next = { ...valuesRef.current, [field]: value }
      setValues(next)
      return next
    },
    [setValues],
  )

  /** What was typed is thrown away: back to the grade. */
  const revert = useCallback(() => {
    touched.current = false
    setValues(baselineRef.current)
    setRestored(null)
  }, [setValues])

  /** What was typed is now the grade. */
  const saved = useCallback(
    (grade: GradeValues) => {
      setRestored(null)
      setBaseline(grade)
    },
    [setBaseline],
  )

  /** The fields as typed so far, including typing not drawn yet (a replay of held keys). */
  const valuesNow = useCallback(() => valuesRef.current, [])

  return { values, baseline, restored, baselineRef, valuesNow, clear, fill, follow, type, revert, saved }
}
