import { Text } from '@mantine/core'
import { PlaceholderPage } from '../components/PlaceholderPage'
import { useStatus } from '../state/status'

export function SyncPage() {
  const pending = useStatus((s) => s.pendingChanges)
  return (
    <PlaceholderPage title="Sync" purpose="It will send your changes to the hosted LMS, bring its changes here and show any conflicts for you to resolve.">
      <Text size="sm">
        {pending === null
          ? 'Counting the change records on this computer…'
          : `${pending} ${pending === 1 ? 'change record is' : 'change records are'} stored on this computer, waiting for sync.`}
      </Text>
    </PlaceholderPage>
  )
}
