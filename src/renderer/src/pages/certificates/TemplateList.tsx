// The certificate templates in pages, with the courses using each; delete asks first and
// reports the templates a course still uses.
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

type SortColumn = 'id' | 'name' | 'author' | 'created_at'

export function TemplateList({ onEdit }: { onEdit(id: number | 'new'): void }) {
  const [deleting, setDeleting] = useState<CertificateTemplateListRecord | null>(null)
  const [busy, setBusy] = useState(false)
  const list = useServerList<CertificateTemplateListRecord, SortColumn, Record<string, never>>({
    defaultSort: null,
    initialFilters: {},
    load: (q) =>
      lms.call('certificateTemplates.tabularList', {
        page_size: q.pageSize,
        page_number: q.page,
        order_by: q.sort ?? undefined,
        search_param: { templateName: q.search || undefined },
      }),
  })
  const columns: Column<CertificateTemplateListRecord, SortColumn>[] = [
    { key: 'name', header: 'Name', sortBy: 'name', render: (t) => t.name },
    { key: 'courses', header: 'Used by', render: (t) => t.courses || <Text size="sm" c="dimmed">No course</Text> },
    { key: 'author', header: 'Author', sortBy: 'author', render: (t) => t.author },
    { key: 'created_at', header: 'Created', sortBy: 'created_at', render: (t) => formatDateTime(t.created_at) },
    {
      key: 'actions',
      header: 'Actions',
      hiddenHeader: true,
      render: (t) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-sm" variant="subtle" onClick={() => onEdit(t.id)} aria-label={`Edit ${t.name}`}>
            Edit
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(t)} aria-label={`Delete ${t.name}`}>
            Delete
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
      if (/not deleted/.test(answer.message)) notifyWarning(answer.message, `"${deleting.name}" was kept`)
      else notifySuccess(`"${deleting.name}" was deleted.`)
      setDeleting(null)
      list.reload()
    } catch (e) {
      notifyError(e, 'The template was not deleted')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <ListSearch label="Search templates" placeholder="Template name" value={list.searchInput} onChange={list.setSearchInput} />
        <Button onClick={() => onEdit('new')}>New template</Button>
      </Group>
      <ServerTable list={list} columns={columns} label="Certificate templates" rowKey={(t) => t.id} noun="templates" empty="No templates match the search." />
      <ConfirmDialog opened={deleting !== null} title="Delete template" confirmLabel="Delete" busy={busy} onConfirm={() => void remove()} onClose={() => setDeleting(null)}>
        {deleting?.courses
          ? `"${deleting.name}" is used by ${deleting.courses}; it will be kept until no course uses it.`
          : `Delete "${deleting?.name}"? Certificates already issued from it keep their own copy.`}
      </ConfirmDialog>
    </Stack>
  )
}
