// Walk-ins, all offline: add a user who exists to the class (useWalkInSearch, WalkInSearch),
// or create the user and enroll them in one step (useNewWalkIn, NewWalkInForm). They are in
// the room, so they arrive marked Attended unless the trainer chooses Registered. Queued for
// sync like any other change.
import { Modal, Tabs } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useT } from '../../i18n'
import { ArrivalStatusChoice, type ArrivalStatus } from './ArrivalStatusChoice'
import { NewWalkInForm } from './NewWalkInForm'
import { useNewWalkIn } from './useNewWalkIn'
import { useWalkInSearch } from './useWalkInSearch'
import { WalkInSearch } from './WalkInSearch'

interface WalkInModalProps {
  opened: boolean
  classId: number
  onClose(): void
  onAdded(name: string, status: ArrivalStatus): void
}

export function WalkInModal({ opened, classId, onClose, onAdded }: WalkInModalProps) {
  const [tab, setTab] = useState<string | null>('existing')
  const [status, setStatus] = useState<ArrivalStatus>('Attended')
  const search = useWalkInSearch(opened, classId, status, onAdded)
  const newWalkIn = useNewWalkIn(classId, status, onAdded)
  const t = useT()

  useEffect(() => {
    if (!opened) return
    setTab('existing')
    setStatus('Attended')
    search.reset()
    newWalkIn.reset()
  }, [opened])

  return (
    <Modal opened={opened} onClose={onClose} title={t('walkIn.title')} centered size="lg">
      <ArrivalStatusChoice value={status} onChange={setStatus} />
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="existing">{t('walkIn.existing')}</Tabs.Tab>
          <Tabs.Tab value="new">{t('walkIn.new')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="existing" pt="md">
          <WalkInSearch search={search} />
        </Tabs.Panel>
        <Tabs.Panel value="new" pt="md">
          <NewWalkInForm walkIn={newWalkIn} />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  )
}
