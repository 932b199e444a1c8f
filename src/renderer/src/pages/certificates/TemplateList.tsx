// The certificate templates in pages, with the courses using each; delete asks first and
// reports the templates a course still uses.
import type { SortKey } from '../../../../shared/operations/lists'
import { Button, Group, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import type { CertificateTemplateListRecord } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ListSearch } from '../../components/ListSearch'
import { ServerTable, type Column } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { formatDateTime } from '../../lib/format'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import { lmsRead } from '../../data/queries'
import { useT } from '../../i18n'
import { apiMessage } from '../../lib/apiMessage'

type SortColumn = SortKey<'certificateTemplates.tabularList'>

export function TemplateList({ onEdit }: { onEdit(id: number | 'new'): void }) {
  const [deleting, setDeleting] = useState<CertificateTemplateListRecord | null>(null)
  const [busy, setBusy] = useState(false)
  const t = useT()
  const list = useServerList<CertificateTemplateListRecord, SortColumn, Record<string, never>>({
    defaultSort: null,
    initialFilters: {},
    read: (q) =>
      lmsRead('certificateTemplates.tabularList', {
        page_size: q.pageSize,
        page_number: q.page,
        order_by: q.sort ?? undefined,
        search_param: { templateName: q.search || undefined },
      }),
  })
  const columns: Column<CertificateTemplateListRecord, SortColumn>[] = [
    { key: 'name', header: 'certs.list.name', sortBy: 'name', render: (row) => row.name },
    { key: 'courses', header: 'certs.list.usedBy', render: (row) => row.courses || <Text size="sm" c="dimmed">{t('certs.list.noCourse')}</Text> },
    { key: 'author', header: 'certs.list.author', sortBy: 'author', render: (row) => row.author },
    { key: 'created_at', header: 'certs.list.created', sortBy: 'created_at', render: (row) => formatDateTime(row.created_at) },
    {
      key: 'actions',
      header: 'common.actions',
      hiddenHeader: true,
      render: (row) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-sm" variant="subtle" onClick={() => onEdit(row.id)} aria-label={t('common.editNamed', { name: row.name })}>
            {t('common.edit')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(row)} aria-label={t('common.deleteNamed', { name: row.name })}>
            {t('common.delete')}
          </Button>
        </Group>
      ),
    },
  ]

  async function remove() {
    if (!deleting) return
    setBusy(true)
    try {
      const answer = await lms.call('certificateTemplates.delete', { delete_ids: [deleting.id] })
      if (/not deleted/.test(answer.message)) notifyWarning(apiMessage(answer.message, 'certs.list.keptBody'), t('certs.list.kept', { name: deleting.name }))
      else notifySuccess(t('certs.list.deleted', { name: deleting.name }))
      setDeleting(null)
    } catch (e) {
      notifyError(e, t('certs.list.deleteFailed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <ListSearch label={t('certs.list.search')} placeholder={t('certs.list.searchPlaceholder')} value={list.searchInput} onChange={list.setSearchInput} />
        <Button onClick={() => onEdit('new')}>{t('certs.list.new')}</Button>
      </Group>
      <ServerTable list={list} columns={columns} label={t('certs.list.label')} rowKey={(row) => row.id} noun="certs.list.noun" empty={t('certs.list.none')} />
      <ConfirmDialog opened={deleting !== null} title={t('certs.list.deleteTitle')} confirmLabel={t('common.delete')} busy={busy} onConfirm={() => void remove()} onClose={() => setDeleting(null)}>
        {deleting?.courses ? t('certs.list.inUse', { name: deleting.name, courses: deleting.courses }) : t('certs.list.deleteConfirm', { name: deleting?.name ?? '' })}
      </ConfirmDialog>
    </Stack>
  )
}
