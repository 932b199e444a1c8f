// Earlier imports, each undoable until it has been undone.
import { Button, Paper, ScrollArea, Table, Text, Title, VisuallyHidden } from '@mantine/core'
import { formatDateTime, formatNumber } from '../../lib/format'
import type { ImportBatchRecord } from '../../../../shared/operations/import'
import { scrollable } from './files'

const STATE = { running: 'Running', done: 'Done', cancelled: 'Cancelled', undone: 'Undone' } as const

export function RecentImports({ batches, onUndo }: { batches: ImportBatchRecord[] | null; onUndo(batch: ImportBatchRecord): void }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-recent-title">
      <Title order={2} size="h4" id="import-recent-title" mb="xs">
        Recent imports
      </Title>
      {batches === null ? (
        <Text size="sm">Loading…</Text>
      ) : batches.length === 0 ? (
        <Text size="sm">No imports yet.</Text>
      ) : (
        <ScrollArea type="auto" viewportProps={scrollable('Recent imports')}>
        <Table striped withTableBorder aria-label="Recent imports" data-testid="import-batches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Import</Table.Th>
              <Table.Th scope="col">File</Table.Th>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batches.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{b.id}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{b.fileName ?? (b.source === 'api' ? 'bulk upload (API)' : '—')}</Table.Td>
                <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                <Table.Td>
                  {formatNumber(b.created)} created, {formatNumber(b.updated)} updated, {formatNumber(b.skipped)} skipped, {formatNumber(b.failed)} failed
                </Table.Td>
                <Table.Td>{STATE[b.state]}</Table.Td>
                <Table.Td>
                  {(b.state === 'done' || b.state === 'cancelled') && (
                    <Button size="xs" variant="default" color="red" onClick={() => onUndo(b)} aria-label={`Undo import ${b.id}`}>
                      Undo
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </ScrollArea>
      )}
    </Paper>
  )
}
