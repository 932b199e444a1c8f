// Which learners are chosen for certificates (ticked on any page, by enrollment; or everyone
// who finished, chosen on the server), and issuing to them in batches that can be stopped.
import { useRef, useState } from 'react'
import type { CertificateCandidate } from '../../../../shared/operations/certificates'
import { useT } from '../../i18n'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import { issueToAllFinished, issueToChosen, type IssueProgress, type IssueResult } from './issuing'

export function useIssueSelection(courseId: number | null, issuable: number) {
  const [chosen, setChosen] = useState<Map<number, CertificateCandidate>>(new Map())
  const [allFinished, setAllFinished] = useState(false)
  const [progress, setProgress] = useState<IssueProgress | null>(null)
  const [busy, setBusy] = useState(false)
  const stop = useRef(false)
  const t = useT()

  const chosenIssuable = [...chosen.values()].filter((l) => l.status === 'Completed' && l.certificateId === null)
  const chosenHolders = [...chosen.values()].filter((l) => l.certificateId !== null)
  const toIssue = allFinished ? issuable : chosenIssuable.length

  const clearSelection = () => {
    setChosen(new Map())
    setAllFinished(false)
  }
  const toggle = (l: CertificateCandidate, on: boolean) =>
    setChosen((s) => {
      const next = new Map(s)
      if (on) next.set(l.enrollmentId, l)
      else next.delete(l.enrollmentId)
      return next
    })

  async function issue() {
    if (courseId === null || toIssue === 0) return
    setBusy(true)
    stop.current = false
    const run = { onProgress: setProgress, shouldStop: () => stop.current }
    let result: IssueResult = { issued: 0, skipped: [], stopped: false }
    try {
      result = allFinished ? await issueToAllFinished(courseId, issuable, run) : await issueToChosen(courseId, chosenIssuable.map((l) => l.enrollmentId), run)
      if (result.issued) notifySuccess(t(result.stopped ? 'certs.issue.issuedStopped' : 'certs.issue.issued', { count: result.issued }))
      else if (result.stopped) notifyWarning(t('certs.issue.stoppedNone'))
      if (result.skipped.length) notifyWarning(result.skipped.join(' '), t('certs.issue.skipped'))
    } catch (e) {
      notifyError(e, result.issued ? t('certs.issue.failedAfter', { count: result.issued }) : t('certs.issue.noneIssued'))
    } finally {
      setBusy(false)
      clearSelection()
    }
  }

  return {
    chosen,
    allFinished,
    selectAllFinished: () => setAllFinished(true),
    chosenHolders,
    toIssue,
    toggle,
    clearSelection,
    progress,
    clearProgress: () => setProgress(null),
    busy,
    issue,
    stop: () => {
      stop.current = true
    },
  }
}

export type IssueSelection = ReturnType<typeof useIssueSelection>
