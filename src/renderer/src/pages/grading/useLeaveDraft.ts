// Leaving a submission (for another row) or the page with a draft that differs from the
// saved grade: the dialog's state and what each choice does (save, keep, discard, stay).
import { useCallback, useState, type RefObject } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import type { LeaveChoice } from './LeaveDraftDialog'
import { useLeaveGuards } from './useLeaveGuards'
import type { GradingSubmission } from './useGradingSubmission'

export type Leaving = { kind: 'row'; row: SubmissionRecord; focusPoints: boolean } | { kind: 'page'; proceed(): void }

export interface LeaveActions {
  /** Saves the typed grade as accepted; false when it was refused. */
  save(): Promise<boolean>
  open(row: SubmissionRecord, options: { focusPoints?: boolean }): void
}

export function useLeaveDraft(sub: RefObject<GradingSubmission>) {
  const [leaving, setLeaving] = useState<Leaving | null>(null)
  const [busy, setBusy] = useState(false)
  const askToLeave = useCallback((proceed: () => void) => setLeaving({ kind: 'page', proceed }), [])
  useLeaveGuards(sub, askToLeave)

  const choose = async (choice: LeaveChoice, actions: LeaveActions) => {
    const target = leaving
    if (!target) return
    if (choice === 'cancel') {
      setLeaving(null)
      return
    }
    setBusy(true)
    try {
      if (choice === 'save' && !(await actions.save())) {
        setLeaving(null)
        return
      }
      if (choice === 'discard') await sub.current.discardDraft()
      if (choice === 'keep') sub.current.flushDraft()
    } finally {
      setBusy(false)
    }
    setLeaving(null)
    if (target.kind === 'row') actions.open(target.row, { focusPoints: target.focusPoints })
    else target.proceed()
  }

  return { leaving, setLeaving, busy, choose }
}
