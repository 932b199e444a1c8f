// What the preview shows of a row, in the table and in the blocks alike: the action and
// password labels, the name with where it came from, everything the row is enrolled in,
// and its group and plan.
import { Badge, Stack, Text } from '@mantine/core'
import type { ImportPreviewRow } from '../../../../shared/operations/import'
import { classLabel, namedOrId } from './describe'
import { t, useT, type MessageId } from '../../i18n'

export const ACTION_LABEL: Record<ImportPreviewRow['action'], MessageId> = {
  create: 'import.action.create',
  update: 'import.action.update',
  skip: 'import.action.skip',
  error: 'import.action.error',
}
export const PASSWORD_LABEL: Record<ImportPreviewRow['password'], MessageId> = { given: 'import.password.given', generated: 'import.password.generated', kept: 'import.password.kept' }
export const wrap = { overflowWrap: 'anywhere' } as const
/** Table cells break long words only where nothing else fits. */
export const cellWrap = { overflowWrap: 'break-word' } as const

export function Enrollments({ row }: { row: ImportPreviewRow }) {
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

export const groupAndPlan = (row: ImportPreviewRow) =>
  [row.group && t('import.groupIs', { name: namedOrId('group', row.group) }), row.membership && t('import.planIs', { name: namedOrId('plan', row.membership) })].filter(Boolean).join(' · ') || '—'

export function NameCell({ value }: { value: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', ...cellWrap }}>
      {value}
    </Text>
  )
}

const nameSource = (row: ImportPreviewRow) =>
  row.name_from === 'full_name' ? t('import.splitFrom', { name: row.full_name ?? '' }) : row.name_from === 'corrected' ? t('import.correctedFrom', { name: row.full_name ?? '' }) : null

/** Where a split or corrected name came from (nothing for a name read as it was). */
export function NameSource({ row }: { row: ImportPreviewRow }) {
  const source = nameSource(row)
  if (!source) return null
  return (
    <Text size="xs" c="dimmed" style={wrap}>
      {source}
    </Text>
  )
}
