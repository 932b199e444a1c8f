// How the file is read: the detected encoding and delimiter (changeable), which column
// holds what, and how full names are written. Unknown columns can become custom user
// fields or be ignored.
import { Badge, Group, NativeSelect, Paper, Table, Text, Title } from '@mantine/core'
import type { DryRunResult, FullNameOrder, ImportField } from '../../../../shared/operations/import'

export interface ReadSettings {
  encoding: 'auto' | 'utf-8' | 'windows-1252'
  delimiter: 'auto' | ',' | ';' | '\t'
  columns: Record<string, ImportField>
  fullNameOrder: FullNameOrder
}

export const INITIAL_SETTINGS: ReadSettings = { encoding: 'auto', delimiter: 'auto', columns: {}, fullNameOrder: 'first_last' }

const DELIMITERS = [
  { value: 'auto', label: 'Detect' },
  { value: ',', label: 'Comma ( , )' },
  { value: ';', label: 'Semicolon ( ; )' },
  { value: '\t', label: 'Tab' },
]
const ENCODINGS = [
  { value: 'auto', label: 'Detect' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'windows-1252', label: 'Windows-1252 (Excel on Windows)' },
]
const FIELD_LABELS: Record<ImportField, string> = {
  email: 'Email',
  username: 'User name (as email)',
  first_name: 'First name',
  last_name: 'Last name',
  full_name: 'Full name (split)',
  password: 'Password',
  courses: 'Courses',
  classes: 'Classes',
  custom: 'Custom user field',
  ignore: 'Ignore this column',
}
const NAME_ORDERS = [
  { value: 'first_last', label: 'First name first (Ann Lee)' },
  { value: 'last_first', label: 'Family name first (Lee Ann)' },
]
const delimiterName = (d: string) => (d === '\t' ? 'tab' : d === ';' ? 'semicolon' : 'comma')

export function MappingPanel({ result, settings, onChange, busy }: { result: DryRunResult; settings: ReadSettings; onChange(next: ReadSettings): void; busy: boolean }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-mapping-title">
      <Title order={2} size="h4" id="import-mapping-title" mb="xs">
        2. How the file is read
      </Title>
      <Group gap="md" align="flex-end" mb="sm">
        <NativeSelect
          label="Encoding"
          description={`Detected: ${result.encoding}`}
          data={ENCODINGS}
          value={settings.encoding}
          disabled={busy}
          onChange={(e) => onChange({ ...settings, encoding: e.currentTarget.value as ReadSettings['encoding'] })}
        />
        <NativeSelect
          label="Delimiter"
          description={`Detected: ${delimiterName(result.delimiter)}`}
          data={DELIMITERS}
          value={settings.delimiter}
          disabled={busy}
          onChange={(e) => onChange({ ...settings, delimiter: e.currentTarget.value as ReadSettings['delimiter'] })}
        />
        {result.columns.some((c) => c.field === 'full_name') && (
          <NativeSelect
            label="Full names are written"
            description={'"Lee, Ann" is read as family name first either way.'}
            data={NAME_ORDERS}
            value={settings.fullNameOrder}
            disabled={busy}
            onChange={(e) => onChange({ ...settings, fullNameOrder: e.currentTarget.value as FullNameOrder })}
          />
        )}
      </Group>
      <Table striped withTableBorder aria-label="Column mapping" data-testid="import-mapping">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Column in the file</Table.Th>
            <Table.Th scope="col">Imported as</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.columns.map((c) => (
            <Table.Tr key={c.index}>
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {c.header || `(column ${c.index + 1}, no header)`}
                  </Text>
                  {c.unknown && (
                    <Badge size="sm" color="gray.7" variant="filled">
                      unknown
                    </Badge>
                  )}
                </Group>
                {c.note && (
                  <Text size="xs" c="dimmed">
                    {c.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={`Import column ${c.header || c.index + 1} as`}
                  size="xs"
                  disabled={busy || c.header === ''}
                  value={settings.columns[c.header] ?? c.field}
                  data={Object.entries(FIELD_LABELS).map(([value, label]) => ({ value, label }))}
                  onChange={(e) => onChange({ ...settings, columns: { ...settings.columns, [c.header]: e.currentTarget.value as ImportField } })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        A user name is used as the email where the row has none. A full name is split where the row has no first and last name. Courses: names, slugs or ids,
        several separated by ; or |. Classes: ids, or a course with the class date (First Aid at Work 2026-12-03) when it has several classes to come.
      </Text>
    </Paper>
  )
}
