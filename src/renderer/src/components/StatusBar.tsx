// The header's status area: which profile is open, whether the hosted LMS is
// configured or reachable, and how many change records have not been synced yet.
import { Badge, Box, Group, Text } from '@mantine/core'
import type { AppStatus } from '../../../shared/operations/app'
import { useStatus } from '../state/status'

const CONNECTION_LABELS: Record<AppStatus['connection'], { text: string; color: string }> = {
  not_configured: { text: 'Hosted LMS not configured', color: 'gray' },
  online: { text: 'Hosted LMS online', color: 'teal' },
  offline: { text: 'Hosted LMS offline', color: 'red' },
}

export function StatusBar() {
  const { status, pendingChanges, error } = useStatus()
  if (error) {
    return (
      <Text size="sm" c="red.8" role="status">
        Status unavailable: {error}
      </Text>
    )
  }
  const connection = status ? CONNECTION_LABELS[status.connection] : null
  return (
    <Group gap="xs" wrap="nowrap" role="status" aria-label="Sync status" data-testid="status-area">
      {status?.profile === 'demo' && (
        <Badge color="grape" variant="filled" miw="max-content" title="Sample data, kept apart from any real site's data">
          Demo world
        </Badge>
      )}
      {connection && (
        <Badge color={connection.color} variant="light" data-testid="connection-state" visibleFrom="md">
          {connection.text}
        </Badge>
      )}
      <Badge color={pendingChanges ? 'blue' : 'gray'} variant="light" data-testid="pending-changes" miw="max-content">
        {pendingChanges === null ? (
          'Counting changes…'
        ) : (
          <>
            {pendingChanges} unsynced
            <Box component="span" visibleFrom="sm">
              &nbsp;{pendingChanges === 1 ? 'change' : 'changes'}
            </Box>
          </>
        )}
      </Badge>
    </Group>
  )
}
