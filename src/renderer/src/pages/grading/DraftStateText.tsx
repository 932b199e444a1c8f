// Under the message: whether the draft typed so far is kept by the engine yet.
import { Text } from '@mantine/core'
import { useT } from '../../i18n'
import type { DraftState } from './useDraftWrites'

export function DraftStateText({ state }: { state: DraftState }) {
  const t = useT()
  return (
    <Text size="xs" c={state === 'failed' ? 'red.8' : 'dimmed'} data-testid="draft-state" mih={18}>
      {state === 'saved' ? t('grading.draft.saved') : state === 'saving' || state === 'pending' ? t('grading.draft.saving') : state === 'failed' ? t('grading.draft.failed') : ''}
    </Text>
  )
}
