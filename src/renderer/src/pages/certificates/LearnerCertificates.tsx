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
import { t as translate, useI18n, useT } from '../../i18n'

/** Every user is a possible learner: searched on the server, 20 offered at a time. */
async function searchUsers(text: string): Promise<PickerPage> {
  const page = await lms.call('users.tabularList', {
    page_size: 20,
    page_number: 1,
    order_by: { colName: 'first_name', direction: 'asc' },
    search_param: text ? { nameOrEmail: text } : undefined,
  })
  return { total: page.recordsFiltered, options: page.records.map((u) => ({ value: String(u.id), label: translate('certs.learner.label', { name: `${u.first_name} ${u.last_name}`.trim(), email: u.email }) })) }
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
  const t = useT()

  async function pdf(id: number, then: typeof downloadPdf) {
    try {
      then(await lms.call('certificates.download', { ids: [id], locale: useI18n.getState().locale }))
    } catch (e) {
      notifyError(e, t('certs.learner.makeFailed'))
    }
  }

  async function remove() {
    if (!removing) return
    setBusy(true)
    try {
      await lms.call('userCertificates.delete', { id: removing.id })
      notifySuccess(t('certs.learner.removed', { course: removing.courseName }))
      setRemoving(null)
      list.reload()
    } catch (e) {
      notifyError(e, t('certs.learner.removeFailed'))
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
      notifySuccess(t('certs.learner.dateChanged'))
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
        label={t('certs.learner.learner')}
        placeholder={t('certs.learner.search')}
        noun="user"
        search={searchUsers}
        value={userId ? String(userId) : null}
        valueLabel={learnerName && learner.data ? t('certs.learner.label', { name: learnerName, email: learner.data.email }) : null}
        onChange={(v) => onUserChange(v ? Number(v) : null)}
        w={{ base: '100%', sm: 420 }}
      />
      {list.error && (
        <Alert color="red" title={t('certs.learner.loadFailed')} role="alert">
          {list.error}
        </Alert>
      )}
      {userId && list.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('certs.learner.tableOf', { name: learnerName ?? t('certs.learner.theLearner') })} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('certs.learner.course')}</Table.Th>
                <Table.Th>{t('certs.learner.code')}</Table.Th>
                <Table.Th>{t('certs.learner.issued')}</Table.Th>
                <Table.Th>{t('certs.learner.expires')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.courseName}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" dir="ltr">
                      {c.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(c.issueDate)}</Table.Td>
                  <Table.Td>{formatDate(c.expiryDate, t('certs.learner.never'))}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-sm" variant="subtle" onClick={() => void pdf(c.id, downloadPdf)} aria-label={t('certs.learner.downloadLabel', { course: c.courseName })}>
                        {t('certs.learner.download')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" onClick={() => void pdf(c.id, printPdf)} aria-label={t('certs.learner.printLabel', { course: c.courseName })}>
                        {t('certs.learner.print')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => {
                          setRedating(c)
                          setDate(dateInputValue(c.issueDate))
                          setDateError(null)
                        }}
                        aria-label={t('certs.learner.dateLabel', { course: c.courseName })}
                      >
                        {t('certs.learner.date')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(c)} aria-label={t('certs.learner.removeLabel', { course: c.courseName })}>
                        {t('certs.learner.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!records.length && <Text size="sm">{t('certs.learner.none')}</Text>}
        </Table.ScrollContainer>
      )}
      {!userId && <Text size="sm" c="dimmed">{t('certs.learner.choose')}</Text>}
      <ConfirmDialog opened={removing !== null} title={t('certs.learner.removeTitle')} confirmLabel={t('certs.learner.remove')} busy={busy} onConfirm={() => void remove()} onClose={() => setRemoving(null)}>
        {t('certs.learner.removeConfirm', { course: removing?.courseName ?? '', code: removing?.code ?? '' })}
      </ConfirmDialog>
      <Modal opened={redating !== null} onClose={() => setRedating(null)} title={t('certs.learner.dateTitle')} centered>
        <Stack gap="sm">
          <TextInput label={t('certs.learner.newDate')} type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={dateError} data-autofocus />
          <Text size="xs" c="dimmed">
            {t('certs.learner.expiryMoves')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRedating(null)} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void saveDate()} loading={busy} disabled={!date}>
              {t('certs.learner.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
