// The header's status area: which profile is open, the hosted LMS connection (see
// pages/sync/connection.ts), how many changes have not been synced yet (a link to the
// Pending list), and a link to the Sync screen when conflicts wait for a choice. On a
// phone the labels take their short forms: the status never leaves the header.
import { Badge, Group, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useEffect } from 'react'
import { formatNumber, plural } from '../lib/format'
import { connectionView } from '../pages/sync/connection'
import { useStatus } from '../state/status'
import { startSyncUpdates, useSync } from '../state/sync'

/** Below Mantine's xs breakpoint (36em): phones. */
const PHONE = '(max-width: 35.99em)'

export function StatusBar() {
  const { status, pendingChanges, error } = useStatus()
  const sync = useSync()
  const phone = useMediaQuery(PHONE, false, { getInitialValueInEffect: false })
  useEffect(() => startSyncUpdates(), [])
  if (error) {
    return (
      <Text size="sm" c="red.8" role="status" truncate>
        Status unavailable: {error}
      </Text>
    )
  }
  const connection = connectionView(sync, status?.connection ?? null)
  const conflicts = sync.status?.conflicts ?? 0
  return (
    <Group gap={phone ? 6 : 'xs'} wrap="nowrap" role="status" aria-label="Sync status" data-testid="status-area" miw={0}>
      {status?.profile === 'demo' && (
        <Badge color="grape" variant="filled" miw="max-content" title="Sample data, kept apart from any real site's data">
          {phone ? 'Demo' : 'Demo world'}
        </Badge>
      )}
      {connection && (
        <Badge
          component="a"
          href="#/sync"
          color={connection.color}
          variant={connection.variant}
          miw="max-content"
          data-testid="connection-state"
          data-connection={connection.key}
          title={connection.title}
          style={{ cursor: 'pointer' }}
        >
          {phone ? connection.short : connection.label}
        </Badge>
      )}
      {conflicts > 0 && (
        <Badge
          component="a"
          href="#/sync"
          color="red.9"
          variant="filled"
          miw="max-content"
          data-testid="conflicts-badge"
          aria-label={plural(conflicts, 'conflict', 'conflicts')}
          style={{ cursor: 'pointer' }}
        >
          {phone ? `${formatNumber(conflicts)} !` : plural(conflicts, 'conflict', 'conflicts')}
        </Badge>
      )}
      <Badge
        component="a"
        href="#/pending"
        color={pendingChanges ? 'blue' : 'gray'}
        variant="light"
        data-testid="pending-changes"
        miw="max-content"
        title="The changes made here that the hosted LMS has not received yet"
        style={{ cursor: 'pointer' }}
      >
        {pendingChanges === null ? 'Counting…' : phone ? `${formatNumber(pendingChanges)} unsynced` : plural(pendingChanges, 'unsynced change', 'unsynced changes')}
      </Badge>
    </Group>
  )
}
