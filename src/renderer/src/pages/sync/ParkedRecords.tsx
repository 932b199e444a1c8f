// Changes the hosted LMS refused (parked) and changes waiting behind them (blocked), with
// the reason for each. Parked ones can be corrected and retried, retried as they are, or
// discarded; blocked ones go on their own once what they wait for is sent.
import { Paper, Table, Text, Title } from '@mantine/core'
import type { ParkedRecord } from '../../../../shared/operations/sync'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { EditRetryModal } from './EditRetryModal'
import { describeRecord } from './format'
import { useT } from '../../i18n'
import { LoadedRows } from '../../components/LoadedRows'
import { ParkedRow } from './ParkedRow'
import { useParkedActions } from './useParkedActions'

interface Props {
  records: ParkedRecord[] | null
  error: string | null
  /** `entity:localId` of rows with an open conflict: their changes wait for a choice, not for another change. */
  conflicted: ReadonlySet<string>
  reload(): void
}

export function ParkedRecords({ records, error, conflicted, reload }: Props) {
  const { editing, setEditing, discarding, setDiscarding, busy, headingRef, retry, discard } = useParkedActions(records, reload)
  const t = useT()

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
                  <ParkedRow
                    key={r.id}
                    record={r}
                    busy={busy}
                    waitsForChoice={conflicted.has(`${r.entity}:${r.localId}`)}
                    onEdit={() => setEditing(r)}
                    onRetry={() => void retry(r)}
                    onDiscard={() => setDiscarding(r)}
                  />
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
