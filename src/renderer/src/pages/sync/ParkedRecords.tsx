// Changes the hosted LMS refused (parked) and changes waiting behind them (blocked), with
// the reason for each. Parked ones can be corrected and retried, retried as they are, or
// discarded; blocked ones go on their own once what they wait for is sent.
import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ParkedRecord } from '../../../../shared/operations/sync'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { notifyError, notifySuccess } from '../../lib/notify'
import { useQueueChoices } from './useQueueChoices'
import { EditRetryModal } from './EditRetryModal'
import { describeRecord, When } from './format'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'
import { actionText } from './actions'
import { formatNumber } from '../../lib/format'
import { LoadedRows } from '../../components/LoadedRows'

interface Props {
  records: ParkedRecord[] | null
  error: string | null
  /** `entity:localId` of rows with an open conflict: their changes wait for a choice, not for another change. */
  conflicted: ReadonlySet<string>
  reload(): void
}

export function ParkedRecords({ records, error, conflicted, reload }: Props) {
  const [editing, setEditing] = useState<ParkedRecord | null>(null)
  const [discarding, setDiscarding] = useState<ParkedRecord | null>(null)
  const [busy, setBusy] = useState<number | null>(null)
  const { headingRef, chosen } = useQueueChoices(records, reload)
  const t = useT()

  async function retry(record: ParkedRecord, input?: Record<string, unknown>) {
    setBusy(record.id)
    try {
      const result = await lms.call('sync.retry', input ? { id: record.id, input } : { id: record.id })
      notifySuccess(apiMessage(result.message, 'parked.retried'))
      chosen({ send: true })
      return true
    } catch (e) {
      notifyError(e, t('parked.retryFailed'))
      return e
    } finally {
      setBusy(null)
    }
  }

  async function discard() {
    if (!discarding) return
    setBusy(discarding.id)
    try {
      const result = await lms.call('sync.discard', { id: discarding.id })
      notifySuccess(apiMessage(result.message, 'parked.discarded'))
      setDiscarding(null)
      chosen({ send: false })
    } catch (e) {
      notifyError(e, t('parked.discardFailed'))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sync-parked-title">
      <Title order={2} size="h4" id="sync-parked-title" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }} mb="xs">
        {t('parked.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('parked.intro')}
      </Text>
      <LoadedRows rows={records} error={error} failedTitle={t('parked.loadFailed')} loading={t('sync.loading')} empty={t('parked.none')} emptyTestId="no-parked">
        {(rows) => (
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label={t('parked.title')} verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('parked.col.what')}</Table.Th>
                  <Table.Th scope="col">{t('parked.col.record')}</Table.Th>
                  <Table.Th scope="col">{t('parked.col.state')}</Table.Th>
                  <Table.Th scope="col">{t('parked.col.reason')}</Table.Th>
                  <Table.Th scope="col">{t('parked.col.attempts')}</Table.Th>
                  <Table.Th scope="col">{t('parked.col.created')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id} data-testid={`parked-${r.id}`}>
                    <Table.Td>
                      <Text size="sm">{actionText(r.operation, r.action)}</Text>
                      <Text size="xs" ff="monospace" dir="ltr">
                        {r.operation}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={320} style={{ overflowWrap: 'anywhere' }}>
                      <Text size="sm">{r.record.text}</Text>
                      <Text size="xs">
                        {r.entity}
                        {r.localId !== null && ` ${r.localId}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={r.state === 'parked' ? 'red.9' : 'gray.7'} variant="filled" miw="max-content">
                        {r.state === 'parked' ? t('parked.parked') : t('parked.blocked')}
                      </Badge>
                    </Table.Td>
                    <Table.Td miw={260} maw={420} style={{ overflowWrap: 'anywhere' }}>
                      {r.reason || t('parked.noReason')}
                    </Table.Td>
                    <Table.Td>{formatNumber(r.attempts)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <When iso={r.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      {r.state === 'parked' ? (
                        <Group gap={6} wrap="nowrap">
                          <Button size="xs" variant="light" onClick={() => setEditing(r)} disabled={busy !== null} aria-label={t('parked.editRetryLabel', { what: describeRecord(r) })}>
                            {t('parked.editRetry')}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => void retry(r)} loading={busy === r.id} disabled={busy !== null && busy !== r.id} aria-label={t('parked.retryLabel', { what: describeRecord(r) })}>
                            {t('parked.retry')}
                          </Button>
                          <Button size="xs" color="red" variant="subtle" onClick={() => setDiscarding(r)} disabled={busy !== null} aria-label={t('parked.discardLabel', { what: describeRecord(r) })}>
                            {t('parked.discard')}
                          </Button>
                        </Group>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {conflicted.has(`${r.entity}:${r.localId}`) ? t('parked.waitsChoice') : t('parked.goesOnItsOwn')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </LoadedRows>
      <EditRetryModal record={editing} onClose={() => setEditing(null)} onRetry={async (record, input) => {
        const outcome = await retry(record, input)
        if (outcome === true) setEditing(null)
        return outcome
      }} />
      <ConfirmDialog
        opened={discarding !== null}
        title={t('parked.discardTitle')}
        confirmLabel={t('parked.discardConfirm')}
        busy={busy !== null && busy === discarding?.id}
        onConfirm={() => void discard()}
        onClose={() => setDiscarding(null)}
      >
        {discarding && t('parked.discardBody', { what: describeRecord(discarding) })}
      </ConfirmDialog>
    </Paper>
  )
}
