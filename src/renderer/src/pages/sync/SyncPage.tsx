// The Sync screen: where sync stands (with "Sync now"), conflicts to choose, parked and
// blocked changes, notices from the hosted LMS, the hosted LMS settings, and a reset.
import { Button, Grid, List, Stack, Text } from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { PageHeader } from '../../components/PageHeader'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { useStatus } from '../../state/status'
import { refreshSyncStatus, useSync } from '../../state/sync'
import { ConflictList } from './ConflictList'
import { When } from './format'
import { ParkedRecords } from './ParkedRecords'
import { SyncSettings } from './SyncSettings'
import { SyncStatusPanel } from './SyncStatusPanel'
import { useLmsQuery } from '../../data/queries'
import { Section } from '../../components/Section'
import { LoadedRows } from '../../components/LoadedRows'

export function SyncPage() {
  const status = useSync((s) => s.status)
  const pendingChanges = useStatus((s) => s.pendingChanges)
  const t = useT()

  // Local writes change the counts without a 'sync' event; the header's change count does follow them.
  useEffect(() => {
    void refreshSyncStatus()
  }, [pendingChanges])

  // The lists follow the change queue through the engine's `changed` events (sync_state).
  const parked = useLmsQuery('sync.parked', {})
  const conflicts = useLmsQuery('sync.conflicts', {})
  const conflicted = useMemo(() => new Set((conflicts.data ?? []).map((c) => `${c.entity}:${c.localId}`)), [conflicts.data])

  return (
    <Stack gap="md">
      <PageHeader title={t('sync.title')} intro={t('sync.intro')} />
      <Grid gap="md" align="stretch">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <SyncStatusPanel />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <SyncSettings status={status} />
        </Grid.Col>
      </Grid>
      <ConflictList conflicts={conflicts.data} error={conflicts.error} reload={conflicts.reload} />
      <ParkedRecords records={parked.data} error={parked.error} conflicted={conflicted} reload={parked.reload} />
      <Grid gap="md" align="stretch">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Notices />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ResetSync />
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

function Notices() {
  const notices = useSync((s) => s.status?.notices ?? null)
  const t = useT()
  return (
    <Section id="sync-notices-title" title={t('sync.notices')}>
      <LoadedRows rows={notices} loading={t('sync.loading')} empty={t('sync.nothing')} emptyTestId="no-notices">
        {(rows) => (
          <List spacing="xs" size="sm" aria-label={t('sync.noticesLabel')} data-testid="sync-notices">
            {rows.map((n) => (
              <List.Item key={n.id}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {n.message}
                </Text>
                <Text size="xs" c="dimmed">
                  <When iso={n.createdAt} />
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </LoadedRows>
    </Section>
  )
}

function ResetSync() {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const t = useT()

  async function reset() {
    setBusy(true)
    try {
      const result = await lms.call('sync.reset', { confirm: true })
      notifySuccess(apiMessage(result.message, 'sync.resetBody'), t('sync.resetDone'))
      setOpen(false)
      void refreshSyncStatus()
    } catch (e) {
      notifyError(e, t('sync.resetFailed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section id="sync-reset-title" title={t('sync.reset')}>
      <Text size="sm" mb="sm">
        {t('sync.resetHelp')}
      </Text>
      <Button color="red" variant="outline" onClick={() => setOpen(true)}>
        {t('sync.reset')}
      </Button>
      <ConfirmDialog opened={open} title={t('sync.resetTitle')} confirmLabel={t('sync.reset')} busy={busy} onConfirm={() => void reset()} onClose={() => setOpen(false)}>
        {t('sync.resetConfirm')}
      </ConfirmDialog>
    </Section>
  )
}
