// The first rows as the import will store them, with everything each row gets: its own
// courses and classes and the ones chosen for everyone, the group and the membership plan.
// A table on wide screens; on phones and tablets, one block per row (a table of nine
// columns would only scroll sideways there).
import { Badge, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import type { ReactNode } from 'react'
import type { ImportPreviewRow } from '../../../../shared/operations/import'
import { namedOrId } from './describe'
import { classLabel } from './ImportOptions'
import { scrollable } from './files'

const ACTION_LABEL = { create: 'New', update: 'Update', skip: 'Skip', error: 'Error' } as const
const PASSWORD_LABEL = { given: 'given', generated: 'generated', kept: 'kept' } as const
const wrap = { overflowWrap: 'anywhere' } as const
/** Table cells break long words only where nothing else fits. */
const cellWrap = { overflowWrap: 'break-word' } as const

function Enrollments({ row }: { row: ImportPreviewRow }) {
  const items = [
    ...row.courses.map((c) => ({ key: `c${c.id}`, label: c.name, from: c.from, done: c.enrolled, doneText: 'already enrolled' })),
    ...row.classes.map((c) => ({ key: `k${c.id}`, label: classLabel(c), from: c.from, done: c.registered, doneText: 'already registered' })),
  ]
  if (items.length === 0) return <Text size="sm">—</Text>
  return (
    <Stack gap={2}>
      {items.map((i) => (
        <Text key={i.key} size="sm" style={wrap}>
          {i.label}
          {i.from === 'options' && (
            <Badge ml={4} size="xs" variant="light" color="blue">
              everyone
            </Badge>
          )}
          {i.done && (
            <Text span size="xs" c="dimmed">
              {' '}
              ({i.doneText})
            </Text>
          )}
        </Text>
      ))}
    </Stack>
  )
}

const groupAndPlan = (row: ImportPreviewRow) =>
  [row.group && `Group: ${namedOrId('group', row.group)}`, row.membership && `Plan: ${namedOrId('plan', row.membership)}`].filter(Boolean).join(' · ') || '—'

function NameCell({ value }: { value: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', ...cellWrap }}>
      {value}
    </Text>
  )
}

const nameSource = (row: ImportPreviewRow) =>
  row.name_from === 'full_name' ? `split from "${row.full_name}"` : row.name_from === 'corrected' ? `corrected (was "${row.full_name}")` : null

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} align="flex-start" wrap="nowrap">
      <Text size="sm" fw={600} miw={96}>
        {label}
      </Text>
      <div style={{ minWidth: 0, flex: 1 }}>{children}</div>
    </Group>
  )
}

export function PreviewRows({ rows }: { rows: ImportPreviewRow[] }) {
  const narrow = useMediaQuery('(max-width: 62em)')
  if (narrow) {
    return (
      <Stack gap="xs" data-testid="import-preview" role="list" aria-label="Preview of the first rows">
        {rows.map((r) => (
          <Paper key={r.row} withBorder p="xs" role="listitem">
            <Stack gap={4}>
              <Text size="sm" fw={700}>
                Row {r.row} · {ACTION_LABEL[r.action]}
              </Text>
              <Field label="Email">
                <Text size="sm" style={wrap}>
                  {r.email}
                </Text>
              </Field>
              <Field label="Name">
                <NameCell value={`${r.first_name} ${r.last_name}`.trim()} />
                {nameSource(r) && (
                  <Text size="xs" c="dimmed" style={wrap}>
                    {nameSource(r)}
                  </Text>
                )}
              </Field>
              <Field label="Password">
                <Text size="sm">{PASSWORD_LABEL[r.password]}</Text>
              </Field>
              <Field label="Enrolled in">
                <Enrollments row={r} />
              </Field>
              <Field label="Group, plan">
                <Text size="sm" style={wrap}>
                  {groupAndPlan(r)}
                </Text>
              </Field>
              {r.custom.length > 0 && (
                <Field label="Custom">
                  <Text size="sm" style={wrap}>
                    {r.custom.join('; ')}
                  </Text>
                </Field>
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>
    )
  }
  return (
    <ScrollArea type="auto" viewportProps={scrollable('Preview of the first rows')}>
      <Table withTableBorder aria-label="Preview of the first rows" data-testid="import-preview" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Row</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">First name</Table.Th>
            <Table.Th scope="col">Last name</Table.Th>
            <Table.Th scope="col">Password</Table.Th>
            <Table.Th scope="col">Enrolled in</Table.Th>
            <Table.Th scope="col">Group, plan</Table.Th>
            <Table.Th scope="col">Custom fields</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.row}>
              <Table.Td>{r.row}</Table.Td>
              <Table.Td>{ACTION_LABEL[r.action]}</Table.Td>
              <Table.Td miw={180} style={cellWrap}>
                {r.email}
              </Table.Td>
              <Table.Td miw={110}>
                <NameCell value={r.first_name} />
                {nameSource(r) && (
                  <Text size="xs" c="dimmed" style={wrap}>
                    {nameSource(r)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td miw={110}>
                <NameCell value={r.last_name} />
              </Table.Td>
              <Table.Td>{PASSWORD_LABEL[r.password]}</Table.Td>
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
