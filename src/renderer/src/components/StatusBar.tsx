// The header's status area: which profile is open, the hosted LMS connection (see
// pages/sync/connection.ts), how many changes have not been synced yet (a link to the
// Pending list), and a link to the Sync screen when conflicts wait for a choice. On a
// phone the labels take their short forms: the status never leaves the header.
import { Badge, Group, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useEffect } from 'react'
import { useT } from '../i18n'
import { connectionView } from '../pages/sync/connection'
import { useStatus } from '../state/status'
import { startSyncUpdates, useSync } from '../state/sync'

/** Below Mantine's xs breakpoint (36em): phones. */
const PHONE = '(max-width: 35.99em)'

export function StatusBar() {
  const { status, pendingChanges, error } = useStatus()
  const sync = useSync()
  const phone = useMediaQuery(PHONE, false, { getInitialValueInEffect: false })
  const t = useT()
  useEffect(() => startSyncUpdates(), [])
  if (error) {
    return (
      <Text size="sm" c="red.8" role="status" truncate>
        {t('status.unavailable', { error })}
      </Text>
    )
  }
  const connection = connectionView(sync, status?.connection ?? null)
  const conflicts = sync.status?.conflicts ?? 0
  return (
    <Group gap={phone ? 6 : 'xs'} wrap="nowrap" role="status" aria-label={t('status.label')} data-testid="status-area" miw={0}>
      {status?.profile === 'demo' && (
        <Badge color="grape" variant="filled" miw="max-content" title={t('status.demoTitle')}>
          {phone ? t('status.demoShort') : t('status.demo')}
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
          aria-label={t('status.conflicts', { count: conflicts })}
          style={{ cursor: 'pointer' }}
        >
          {phone ? t('status.conflictsShort', { count: conflicts }) : t('status.conflicts', { count: conflicts })}
        </Badge>
      )}
      <Badge
        component="a"
        href="#/pending"
        color={pendingChanges ? 'blue' : 'gray'}
        variant="light"
        data-testid="pending-changes"
        miw="max-content"
        title={t('status.pendingTitle')}
        style={{ cursor: 'pointer' }}
      >
        {pendingChanges === null ? t('status.counting') : phone ? t('status.unsyncedShort', { count: pendingChanges }) : t('status.unsynced', { count: pendingChanges })}
      </Badge>
    </Group>
  )
}
