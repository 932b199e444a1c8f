import { Button, Group, MultiSelect, Stack } from '@mantine/core'
import { useState } from 'react'
import type { UserListRecord, UserSortColumn, UserType } from '../../../../shared/operations/users'
import { lms } from '../../api/client'
import { ListSearch } from '../../components/ListSearch'
import { PageHeader } from '../../components/PageHeader'
import { ServerTable } from '../../components/ServerTable'
import { useLoad } from '../../hooks/useLoad'
import { useServerList } from '../../hooks/useServerList'
import { DeleteUserDialog } from './DeleteUserDialog'
import { UserFormModal, type UserEditing } from './UserFormModal'
import { userColumns } from './userColumns'

export interface UserFilters {
  userType: UserType[]
}

type Editing = UserEditing

export function UsersPage() {
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<UserListRecord | null>(null)
  const userTypes = useLoad(() => lms.call('userTypes.lookup', {}))
  const list = useServerList<UserListRecord, UserSortColumn, UserFilters>({
    defaultSort: null,
    initialFilters: { userType: [] },
    load: (q) =>
      lms.call('users.tabularList', {
        page_size: q.pageSize,
        page_number: q.page,
        order_by: q.sort ?? undefined,
        search_param: {
          nameOrEmail: q.search || undefined,
          userType: q.filters.userType.length ? q.filters.userType : undefined,
        },
      }),
  })

  const columns = userColumns({
    onEdit: (user) => setEditing({ mode: 'edit', id: user.id }),
    onDelete: setDeleting,
  })

  return (
    <Stack gap="md">
      <PageHeader
        title="Users"
        actions={
          <Button onClick={() => setEditing({ mode: 'create' })}>New user</Button>
        }
      />
      <Group align="flex-end" gap="md">
        <ListSearch label="Search users" placeholder="Name or email" value={list.searchInput} onChange={list.setSearchInput} />
        <MultiSelect
          label="User type"
          placeholder={list.query.filters.userType.length ? undefined : 'All types'}
          data={(userTypes.data ?? []).map((t) => ({ value: t.db_value, label: t.display_name }))}
          value={list.query.filters.userType}
          onChange={(values) => list.setFilters({ userType: values as UserType[] })}
          clearable
          w={{ base: '100%', sm: 280 }}
        />
      </Group>
      <ServerTable list={list} columns={columns} label="Users" rowKey={(u) => u.id} noun="users" empty="No users match the search." />
      <UserFormModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          list.reload()
        }}
      />
      <DeleteUserDialog
        user={deleting}
        onClose={() => setDeleting(null)}
        onDone={() => {
          setDeleting(null)
          list.reload()
        }}
      />
    </Stack>
  )
}
