// The questions asked before changing the class as a whole: mark everyone left, sign off, reopen.
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useT } from '../../i18n'
import { ReopenModal } from './ReopenModal'
import type { RosterData } from './useRoster'
import type { SessionActions } from './useSessionActions'

interface SessionDialogsProps {
  actions: SessionActions
  unmarked: number
  signedOff: RosterData['signedOff'] | null
}

export function SessionDialogs({ actions, unmarked, signedOff }: SessionDialogsProps) {
  const { confirm, setConfirm, busy } = actions
  const t = useT()
  return (
    <>
      <ConfirmDialog
        opened={confirm === 'markAll'}
        title={t('attendance.markAllTitle')}
        confirmLabel={t('attendance.markAllConfirm', { count: unmarked })}
        busy={busy === 'markAll'}
        onConfirm={() => void actions.markAll()}
        onClose={() => setConfirm(null)}
      >
        {t('attendance.markAllBody', { count: unmarked })}
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirm === 'signOff'}
        title={t('attendance.signOffTitle')}
        confirmLabel={t('attendance.signOffConfirm')}
        busy={busy === 'signOff'}
        onConfirm={() => void actions.signOff()}
        onClose={() => setConfirm(null)}
      >
        {unmarked > 0 ? t('attendance.signOffBodyUnmarked', { count: unmarked }) : t('attendance.signOffBody')}
      </ConfirmDialog>
      <ReopenModal opened={actions.reopening} signedOff={signedOff} busy={busy === 'reopen'} onClose={() => actions.setReopening(false)} onReopen={(r) => void actions.reopen(r)} />
    </>
  )
}
