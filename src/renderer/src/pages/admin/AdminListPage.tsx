// The one list-and-form screen every admin group uses: a searchable, sortable, paged list
// from the group's list operation, create and edit in AdminFormModal, and delete after a
// confirmation that says when the engine may refuse (the refusal is shown as it answers).
import { Alert, Button, Group, Stack } from '@mantine/core'
import { useState } from 'react'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ListSearch } from '../../components/ListSearch'
import { PageHeader } from '../../components/PageHeader'
import { ServerTable, type Column } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { useT } from '../../i18n'
import type { AdminConfig } from './adminConfig'
import { AdminFormModal, type AdminEditing } from './AdminFormModal'
import { AdminRowActions } from './AdminRowActions'
import { AdminScopeFilter } from './AdminScopeFilter'
import { useAdminDelete } from './useAdminDelete'

export function AdminListPage<R extends { id: number }, C extends string>({ config }: { config: AdminConfig<R, C> }) {
  const [editing, setEditing] = useState<AdminEditing>(null)
  // What was last saved, said on the page until the next change (a notification passes).
  const [notice, setNotice] = useState<string | null>(null)
  const { deleting, setDeleting, busy, confirmDelete } = useAdminDelete(config, () => setNotice(null))
  const t = useT()
  const group = config.group
  const list = useServerList<R, C, { scope: string }>({
    defaultSort: config.defaultSort,
    initialFilters: { scope: config.scope?.initial ?? '' },
    read: (q) => config.read({ page: q.page, pageSize: q.pageSize, sort: q.sort, search: q.search, scope: q.filters.scope }),
  })

  const { form, remove } = config
  const columns: Column<R, C>[] = [
    ...config.columns,
    ...(form || remove
      ? [
          {
            key: 'actions',
            header: 'common.actions' as const,
            hiddenHeader: true,
            render: (row: R) => (
              <AdminRowActions
                name={config.describe(row)}
                onEdit={form ? () => setEditing({ mode: 'edit', id: row.id }) : undefined}
                onDelete={remove ? () => setDeleting(row) : undefined}
              />
            ),
          },
        ]
      : []),
  ]

  const scope = list.query.filters.scope
  return (
    <Stack gap="md">
      <PageHeader title={t(config.title)} actions={form && <Button onClick={() => setEditing({ mode: 'create', scope })}>{t('admin.new', { group })}</Button>} />
      {notice && (
        <Alert color="teal" role="status" data-testid="saved-notice" withCloseButton closeButtonLabel={t('admin.dismiss')} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <Group align="flex-end" gap="md">
        <ListSearch label={t(config.searchLabel)} placeholder={t(config.searchPlaceholder)} value={list.searchInput} onChange={list.setSearchInput} />
        {config.scope && (
          <AdminScopeFilter scope={config.scope} value={scope} onChange={(value) => list.setFilters({ scope: value })} />
        )}
      </Group>
      <ServerTable list={list} columns={columns} label={t(config.title)} rowKey={(row) => row.id} noun={config.noun} empty={t('admin.none')} />
      {form && (
        <AdminFormModal
          group={group}
          form={form}
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={({ created, name }) => {
            setNotice(t(created ? 'admin.createdNotice' : 'admin.savedNotice', { group, name }))
            setEditing(null)
            list.reload()
          }}
        />
      )}
      {remove && (
        <ConfirmDialog opened={deleting !== null} title={t('admin.delete', { group })} confirmLabel={t('admin.delete', { group })} busy={busy} onConfirm={confirmDelete} onClose={() => setDeleting(null)}>
          {remove.note
            ? t('admin.deleteConfirmNote', { name: deleting ? config.describe(deleting) : '', note: t(remove.note) })
            : t('admin.deleteConfirm', { name: deleting ? config.describe(deleting) : '' })}
        </ConfirmDialog>
      )}
    </Stack>
  )
}
