// Confirming an import's undo: the batch is undone while the dialog stays open, then the
// outcome is announced (kept users make it an error notice).
import { useState } from 'react'
import type { UndoResult } from '../../../../shared/operations/import'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useT } from '../../i18n'
import { notifyError, notifySuccess } from '../../lib/notify'
import { undoMessage } from './ImportRun'

interface UndoImportDialogProps {
  batchId: number | null
  onUndone(batchId: number, answer: UndoResult): void
  onClose(): void
}

export function UndoImportDialog({ batchId, onUndone, onClose }: UndoImportDialogProps) {
  const [undoing, setUndoing] = useState(false)
  const t = useT()

  const confirmUndo = async () => {
    if (batchId === null) return
    setUndoing(true)
    try {
      const answer = await lms.call('import.undo', { batchId })
      onUndone(batchId, answer)
      ;(answer.refused.length ? notifyError : notifySuccess)(undoMessage(answer), t('import.undone', { id: String(batchId) }))
      onClose()
    } catch (error) {
      notifyError(error, t('import.undoFailed'))
    } finally {
      setUndoing(false)
    }
  }

  return (
    <ConfirmDialog
      opened={batchId !== null}
      title={t('import.undoConfirmTitle', { id: String(batchId ?? '') })}
      confirmLabel={t('import.undoConfirm')}
      busy={undoing}
      onConfirm={() => void confirmUndo()}
      onClose={onClose}
    >
      {t('import.undoConfirmBody')}
    </ConfirmDialog>
  )
}
