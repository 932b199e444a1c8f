// The preview on phones and tablets: one block per row, a label beside each value (a
// table of nine columns would only scroll sideways there).
import { Group, Paper, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { ImportPreviewRow } from '../../../../shared/operations/import'
import { useT } from '../../i18n'
import { ACTION_LABEL, Enrollments, groupAndPlan, NameCell, NameSource, PASSWORD_LABEL, wrap } from './previewCells'

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

export function PreviewCards({ rows }: { rows: ImportPreviewRow[] }) {
  const t = useT()
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
              <NameSource row={r} />
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
