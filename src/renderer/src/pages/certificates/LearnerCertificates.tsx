// One learner's certificates, in pages however many they hold: download or print each,
// change its issue date, remove it.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { UserCertificateRecord } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ServerSearchSelect } from '../../components/ServerSearchSelect'
import { ServerTable, type Column } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { errorMessage } from '../../lib/errors'
import { formatDate, toDate } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { searchUsers } from '../../lib/pickers'
import { downloadPdf, printPdf } from './pdfFiles'
import { lmsRead, useLmsQuery } from '../../data/queries'

/** Every user is a possible learner: searched on the server, 20 offered at a time. */
const searchLearners = searchUsers()

type SortColumn = 'created_at' | 'courseName' | 'issueDate'

/** yyyy-mm-dd of a day in local time, as a date input holds it. */
function dateInputValue(value: string): string {
  const d = toDate(value) ?? new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

interface LearnerCertificatesProps {
  userId: number | null
  onUserChange(userId: number | null): void
}

export function LearnerCertificates({ userId, onUserChange }: LearnerCertificatesProps) {
  const learner = useLmsQuery('users.get', { id: userId ?? 0 }, { enabled: Boolean(userId) })
  const list = useServerList<UserCertificateRecord, SortColumn, { userId: number | null }>({
    defaultSort: { colName: 'created_at', direction: 'desc' },
    initialFilters: { userId },
    pageSize: 25,
    read: (q) =>
      q.filters.userId ? lmsRead('userCertificates.list', { id: q.filters.userId, page_size: q.pageSize, page_number: q.page, order_by: q.sort ?? undefined }) : null,
  })
  const { setFilters } = list
  const listedUser = list.query.filters.userId
  useEffect(() => {
    if (listedUser !== userId) setFilters({ userId })
  }, [userId, listedUser, setFilters])
  const [removing, setRemoving] = useState<UserCertificateRecord | null>(null)
  const [redating, setRedating] = useState<UserCertificateRecord | null>(null)
  const [date, setDate] = useState('')
  const [busy, setBusy] = useState(false)
  const [dateError, setDateError] = useState<string | null>(null)

  async function pdf(id: number, then: typeof downloadPdf) {
    try {
      then(await lms.call('certificates.download', { ids: [id] }))
    } catch (e) {
      notifyError(e, 'The certificate could not be made')
    }
  }

  async function remove() {
    if (!removing) return
    setBusy(true)
    try {
      await lms.call('userCertificates.delete', { id: removing.id })
      notifySuccess(`The certificate for ${removing.courseName} was removed.`)
      setRemoving(null)
    } catch (e) {
      notifyError(e, 'The certificate was not removed')
    } finally {
      setBusy(false)
    }
  }

  async function saveDate() {
    if (!redating) return
    setBusy(true)
    setDateError(null)
    try {
      await lms.call('userCertificates.updateIssueDate', { rowId: redating.id, newIssueDate: `${date} 00:00:00` })
      notifySuccess('The issue date was changed.')
      setRedating(null)
    } catch (e) {
      setDateError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const learnerName = learner.data && learner.data.id === userId ? `${learner.data.firstName} ${learner.data.lastName}`.trim() : null
  const columns: Column<UserCertificateRecord, SortColumn>[] = [
    { key: 'course', header: 'Course', sortBy: 'courseName', render: (c) => c.courseName },
    {
      key: 'code',
      header: 'Code',
      render: (c) => (
        <Text size="sm" ff="monospace">
          {c.code}
        </Text>
      ),
    },
    { key: 'issued', header: 'Issued', sortBy: 'issueDate', render: (c) => formatDate(c.issueDate) },
    { key: 'expires', header: 'Expires', render: (c) => formatDate(c.expiryDate, 'Never') },
    {
      key: 'actions',
      header: 'Actions',
      hiddenHeader: true,
      render: (c) => (
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-sm" variant="subtle" onClick={() => void pdf(c.id, downloadPdf)} aria-label={`Download the certificate for ${c.courseName}`}>
            Download
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={() => void pdf(c.id, printPdf)} aria-label={`Print the certificate for ${c.courseName}`}>
            Print
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => {
              setRedating(c)
              setDate(dateInputValue(c.issueDate))
              setDateError(null)
            }}
            aria-label={`Change the issue date of the certificate for ${c.courseName}`}
          >
            Issue date
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(c)} aria-label={`Remove the certificate for ${c.courseName}`}>
            Remove
          </Button>
        </Group>
      ),
    },
  ]

  return (
    <Stack gap="md">
      <ServerSearchSelect
        label="Learner"
        placeholder="Search by name or email"
        noun={['user', 'users']}
        search={searchLearners}
        value={userId ? String(userId) : null}
        valueLabel={learnerName && learner.data ? `${learnerName} (${learner.data.email})` : null}
        onChange={(v) => onUserChange(v ? Number(v) : null)}
        w={{ base: '100%', sm: 420 }}
      />
      {userId && list.query.filters.userId === userId && (
        <ServerTable
          list={list}
          columns={columns}
          label={`Certificates of ${learnerName ?? 'the learner'}`}
          rowKey={(c) => c.id}
          noun="certificates"
          empty="This learner holds no certificates yet."
        />
      )}
      {!userId && <Text size="sm" c="dimmed">Choose a learner to see their certificates.</Text>}
      <ConfirmDialog opened={removing !== null} title="Remove certificate" confirmLabel="Remove" busy={busy} onConfirm={() => void remove()} onClose={() => setRemoving(null)}>
        {`Remove the certificate for ${removing?.courseName ?? ''} (${removing?.code ?? ''})? The learner will no longer hold it.`}
      </ConfirmDialog>
      <Modal opened={redating !== null} onClose={() => setRedating(null)} title="Change the issue date" centered>
        <Stack gap="sm">
          <TextInput label="New issue date" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={dateError} data-autofocus />
          <Text size="xs" c="dimmed">
            The expiry date moves with it.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRedating(null)} disabled={busy}>
              Cancel
            </Button>
            <Button onClick={() => void saveDate()} loading={busy} disabled={!date}>
              Save
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
