// The walk-in dialog: whether it is open, and what follows an addition: a notice, and the
// roster and the picker's "marked" figures asked for at once (they also follow the engine's
// `changed` events).
import { useState } from 'react'
import { useT } from '../../i18n'
import { notifySuccess } from '../../lib/notify'
import type { ArrivalStatus } from './ArrivalStatusChoice'
import { statusLabel } from './statuses'

export function useWalkIn(refresh: () => void) {
  const [opened, setOpened] = useState(false)
  const t = useT()

  const added = (name: string, status: ArrivalStatus) => {
    setOpened(false)
    notifySuccess(t('attendance.walkInAdded', { learner: name, status: t(statusLabel(status)) }))
    refresh()
  }

  return { opened, open: () => setOpened(true), close: () => setOpened(false), added }
}
