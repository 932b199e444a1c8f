// Importing the checked file: the job with its progress and cancel, what it answered (the
// result panel takes focus), and what an undo of that same import answered.
import { useEffect, useRef, useState } from 'react'
import type { OpInput } from '../../../../shared/operations/index'
import type { CommitResult, ImportProgress, UndoResult } from '../../../../shared/operations/import'
import { lms } from '../../api/client'
import { useT } from '../../i18n'
import { notifyError, notifySuccess } from '../../lib/notify'

export type ImportRequest = Omit<OpInput<'import.commit'>, 'jobId'>

/** `onImported`: the page's part once the import answered (before the notice). */
export function useImportRun(onImported: () => void) {
  const [running, setRunning] = useState<{ jobId: string; progress: ImportProgress | null } | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [result, setResult] = useState<CommitResult | null>(null)
  const [undo, setUndo] = useState<UndoResult | null>(null)
  const t = useT()
  const resultRef = useRef<HTMLDivElement>(null)

  const start = async (request: ImportRequest) => {
    const jobId = crypto.randomUUID()
    setRunning({ jobId, progress: null })
    setCancelling(false)
    try {
      const answer = await lms.call('import.commit', { ...request, jobId }, { onProgress: (progress) => setRunning({ jobId, progress }) })
      setResult(answer)
      setUndo(null)
      onImported()
      notifySuccess(
        t('import.countsShort', { created: answer.created, updated: answer.updated, skipped: answer.skipped, failed: answer.failed }),
        answer.cancelled ? t('import.cancelled') : t('import.finished'),
      )
    } catch (error) {
      notifyError(error, t('import.failed'))
    } finally {
      setRunning(null)
    }
  }

  useEffect(() => {
    if (result) resultRef.current?.querySelector<HTMLElement>('h2')?.focus()
  }, [result])

  const cancel = async () => {
    if (!running) return
    setCancelling(true)
    try {
      await lms.call('import.cancel', { jobId: running.jobId })
    } catch (error) {
      notifyError(error, t('import.cancelFailed'))
    }
  }

  /** Another file: the last import's result and undo leave the screen. */
  const clear = () => {
    setResult(null)
    setUndo(null)
  }

  /** An undo answered: the result panel says it when it undid the import shown there. */
  const undone = (batchId: number, answer: UndoResult) => {
    if (result?.batchId === batchId) setUndo(answer)
  }

  return { running, cancelling, result, undo, resultRef, start, cancel, clear, undone }
}
