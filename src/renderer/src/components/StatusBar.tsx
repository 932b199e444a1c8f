// The header's status area: which profile is open, the hosted LMS connection (not
// configured, online, offline, token refused, syncing), how many change records have not
// been synced yet, and a link to the Sync screen when conflicts wait for a choice.
import { Badge, Box, Group, Text } from '@mantine/core'
import { useEffect } from 'react'
import { useStatus } from '../state/status'
import { shellConnection, startSyncUpdates, useSync, type ShellConnection } from '../state/sync'

// Light badges only where the theme's text shade passes AA on the light background.
const CONNECTION_LABELS: Record<ShellConnection, { text: string; color: string; variant: 'light' | 'filled'; title: string }> = {
  not_configured: { text: 'Hosted LMS not configured', color: 'gray', variant: 'light', title: 'Set the hosted LMS address and token on the Sync screen' },
  online: { text: 'Online', color: 'teal', variant: 'light', title: 'The hosted LMS answered the last sync' },
  offline: { text: 'Offline', color: 'red.9', variant: 'filled', title: 'The hosted LMS cannot be reached; changes are kept here and sent later' },
  token_refused: { text: 'Token refused', color: 'red.9', variant: 'filled', title: 'The hosted LMS refused the API token; enter a new one on the Sync screen' },
  syncing: { text: 'Syncing…', color: 'blue', variant: 'light', title: 'Sending and receiving changes' },
}

export function StatusBar() {
  const { status, pendingChanges, error } = useStatus()
  const sync = useSync()
  useEffect(() => startSyncUpdates(), [])
  if (error) {
    return (
      <Text size="sm" c="red.8" role="status">
        Status unavailable: {error}
      </Text>
    )
  }
  const shown = shellConnection(sync, status?.connection ?? null)
  const connection = shown ? CONNECTION_LABELS[shown] : null
  const conflicts = sync.status?.conflicts ?? 0
  return (
    <Group gap="xs" wrap="nowrap" role="status" aria-label="Sync status" data-testid="status-area">
      {status?.profile === 'demo' && (
        <Badge color="grape" variant="filled" miw="max-content" title="Sample data, kept apart from any real site's data">
          Demo world
        </Badge>
      )}
      {connection && (
        <Badge color={connection.color} variant={connection.variant} data-testid="connection-state" visibleFrom="md" title={connection.title}>
          {connection.text}
        </Badge>
      )}
      {conflicts > 0 && (
        <Badge component="a" href="#/sync" color="red.9" variant="filled" miw="max-content" data-testid="conflicts-badge" style={{ cursor: 'pointer' }}>
          {conflicts} {conflicts === 1 ? 'conflict' : 'conflicts'}
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
