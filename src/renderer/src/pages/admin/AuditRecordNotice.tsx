// Says that the audit log shows one record's history (from a row's "History"), with the
// way back to the whole log.
import { Alert, Button, Group } from '@mantine/core'
import type { AuditRecordType } from '../../../../shared/operations/audit'
import { useT } from '../../i18n'

interface Props {
  type: '' | AuditRecordType
  record: { id: number; label: string }
  onShowAll(): void
}

export function AuditRecordNotice({ type, record, onShowAll }: Props) {
  const t = useT()
  return (
    <Alert color="blue" role="status">
      <Group justify="space-between" gap="sm">
        <span>{t(type === 'Course' ? 'audit.onlyCourse' : 'audit.onlyUser', { name: record.label || `#${record.id}` })}</span>
        <Button size="compact-sm" variant="white" onClick={onShowAll}>
          {t('audit.showAll')}
        </Button>
      </Group>
    </Alert>
  )
}
