// One parked or blocked change: what it does and to which record, its state, the hosted
// LMS's reason, attempts and age; a parked one offers edit and retry, retry and discard,
// a blocked one says what it waits for.
import { Badge, Button, Group, Table, Text } from '@mantine/core'
import type { ParkedRecord } from '../../../../shared/operations/sync'
import { useT } from '../../i18n'
import { formatNumber } from '../../lib/format'
import { actionText } from './actions'
import { describeRecord, When } from './format'

interface ParkedRowProps {
  record: ParkedRecord
  /** The id of the change being retried or discarded, if any: the other buttons wait. */
  busy: number | null
  /** Its row has an open conflict: it waits for a choice, not for another change. */
  waitsForChoice: boolean
  onEdit(): void
  onRetry(): void
  onDiscard(): void
}

export function ParkedRow({ record: r, busy, waitsForChoice, onEdit, onRetry, onDiscard }: ParkedRowProps) {
  const t = useT()
  return (
    <Table.Tr data-testid={`parked-${r.id}`}>
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
            <Button size="xs" variant="light" onClick={onEdit} disabled={busy !== null} aria-label={t('parked.editRetryLabel', { what: describeRecord(r) })}>
              {t('parked.editRetry')}
            </Button>
            <Button size="xs" variant="default" onClick={onRetry} loading={busy === r.id} disabled={busy !== null && busy !== r.id} aria-label={t('parked.retryLabel', { what: describeRecord(r) })}>
              {t('parked.retry')}
            </Button>
            <Button size="xs" color="red" variant="subtle" onClick={onDiscard} disabled={busy !== null} aria-label={t('parked.discardLabel', { what: describeRecord(r) })}>
              {t('parked.discard')}
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            {waitsForChoice ? t('parked.waitsChoice') : t('parked.goesOnItsOwn')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  )
}
