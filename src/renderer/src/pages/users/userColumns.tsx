import { Badge, Button, Group, Text } from '@mantine/core'
import type { UserListRecord, UserSortColumn } from '../../../../shared/operations/users'
import { Avatar } from '../../components/Avatar'
import type { Column } from '../../components/ServerTable'
import { t } from '../../i18n'
import { formatDate, formatDateTime } from '../../lib/format'

interface Actions {
  onEdit(user: UserListRecord): void
  onDelete(user: UserListRecord): void
}

/** The columns this table sorts by (the address may name only these). */
export const USER_SORTABLE: readonly UserSortColumn[] = ['first_name', 'last_name', 'email', 'user_type', 'created_at', 'last_login']

const fullName = (u: UserListRecord) => [u.first_name, u.last_name].filter(Boolean).join(' ')

export function userColumns({ onEdit, onDelete }: Actions): Column<UserListRecord, UserSortColumn>[] {
  return [
    {
      key: 'first_name',
      header: 'users.col.firstName',
      sortBy: 'first_name',
      render: (u) => (
        <Group gap="xs" wrap="nowrap">
          <Avatar svg={u.avatar} />
          <Text size="sm">{u.first_name}</Text>
        </Group>
      ),
    },
    { key: 'last_name', header: 'users.col.lastName', sortBy: 'last_name', render: (u) => u.last_name },
    { key: 'email', header: 'users.col.email', sortBy: 'email', render: (u) => <bdi>{u.email}</bdi> },
    {
      key: 'user_type',
      header: 'users.col.type',
      sortBy: 'user_type',
      render: (u) => (
        <Group gap={4} wrap="nowrap">
          <Text size="sm">{u.display_user_type}</Text>
          {u.disabled && (
            <Badge size="xs" color="red" variant="light" miw="max-content">
              {t('users.disabled')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'created_at', header: 'users.col.created', sortBy: 'created_at', render: (u) => formatDate(u.created_at) },
    { key: 'last_login', header: 'users.col.lastLogin', sortBy: 'last_login', render: (u) => formatDateTime(u.last_login) },
    {
      key: 'actions',
      header: 'common.actions',
      hiddenHeader: true,
      render: (u) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-sm" variant="subtle" onClick={() => onEdit(u)} aria-label={t('common.editNamed', { name: fullName(u) })}>
            {t('common.edit')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => onDelete(u)} aria-label={t('common.deleteNamed', { name: fullName(u) })}>
            {t('common.delete')}
          </Button>
        </Group>
      ),
    },
  ]
}
