// The issuing table's columns: a tick box (disabled where nothing can be done for the
// learner), the learner, their enrollment, when they finished, and their certificate.
import { Anchor, Checkbox, Text } from '@mantine/core'
import type { SortKey } from '../../../../shared/operations/lists'
import type { CertificateCandidate } from '../../../../shared/operations/certificates'
import type { Column } from '../../components/ServerTable'
import type { useT } from '../../i18n'
import { formatDate } from '../../lib/format'
import { enrollmentStatusText } from '../courses/enrolledColumns'
import type { IssueSelection } from './useIssueSelection'

export type CandidateSort = SortKey<'certificates.candidates'>

interface ColumnsOptions {
  selection: Pick<IssueSelection, 'chosen' | 'allFinished' | 'toggle'>
  templateMissing: boolean
  onShowLearner(userId: number): void
  t: ReturnType<typeof useT>
}

export function candidateColumns({ selection, templateMissing, onShowLearner, t }: ColumnsOptions): Column<CertificateCandidate, CandidateSort>[] {
  const { chosen, allFinished, toggle } = selection
  return [
    {
      key: 'select',
      header: 'certs.issue.select',
      width: 70,
      render: (l) => {
        const issuable = l.status === 'Completed' && l.certificateId === null
        const selectable = l.certificateId !== null || (issuable && !templateMissing)
        return (
          <Checkbox
            aria-label={t('certs.issue.selectNamed', { name: l.name })}
            disabled={!selectable || (allFinished && issuable)}
            checked={chosen.has(l.enrollmentId) || (allFinished && issuable)}
            onChange={(e) => toggle(l, e.currentTarget.checked)}
          />
        )
      },
    },
    {
      key: 'name',
      header: 'certs.issue.learner',
      sortBy: 'name',
      render: (l) => (
        <>
          <Anchor component="button" type="button" size="sm" onClick={() => onShowLearner(l.userId)}>
            {l.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            <bdi>{l.email}</bdi>
          </Text>
        </>
      ),
    },
    { key: 'status', header: 'certs.issue.status', sortBy: 'status', render: (l) => enrollmentStatusText(l.status) },
    { key: 'completedAt', header: 'certs.issue.completed', sortBy: 'completedAt', render: (l) => formatDate(l.completedAt) },
    {
      key: 'certificate',
      header: 'certs.issue.certificate',
      sortBy: 'issuedAt',
      render: (l) =>
        l.certificateCode
          ? t.rich('certs.issue.codeOn', { code: <bdi>{l.certificateCode}</bdi>, date: formatDate(l.issuedAt) })
          : l.status === 'Completed'
            ? t('certs.issue.notIssued')
            : t('certs.issue.notFinished'),
    },
  ]
}
