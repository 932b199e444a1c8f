// One learner's certificates: download or print each, change its issue date, remove it.
import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core'
import { useState } from 'react'
import type { UserCertificateRecord } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ServerSearchSelect, type PickerPage } from '../../components/ServerSearchSelect'
import { useLoad } from '../../hooks/useLoad'
import { errorMessage } from '../../lib/errors'
import { formatDate, toDate } from '../../lib/format'
import { notifyError, notifySuccess } from '../../lib/notify'
import { downloadPdf, printPdf } from './pdfFiles'

/** Every user is a possible learner: searched on the server, 20 offered at a time. */
async function searchUsers(text: string): Promise<PickerPage> {
  const page = await lms.call('users.tabularList', {
    page_size: 20,
    page_number: 1,
    order_by: { colName: 'first_name', direction: 'asc' },
    search_param: text ? { nameOrEmail: text } : undefined,
  })
  return { total: page.recordsFiltered, options: page.records.map((u) => ({ value: String(u.id), label: `${`${u.first_name} ${u.last_name}`.trim()} (${u.email})` })) }
}

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
  const learner = useLoad(() => (userId ? lms.call('users.get', { id: userId }) : Promise.resolve(null)), userId)
  const list = useLoad(
    () => (userId ? lms.call('userCertificates.list', { id: userId, page_size: 100, page_number: 1, order_by: { colName: 'created_at', direction: 'desc' } }) : Promise.resolve(null)),
    userId,
  )
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
      list.reload()
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
      list.reload()
    } catch (e) {
      setDateError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const records = list.data?.records ?? []
  const learnerName = learner.data && learner.data.id === userId ? `${learner.data.firstName} ${learner.data.lastName}`.trim() : null

  return (
    <Stack gap="md">
      <ServerSearchSelect
        label="Learner"
        placeholder="Search by name or email"
        noun={['user', 'users']}
        search={searchUsers}
        value={userId ? String(userId) : null}
        valueLabel={learnerName && learner.data ? `${learnerName} (${learner.data.email})` : null}
        onChange={(v) => onUserChange(v ? Number(v) : null)}
        w={{ base: '100%', sm: 420 }}
      />
      {list.error && (
        <Alert color="red" title="The certificates could not be loaded" role="alert">
          {list.error}
        </Alert>
      )}
      {userId && list.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={`Certificates of ${learnerName ?? 'the learner'}`} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Course</Table.Th>
                <Table.Th>Code</Table.Th>
                <Table.Th>Issued</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.courseName}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {c.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(c.issueDate)}</Table.Td>
                  <Table.Td>{formatDate(c.expiryDate, 'Never')}</Table.Td>
                  <Table.Td>
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
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!records.length && <Text size="sm">This learner holds no certificates yet.</Text>}
        </Table.ScrollContainer>
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
