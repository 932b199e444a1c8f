// Earlier imports, each undoable until it has been undone.
import { Button, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core'
import type { ImportBatchRecord } from '../../../../shared/operations/import'

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
                <Table.Td>{b.fileName ?? (b.source === 'api' ? 'bulk upload (API)' : '—')}</Table.Td>
                <Table.Td>{new Date(b.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>
                  {b.created} created, {b.updated} updated, {b.skipped} skipped, {b.failed} failed
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
      )}
    </Paper>
  )
}
