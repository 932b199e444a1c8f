// The learner's certificates table: course, code, issued and expiry dates, and per
// certificate download, print, change its date and remove.
import { Button, Group, Text } from '@mantine/core'
import type { SortKey } from '../../../../shared/operations/lists'
import type { UserCertificateRecord } from '../../../../shared/operations/certificates'
import type { Column } from '../../components/ServerTable'
import type { useT } from '../../i18n'
import { formatDate } from '../../lib/format'
import { downloadPdf, printPdf } from './pdfFiles'

export type LearnerCertificateSort = SortKey<'userCertificates.list'>

interface ColumnsOptions {
  /** Makes the certificate's PDF and hands it to download or print. */
  onPdf(id: number, then: typeof downloadPdf): void
  onRedate(certificate: UserCertificateRecord): void
  onRemove(certificate: UserCertificateRecord): void
  t: ReturnType<typeof useT>
}

export function learnerCertificateColumns({ onPdf, onRedate, onRemove, t }: ColumnsOptions): Column<UserCertificateRecord, LearnerCertificateSort>[] {
  return [
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
          <Button size="compact-sm" variant="subtle" onClick={() => onPdf(c.id, downloadPdf)} aria-label={t('certs.learner.downloadLabel', { course: c.courseName })}>
            {t('certs.learner.download')}
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={() => onPdf(c.id, printPdf)} aria-label={t('certs.learner.printLabel', { course: c.courseName })}>
            {t('certs.learner.print')}
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={() => onRedate(c)} aria-label={t('certs.learner.dateLabel', { course: c.courseName })}>
            {t('certs.learner.date')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => onRemove(c)} aria-label={t('certs.learner.removeLabel', { course: c.courseName })}>
            {t('certs.learner.remove')}
          </Button>
        </Group>
      ),
    },
  ]
}
