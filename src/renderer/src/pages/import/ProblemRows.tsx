// Every problem the dry run found, with its row, column and value: a table, or on a phone
// one block per problem (four narrow columns there break every word).
import { Paper, ScrollArea, Stack, Table, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import type { ImportRowError } from '../../../../shared/operations/import'
import { scrollable } from './files'
import { useT } from '../../i18n'
import { reasonText } from '../../lib/errors'

export function ProblemRows({ errors }: { errors: ImportRowError[] }) {
  const narrow = useMediaQuery('(max-width: 40em)')
  const t = useT()
  if (narrow) {
    return (
      <ScrollArea.Autosize mah={420} mt="sm" type="auto" viewportProps={scrollable(t('import.problemsFound'))}>
        <Stack gap={6} role="list" aria-label={t('import.problemsFound')} data-testid="import-errors">
          {errors.map((e, i) => (
            <Paper key={i} withBorder p="xs" role="listitem">
              <Text size="sm" fw={600}>
                {t('import.rowColumn', { row: String(e.row), column: e.column })}
              </Text>
              {e.value !== '' && (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {e.value}
                </Text>
              )}
              <Text size="sm">{reasonText(e.reason, e.message)}</Text>
            </Paper>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    )
  }
  return (
    <ScrollArea.Autosize mah={320} mt="sm" type="auto" viewportProps={scrollable(t('import.problemsFound'))}>
      <Table striped withTableBorder aria-label={t('import.problemsFound')} data-testid="import-errors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('import.col.row')}</Table.Th>
            <Table.Th scope="col">{t('import.col.column')}</Table.Th>
            <Table.Th scope="col">{t('import.col.value')}</Table.Th>
            <Table.Th scope="col">{t('import.col.problem')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e, i) => (
            <Table.Tr key={i}>
              <Table.Td>{e.row}</Table.Td>
              <Table.Td style={{ overflowWrap: 'break-word' }}>{e.column}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{e.value}</Table.Td>
              <Table.Td miw={180}>{reasonText(e.reason, e.message)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  )
}
