// The preview on wide screens: a table, one row per CSV row, scrolling sideways within its
// own region when the window is narrower than its columns.
import { ScrollArea, Table } from '@mantine/core'
import type { ImportPreviewRow } from '../../../../shared/operations/import'
import { useT } from '../../i18n'
import { scrollable } from './files'
import { ACTION_LABEL, cellWrap, Enrollments, groupAndPlan, NameCell, NameSource, PASSWORD_LABEL } from './previewCells'

export function PreviewTable({ rows }: { rows: ImportPreviewRow[] }) {
  const t = useT()
  return (
    <ScrollArea type="auto" viewportProps={scrollable(t('import.preview'))}>
      <Table withTableBorder aria-label={t('import.preview')} data-testid="import-preview" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('import.p.row')}</Table.Th>
            <Table.Th scope="col">{t('import.p.action')}</Table.Th>
            <Table.Th scope="col">{t('import.p.email')}</Table.Th>
            <Table.Th scope="col">{t('import.p.firstName')}</Table.Th>
            <Table.Th scope="col">{t('import.p.lastName')}</Table.Th>
            <Table.Th scope="col">{t('import.p.password')}</Table.Th>
            <Table.Th scope="col">{t('import.p.enrolledIn')}</Table.Th>
            <Table.Th scope="col">{t('import.p.groupPlan')}</Table.Th>
            <Table.Th scope="col">{t('import.p.customFields')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.row}>
              <Table.Td>{r.row}</Table.Td>
              <Table.Td>{t(ACTION_LABEL[r.action])}</Table.Td>
              <Table.Td miw={180} style={cellWrap}>
                <bdi>{r.email}</bdi>
              </Table.Td>
              <Table.Td miw={110}>
                <NameCell value={r.first_name} />
                <NameSource row={r} />
              </Table.Td>
              <Table.Td miw={110}>
                <NameCell value={r.last_name} />
              </Table.Td>
              <Table.Td>{t(PASSWORD_LABEL[r.password])}</Table.Td>
              <Table.Td miw={200}>
                <Enrollments row={r} />
              </Table.Td>
              <Table.Td miw={120}>{groupAndPlan(r)}</Table.Td>
              <Table.Td miw={120} style={cellWrap}>
                {r.custom.join('; ')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  )
}
