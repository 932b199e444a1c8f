// Marking a learner or opening their note; a signed-off class says why it cannot be changed.
import { useState } from 'react'
import type { RosterLearner } from '../../../../shared/operations/attendance'
import type { ClassStatus } from '../../../../shared/operations/classes'
import { useT } from '../../i18n'
import { notifyError, notifyWarning } from '../../lib/notify'
import type { useRoster } from './useRoster'

export function useMarking(roster: ReturnType<typeof useRoster>, signedOff: { by: string; at: string } | null) {
  const [noteFor, setNoteFor] = useState<RosterLearner | null>(null)
  const t = useT()
  const locked = Boolean(roster.data?.signedOff)

  const lockedNotice = () => signedOff && notifyWarning(t('attendance.lockedNotice', signedOff), t('attendance.lockedTitle'))

  const onStatus = (learner: RosterLearner, status: ClassStatus) => {
    if (locked) return lockedNotice()
    roster.setStatus(learner.enrollmentId, status).catch((e: unknown) => notifyError(e, t('attendance.notMarked', { learner: learner.name })))
  }

  const onNote = (learner: RosterLearner) => (locked ? lockedNotice() : setNoteFor(learner))

  return { noteFor, closeNote: () => setNoteFor(null), onStatus, onNote }
}
