import { Badge, Button, Group, Text } from '@mantine/core'
import type { UserListRecord, UserSortColumn } from '../../../../shared/operations/users'
import { Avatar } from '../../components/Avatar'
import type { Column } from '../../components/ServerTable'
import { formatDate } from '../../lib/format'

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
      header: 'First name',
      sortBy: 'first_name',
      render: (u) => (
        <Group gap="xs" wrap="nowrap">
          <Avatar svg={u.avatar} />
          <Text size="sm">{u.first_name}</Text>
        </Group>
      ),
    },
    { key: 'last_name', header: 'Last name', sortBy: 'last_name', render: (u) => u.last_name },
    { key: 'email', header: 'Email', sortBy: 'email', render: (u) => u.email },
    {
      key: 'user_type',
      header: 'Type',
      sortBy: 'user_type',
      render: (u) => (
        <Group gap={4} wrap="nowrap">
          <Text size="sm">{u.display_user_type}</Text>
          {u.disabled && (
            <Badge size="xs" color="red" variant="light" miw="max-content">
              Disabled
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'created_at', header: 'Created', sortBy: 'created_at', render: (u) => formatDate(u.created_at) },
    { key: 'last_login', header: 'Last login', sortBy: 'last_login', render: (u) => u.last_login },
    {
      key: 'actions',
      header: 'Actions',
      hiddenHeader: true,
      render: (u) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-sm" variant="subtle" onClick={() => onEdit(u)} aria-label={`Edit ${fullName(u)}`}>
            Edit
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => onDelete(u)} aria-label={`Delete ${fullName(u)}`}>
            Delete
          </Button>
        </Group>
      ),
    },
  ]
}
