// The choice that changes which list an admin group shows (category types), labelled by
// its own text above it.
import { SegmentedControl, Stack, Text } from '@mantine/core'
import { useT } from '../../i18n'
import type { AdminConfig } from './adminConfig'

type AdminScope = NonNullable<AdminConfig<{ id: number }>['scope']>

export function AdminScopeFilter({ scope, value, onChange }: { scope: AdminScope; value: string; onChange: (value: string) => void }) {
  const t = useT()
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="admin-scope-label">
        {t(scope.label)}
      </Text>
      <SegmentedControl aria-labelledby="admin-scope-label" data={scope.options.map((o) => ({ value: o.value, label: t(o.label) }))} value={value} onChange={onChange} />
    </Stack>
  )
}
