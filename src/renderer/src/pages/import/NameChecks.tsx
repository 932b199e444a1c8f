// Full names split in two that are worth a look ("Mary Ann Smith", "Cher"): each can be
// corrected before the import. What is typed stays in this component while the file is
// checked again (a new answer never overwrites a field being typed in); a correction is
// handed on when its field is left or Enter is pressed.
import { Group, Paper, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useState } from 'react'
import { useT } from '../../i18n'
import type { ImportNameCheck } from '../../../../shared/operations/import'
import { scrollable } from './files'

export interface NameCorrection {
  first_name: string
  last_name: string
}

export function NameChecks({ checks, onCorrect, busy }: { checks: ImportNameCheck[]; onCorrect(row: number, names: NameCorrection): void; busy: boolean }) {
  const [drafts, setDrafts] = useState<Record<number, NameCorrection>>({})
  const narrow = useMediaQuery('(max-width: 40em)')
  const t = useT()
  if (checks.length === 0) return null
  const valueOf = (c: ImportNameCheck): NameCorrection => drafts[c.row] ?? { first_name: c.first_name, last_name: c.last_name }
  const edit = (c: ImportNameCheck, field: keyof NameCorrection, value: string) => setDrafts((d) => ({ ...d, [c.row]: { ...valueOf(c), [field]: value } }))
  const hand = (c: ImportNameCheck) => {
    const draft = drafts[c.row]
    if (draft && (draft.first_name !== c.first_name || draft.last_name !== c.last_name)) onCorrect(c.row, draft)
  }
  const input = (c: ImportNameCheck, field: keyof NameCorrection) => (
    <TextInput
      size="xs"
      aria-label={t(field === 'first_name' ? 'import.names.firstRow' : 'import.names.lastRow', { row: String(c.row) })}
      value={valueOf(c)[field]}
      disabled={busy}
      onChange={(e) => edit(c, field, e.currentTarget.value)}
      onBlur={() => hand(c)}
      onKeyDown={(e) => e.key === 'Enter' && hand(c)}
    />
  )
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-names-title" data-testid="import-name-checks">
      <Title order={3} size="h5" id="import-names-title" mb={4}>
        {t('import.names.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('import.names.intro', { count: checks.length })}
      </Text>
      <ScrollArea.Autosize mah={360} type="auto" viewportProps={scrollable(t('import.names.title'))}>
        {narrow ? (
          <Stack gap={6}>
            {checks.map((c) => (
              <Paper key={c.row} withBorder p="xs">
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {t('import.names.row', { row: String(c.row), name: c.full_name })}
                </Text>
                <Group grow gap="xs" mt={4}>
                  {input(c, 'first_name')}
                  {input(c, 'last_name')}
                </Group>
              </Paper>
            ))}
          </Stack>
        ) : (
          <Table withTableBorder verticalSpacing={4} aria-label={t('import.names.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('import.col.row')}</Table.Th>
                <Table.Th scope="col">{t('import.names.inFile')}</Table.Th>
                <Table.Th scope="col">{t('import.names.first')}</Table.Th>
                <Table.Th scope="col">{t('import.names.last')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {checks.map((c) => (
                <Table.Tr key={c.row}>
                  <Table.Td>{c.row}</Table.Td>
                  <Table.Td miw={140}>{c.full_name}</Table.Td>
                  <Table.Td miw={130}>{input(c, 'first_name')}</Table.Td>
                  <Table.Td miw={130}>{input(c, 'last_name')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </ScrollArea.Autosize>
    </Paper>
  )
}
