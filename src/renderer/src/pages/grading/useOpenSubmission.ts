// Opening a submission and the grading screen's two views (on narrow screens the list and
// the open submission are shown one at a time). Keys typed from the moment a row is opened
// until it is shown are held for it (useTypeAhead), so `open` tells the type-ahead first and
// moves the focus to the points field at once. The focus requests are effects, run in the
// page's order after useTypeAhead's own: call this where they stood.
import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { useT } from '../../i18n'
import type { Leaving } from './useLeaveDraft'
import type { GradingSubmission } from './useGradingSubmission'
import { heldKeysText, type TypeAhead } from './useTypeAhead'

export interface OpenOptions {
  focusPoints?: boolean
}

interface OpenSubmissionOptions {
  current: SubmissionRecord | null
  setCurrent: Dispatch<SetStateAction<SubmissionRecord | null>>
  sub: GradingSubmission
  setLeaving(leaving: Leaving): void
  typeAhead: TypeAhead
  announce(text: string): void
  resetErrors(): void
  pointsRef: RefObject<HTMLInputElement | null>
}

export function useOpenSubmission({ current, setCurrent, sub, setLeaving, typeAhead, announce, resetErrors, pointsRef }: OpenSubmissionOptions) {
  const [view, setView] = useState<'list' | 'panel'>('list')
  const [focusPoints, setFocusPoints] = useState(0)
  const [focusList, setFocusList] = useState(0)
  const listEl = useRef<HTMLDivElement | null>(null)
  const t = useT()

  useEffect(() => {
    if (!focusPoints) return
    pointsRef.current?.focus()
    pointsRef.current?.select()
  }, [focusPoints, pointsRef])
  useEffect(() => {
    if (focusList) listEl.current?.focus()
  }, [focusList])

  // Opening a row: no questions asked (callers check for a dirty draft first). Keys typed
  // from here until it is shown are held for it.
  const open = useCallback(
    (row: SubmissionRecord, options: OpenOptions = {}) => {
      resetErrors()
      typeAhead.resume()
      typeAhead.awaitRow(row.status_row_id)
      setCurrent(row)
      setView('panel')
      if (options.focusPoints) {
        // At once, not after the next render: keys typed from now on are for its points.
        pointsRef.current?.focus()
        setFocusPoints((n) => n + 1)
      }
    },
    [resetErrors, typeAhead, setCurrent, pointsRef],
  )

  const requestOpen = (row: SubmissionRecord, options: OpenOptions = {}) => {
    if (current && row.status_row_id === current.status_row_id) {
      setView('panel')
      if (options.focusPoints) setFocusPoints((n) => n + 1)
      return
    }
    if (sub.dirty) {
      setLeaving({ kind: 'row', row, focusPoints: Boolean(options.focusPoints) })
      return
    }
    // Keys held for the submission the trainer has just moved away from are not for this one.
    const dropped = typeAhead.drop()
    if (dropped.length) announce(t('grading.keysDropped', { keys: heldKeysText(dropped) }))
    open(row, options)
  }

  const toList = () => {
    setView('list')
    setFocusList((n) => n + 1)
  }

  const setListEl = useCallback((el: HTMLDivElement | null) => {
    listEl.current = el
  }, [])

  return { view, setView, open, requestOpen, toList, setListEl }
}
