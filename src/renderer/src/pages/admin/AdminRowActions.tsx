// The edit and delete buttons at the end of an admin list's row, each named for the row
// it acts on; a group without a form or a delete has no such button.
import { Button, Group } from '@mantine/core'
import { useT } from '../../i18n'

export function AdminRowActions({ name, onEdit, onDelete }: { name: string; onEdit?: () => void; onDelete?: () => void }) {
  const t = useT()
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {onEdit && (
        <Button size="compact-sm" variant="subtle" onClick={onEdit} aria-label={t('common.editNamed', { name })}>
          {t('common.edit')}
        </Button>
      )}
      {onDelete && (
        <Button size="compact-sm" variant="subtle" color="red" onClick={onDelete} aria-label={t('common.deleteNamed', { name })}>
          {t('common.delete')}
        </Button>
      )}
    </Group>
  )
}
