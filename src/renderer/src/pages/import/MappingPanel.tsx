// How the file is read: the detected encoding and delimiter (changeable), which column
// holds what, and how full names are written. Unknown columns can become custom user
// fields or be ignored.
import { Badge, Group, NativeSelect, Table, Text } from '@mantine/core'
import type { DryRunResult, FullNameOrder, ImportField } from '../../../../shared/operations/import'
import { useT, type MessageId } from '../../i18n'
import { reasonText } from '../../lib/errors'
import { Section } from '../../components/Section'

export interface ReadSettings {
  encoding: 'auto' | 'utf-8' | 'windows-1252'
  delimiter: 'auto' | ',' | ';' | '\t'
  columns: Record<string, ImportField>
  fullNameOrder: FullNameOrder
}

export const INITIAL_SETTINGS: ReadSettings = { encoding: 'auto', delimiter: 'auto', columns: {}, fullNameOrder: 'first_last' }

type Choice = { value: string; label: MessageId }
const DELIMITERS: Choice[] = [
  { value: 'auto', label: 'import.detect' },
  { value: ',', label: 'import.comma' },
  { value: ';', label: 'import.semicolon' },
  { value: '\t', label: 'import.tab' },
]
const ENCODINGS: Choice[] = [
  { value: 'auto', label: 'import.detect' },
  { value: 'utf-8', label: 'import.utf8' },
  { value: 'windows-1252', label: 'import.windows1252' },
]
const FIELD_LABELS: Record<ImportField, MessageId> = {
  email: 'import.field.email',
  username: 'import.field.username',
  first_name: 'import.field.first_name',
  last_name: 'import.field.last_name',
  full_name: 'import.field.full_name',
  password: 'import.field.password',
  courses: 'import.field.courses',
  classes: 'import.field.classes',
  custom: 'import.field.custom',
  ignore: 'import.field.ignore',
}
const NAME_ORDERS: Choice[] = [
  { value: 'first_last', label: 'import.order.first_last' },
  { value: 'last_first', label: 'import.order.last_first' },
]
const delimiterName = (d: string): MessageId => (d === '\t' ? 'import.delimiter.tab' : d === ';' ? 'import.delimiter.semicolon' : 'import.delimiter.comma')

export function MappingPanel({ result, settings, onChange, busy }: { result: DryRunResult; settings: ReadSettings; onChange(next: ReadSettings): void; busy: boolean }) {
  const t = useT()
  const options = (choices: Choice[]) => choices.map((o) => ({ value: o.value, label: t(o.label) }))
  return (
    <Section id="import-mapping-title" title={t('import.step2')}>
      <Group gap="md" align="flex-end" mb="sm">
        <NativeSelect
          label={t('import.encoding')}
          description={t('import.detected', { value: result.encoding })}
          data={options(ENCODINGS)}
          value={settings.encoding}
          disabled={busy}
          onChange={(e) => onChange({ ...settings, encoding: e.currentTarget.value as ReadSettings['encoding'] })}
        />
        <NativeSelect
          label={t('import.delimiter')}
          description={t('import.detected', { value: t(delimiterName(result.delimiter)) })}
          data={options(DELIMITERS)}
          value={settings.delimiter}
          disabled={busy}
          onChange={(e) => onChange({ ...settings, delimiter: e.currentTarget.value as ReadSettings['delimiter'] })}
        />
        {result.columns.some((c) => c.field === 'full_name') && (
          <NativeSelect
            label={t('import.fullNames')}
            description={t('import.fullNamesHelp')}
            data={options(NAME_ORDERS)}
            value={settings.fullNameOrder}
            disabled={busy}
            onChange={(e) => onChange({ ...settings, fullNameOrder: e.currentTarget.value as FullNameOrder })}
          />
        )}
      </Group>
      <Table striped withTableBorder aria-label={t('import.mapping')} data-testid="import-mapping">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('import.columnInFile')}</Table.Th>
            <Table.Th scope="col">{t('import.importedAs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.columns.map((c) => (
            <Table.Tr key={c.index}>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {c.header || t('import.noHeader', { n: c.index + 1 })}
                  </Text>
                  {c.unknown && (
                    <Badge size="sm" color="gray.7" variant="filled">
                      {t('import.unknown')}
                    </Badge>
                  )}
                </Group>
                {c.note && (
                  <Text size="xs" c="dimmed">
                    {reasonText(c.noteReason, c.note)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={t('import.importColumnAs', { column: c.header || String(c.index + 1) })}
                  size="xs"
                  disabled={busy || c.header === ''}
                  value={settings.columns[c.header] ?? c.field}
                  data={Object.entries(FIELD_LABELS).map(([value, label]) => ({ value, label: t(label) }))}
                  onChange={(e) => onChange({ ...settings, columns: { ...settings.columns, [c.header]: e.currentTarget.value as ImportField } })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        {t('import.mappingHelp')}
      </Text>
    </Section>
  )
}
