// Earlier imports, each undoable until it has been undone.
import { Button, ScrollArea, Table, VisuallyHidden } from '@mantine/core'
import { formatDateTime } from '../../lib/format'
import type { ImportBatchRecord } from '../../../../shared/operations/import'
import { scrollable } from './files'
import { useT, type MessageId } from '../../i18n'
import { Section } from '../../components/Section'
import { LoadedRows } from '../../components/LoadedRows'

const STATE: Record<ImportBatchRecord['state'], MessageId> = {
  running: 'import.state.running',
  done: 'import.state.done',
  cancelled: 'import.state.cancelled',
  interrupted: 'import.state.interrupted',
  undone: 'import.state.undone',
}

export function RecentImports({ batches, onUndo }: { batches: ImportBatchRecord[] | null; onUndo(batch: ImportBatchRecord): void }) {
  const t = useT()
  return (
    <Section id="import-recent-title" title={t('import.recent')}>
      <LoadedRows rows={batches} loading={t('import.loading')} empty={t('import.noImports')}>
        {(rows) => (
          <ScrollArea type="auto" viewportProps={scrollable(t('import.recent'))}>
          <Table striped withTableBorder aria-label={t('import.recent')} data-testid="import-batches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('import.col.import')}</Table.Th>
                <Table.Th scope="col">{t('import.col.file')}</Table.Th>
                <Table.Th scope="col">{t('import.col.when')}</Table.Th>
                <Table.Th scope="col">{t('import.col.result')}</Table.Th>
                <Table.Th scope="col">{t('import.col.state')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>{b.id}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{b.fileName ?? (b.source === 'api' ? t('import.bulkApi') : '—')}</Table.Td>
                  <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                  <Table.Td>
                    {t('import.resultLine', { created: b.created, updated: b.updated, skipped: b.skipped, failed: b.failed })}
                  </Table.Td>
                  <Table.Td>{t(STATE[b.state])}</Table.Td>
                  <Table.Td>
                    {(b.state === 'done' || b.state === 'cancelled' || b.state === 'interrupted') && (
                      <Button size="xs" variant="default" color="red" onClick={() => onUndo(b)} aria-label={t('import.undoNamed', { id: String(b.id) })}>
                        {t('import.undo')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          </ScrollArea>
        )}
      </LoadedRows>
    </Section>
  )
}
