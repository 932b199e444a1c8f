import { Button, Group, MultiSelect, Stack } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { UserListRecord, UserSortColumn, UserType } from '../../../../shared/operations/users'
import { lmsRead, useLmsQuery } from '../../data/queries'
import { ListSearch } from '../../components/ListSearch'
import { PageHeader } from '../../components/PageHeader'
import { ServerTable } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { useT } from '../../i18n'
import type { ListAddress } from '../../lib/listAddress'
import { useNavigation } from '../../state/navigation'
import { DeleteUserDialog } from './DeleteUserDialog'
import { UserFormModal, type UserEditing } from './UserFormModal'
import { USER_SORTABLE, userColumns } from './userColumns'

export interface UserFilters {
  userType: UserType[]
}

/** #/users?q=ada&type=staff,general&sort=last_name.asc&page=3 (and `user=<id>` opens that user's form). */
const ADDRESS: ListAddress<UserSortColumn, UserFilters> = {
  sortable: USER_SORTABLE,
  writeFilters: (f, params) => {
    if (f.userType.length) params.set('type', f.userType.join(','))
  },
  readFilters: (params) => ({
    // The engine checks the types against its list (a 422 names the allowed ones).
    userType: (params.get('type') ?? '').split(',').filter((t) => /^[a-z_]{1,40}$/.test(t)).slice(0, 10) as UserType[],
  }),
}

export function UsersPage() {
  const [editing, setEditing] = useState<UserEditing>(null)
  const [deleting, setDeleting] = useState<UserListRecord | null>(null)
  const userTypes = useLmsQuery('userTypes.lookup', {})
  const t = useT()
  const list = useServerList<UserListRecord, UserSortColumn, UserFilters>({
    defaultSort: null,
    initialFilters: { userType: [] },
    address: ADDRESS,
    read: (q) =>
      lmsRead('users.tabularList', {
        page_size: q.pageSize,
        page_number: q.page,
        order_by: q.sort ?? undefined,
        search_param: {
          nameOrEmail: q.search || undefined,
          userType: q.filters.userType.length ? q.filters.userType : undefined,
        },
      }),
  })

  // A link to one user (the audit log's) opens their form once, when the page opens.
  const [linked] = useState(() => Number(new URLSearchParams(useNavigation.getState().route.query).get('user')))
  useEffect(() => {
    if (Number.isSafeInteger(linked) && linked > 0) setEditing({ mode: 'edit', id: linked })
  }, [linked])

  const columns = userColumns({
    onEdit: (user) => setEditing({ mode: 'edit', id: user.id }),
    onDelete: setDeleting,
  })

  return (
    <Stack gap="md">
      <PageHeader title={t('users.title')} actions={<Button onClick={() => setEditing({ mode: 'create' })}>{t('users.new')}</Button>} />
      <Group align="flex-end" gap="md">
        <ListSearch label={t('users.search')} placeholder={t('users.searchPlaceholder')} value={list.searchInput} onChange={list.setSearchInput} />
        <MultiSelect
          label={t('users.type')}
          placeholder={list.query.filters.userType.length ? undefined : t('users.allTypes')}
          data={(userTypes.data ?? []).map((type) => ({ value: type.db_value, label: type.display_name }))}
          value={list.query.filters.userType}
          onChange={(values) => list.setFilters({ userType: values as UserType[] })}
          clearable
          w={{ base: '100%', sm: 280 }}
        />
      </Group>
      <ServerTable list={list} columns={columns} label={t('users.title')} rowKey={(u) => u.id} noun="users.noun" empty={t('users.none')} />
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
