// One learner's certificates, in pages however many they hold: download or print each,
// change its issue date, remove it.
import type { SortKey } from '../../../../shared/operations/lists'
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
import { useI18n, useT } from '../../i18n'

/** Every user is a possible learner: searched on the server, 20 offered at a time. */
const searchLearners = searchUsers()

type SortColumn = SortKey<'userCertificates.list'>

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
    } catch (e) {
      setDateError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const learnerName = learner.data && learner.data.id === userId ? `${learner.data.firstName} ${learner.data.lastName}`.trim() : null
  const columns: Column<UserCertificateRecord, SortColumn>[] = [
    { key: 'course', header: 'certs.learner.course', sortBy: 'courseName', render: (c) => c.courseName },
    {
      key: 'code',
      header: 'certs.learner.code',
      render: (c) => (
        <Text size="sm" ff="monospace" dir="ltr">
          {c.code}
        </Text>
      ),
    },
    { key: 'issued', header: 'certs.learner.issued', sortBy: 'issueDate', render: (c) => formatDate(c.issueDate) },
    { key: 'expires', header: 'certs.learner.expires', render: (c) => formatDate(c.expiryDate, t('certs.learner.never')) },
    {
      key: 'actions',
      header: 'common.actions',
      hiddenHeader: true,
      render: (c) => (
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
      ),
    },
  ]

  return (
    <Stack gap="md">
      <ServerSearchSelect
        label={t('certs.learner.learner')}
        placeholder={t('certs.learner.search')}
        noun="user"
        search={searchLearners}
        value={userId ? String(userId) : null}
        valueLabel={learnerName && learner.data ? t('certs.learner.label', { name: learnerName, email: learner.data.email }) : null}
        onChange={(v) => onUserChange(v ? Number(v) : null)}
        w={{ base: '100%', sm: 420 }}
      />
      {userId && list.query.filters.userId === userId && (
        <ServerTable
          list={list}
          columns={columns}
          label={t('certs.learner.tableOf', { name: learnerName ?? t('certs.learner.theLearner') })}
          rowKey={(c) => c.id}
          noun="certs.learner.noun"
          empty={t('certs.learner.none')}
        />
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
