// A note on one learner of the class (late arrival, left early), kept on this computer.
import { Modal, Textarea } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { RosterLearner } from '../../../../shared/operations/attendance'
import { lms } from '../../api/client'
import { useT } from '../../i18n'
import { errorMessage } from '../../lib/errors'
import { keyHint } from '../grading/shortcuts'
import { FormButtons } from '../../components/FormButtons'

interface NoteModalProps {
  learner: RosterLearner | null
  onClose(): void
  onSaved(enrollmentId: number, note: string | null): void
}

export function NoteModal({ learner, onClose, onSaved }: NoteModalProps) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const t = useT()
  useEffect(() => {
    setText(learner?.note ?? '')
    setError(null)
  }, [learner])

  const save = async () => {
    if (!learner) return
    setBusy(true)
    try {
      const { note } = await lms.call('attendance.note', { enrollmentId: learner.enrollmentId, note: text })
      onSaved(learner.enrollmentId, note)
      onClose()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={learner !== null} onClose={onClose} title={learner ? t('note.titleFor', { learner: learner.name }) : t('note.title')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Textarea
          label={t('note.label')}
          description={t('note.help', { keys: keyHint('acceptNext') })}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault()
              void save()
            }
          }}
          error={error}
          autosize
          minRows={3}
          maxLength={500}
          data-autofocus
        />
        <FormButtons mt="md" submitLabel={t('note.save')} busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  )
}
