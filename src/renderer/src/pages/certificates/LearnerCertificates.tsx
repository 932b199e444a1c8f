// One learner's certificates, in pages however many they hold: download or print each,
// change its issue date, remove it.
import { Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import type { UserCertificateRecord } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { ServerSearchSelect } from '../../components/ServerSearchSelect'
import { ServerTable } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { notifyError } from '../../lib/notify'
import { searchUsers } from '../../lib/pickers'
import { learnerCertificateColumns, type LearnerCertificateSort } from './learnerCertificateColumns'
import type { downloadPdf } from './pdfFiles'
import { RedateCertificateModal } from './RedateCertificateModal'
import { RemoveCertificateDialog } from './RemoveCertificateDialog'
import { lmsRead, useLmsQuery } from '../../data/queries'
import { useI18n, useT } from '../../i18n'

/** Every user is a possible learner: searched on the server, 20 offered at a time. */
const searchLearners = searchUsers()

interface LearnerCertificatesProps {
  userId: number | null
  onUserChange(userId: number | null): void
}

export function LearnerCertificates({ userId, onUserChange }: LearnerCertificatesProps) {
  const learner = useLmsQuery('users.get', { id: userId ?? 0 }, { enabled: Boolean(userId) })
  const list = useServerList<UserCertificateRecord, LearnerCertificateSort, { userId: number | null }>({
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
  const t = useT()

  async function pdf(id: number, then: typeof downloadPdf) {
    try {
      then(await lms.call('certificates.download', { ids: [id], locale: useI18n.getState().locale }))
    } catch (e) {
      notifyError(e, t('certs.learner.makeFailed'))
    }
  }

  const learnerName = learner.data && learner.data.id === userId ? `${learner.data.firstName} ${learner.data.lastName}`.trim() : null
  const columns = learnerCertificateColumns({ onPdf: (id, then) => void pdf(id, then), onRedate: setRedating, onRemove: setRemoving, t })

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
      <RemoveCertificateDialog certificate={removing} onClose={() => setRemoving(null)} />
      <RedateCertificateModal certificate={redating} onClose={() => setRedating(null)} />
    </Stack>
  )
}
