// The first rows as the import will store them, with everything each row gets: its own
// courses and classes and the ones chosen for everyone, the group and the membership plan.
// A table on wide screens; on phones and tablets, one block per row (a table of nine
// columns would only scroll sideways there).
import { Badge, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import type { ReactNode } from 'react'
import type { ImportPreviewRow } from '../../../../shared/operations/import'
import { classLabel, namedOrId } from './describe'
import { scrollable } from './files'
import { t, useT, type MessageId } from '../../i18n'

const ACTION_LABEL: Record<ImportPreviewRow['action'], MessageId> = {
  create: 'import.action.create',
  update: 'import.action.update',
  skip: 'import.action.skip',
  error: 'import.action.error',
}
const PASSWORD_LABEL: Record<ImportPreviewRow['password'], MessageId> = { given: 'import.password.given', generated: 'import.password.generated', kept: 'import.password.kept' }
const wrap = { overflowWrap: 'anywhere' } as const
/** Table cells break long words only where nothing else fits. */
const cellWrap = { overflowWrap: 'break-word' } as const

function Enrollments({ row }: { row: ImportPreviewRow }) {
  const t = useT()
  const items = [
    ...row.courses.map((c) => ({ key: `c${c.id}`, label: c.name, from: c.from, done: c.enrolled, doneText: t('import.alreadyEnrolled') })),
    ...row.classes.map((c) => ({ key: `k${c.id}`, label: classLabel(c), from: c.from, done: c.registered, doneText: t('import.alreadyRegistered') })),
  ]
  if (items.length === 0) return <Text size="sm">—</Text>
  return (
    <Stack gap={2}>
      {items.map((i) => (
        <Text key={i.key} size="sm" style={wrap}>
          {i.label}
          {i.from === 'options' && (
            <Badge ms={4} size="xs" variant="light" color="blue">
              {t('import.everyoneBadge')}
            </Badge>
          )}
          {i.done && (
            <Text span size="xs" c="dimmed">
              {` ${t('import.done', { what: i.doneText })}`}
            </Text>
          )}
        </Text>
      ))}
    </Stack>
  )
}

const groupAndPlan = (row: ImportPreviewRow) =>
  [row.group && t('import.groupIs', { name: namedOrId('group', row.group) }), row.membership && t('import.planIs', { name: namedOrId('plan', row.membership) })].filter(Boolean).join(' · ') || '—'

function NameCell({ value }: { value: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', ...cellWrap }}>
      {value}
    </Text>
  )
}

const nameSource = (row: ImportPreviewRow) =>
  row.name_from === 'full_name' ? t('import.splitFrom', { name: row.full_name ?? '' }) : row.name_from === 'corrected' ? t('import.correctedFrom', { name: row.full_name ?? '' }) : null

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
  const t = useT()
  if (narrow) {
    return (
      <Stack gap="xs" data-testid="import-preview" role="list" aria-label={t('import.preview')}>
        {rows.map((r) => (
          <Paper key={r.row} withBorder p="xs" role="listitem">
            <Stack gap={4}>
              <Text size="sm" fw={700}>
                {t('import.rowAction', { row: String(r.row), action: t(ACTION_LABEL[r.action]) })}
              </Text>
              <Field label={t('import.p.email')}>
                <Text size="sm" style={wrap}>
                  <bdi>{r.email}</bdi>
                </Text>
              </Field>
              <Field label={t('import.p.name')}>
                <NameCell value={`${r.first_name} ${r.last_name}`.trim()} />
                {nameSource(r) && (
                  <Text size="xs" c="dimmed" style={wrap}>
                    {nameSource(r)}
                  </Text>
                )}
              </Field>
              <Field label={t('import.p.password')}>
                <Text size="sm">{t(PASSWORD_LABEL[r.password])}</Text>
              </Field>
              <Field label={t('import.p.enrolledIn')}>
                <Enrollments row={r} />
              </Field>
              <Field label={t('import.p.groupPlan')}>
                <Text size="sm" style={wrap}>
                  {groupAndPlan(r)}
                </Text>
              </Field>
              {r.custom.length > 0 && (
                <Field label={t('import.p.custom')}>
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
                {nameSource(r) && (
                  <Text size="xs" c="dimmed" style={wrap}>
                    {nameSource(r)}
                  </Text>
                )}
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
