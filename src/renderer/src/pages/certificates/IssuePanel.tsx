// Issuing: choose a course, see its learners in pages (searched, filtered and counted on the
// server, however many there are), tick learners on any page or select everyone who finished
// (chosen on the server, not from the pages seen), issue in batches with a progress bar and a
// stop button; then download or print the chosen learners' certificates.
import { Alert, Group, NativeSelect, Stack, Text } from '@mantine/core'
import type { CandidateCounts, CandidateShow, CertificateCandidate } from '../../../../shared/operations/certificates'
import type { OpOutput } from '../../../../shared/operations/index'
import { ListSearch } from '../../components/ListSearch'
import { ServerSearchSelect } from '../../components/ServerSearchSelect'
import { ServerTable } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { useT, type MessageId } from '../../i18n'
import { searchCourses } from '../../lib/pickers'
import { lmsRead } from '../../data/queries'
import { candidateColumns, type CandidateSort as SortColumn } from './candidateColumns'
import { IssueActions } from './IssueActions'
import { useIssueSelection } from './useIssueSelection'

interface Filters {
  courseId: number | null
  show: CandidateShow
}
type CandidatePage = OpOutput<'certificates.candidates'>

const SHOWS: { value: CandidateShow; label: MessageId }[] = [
  { value: 'all', label: 'certs.issue.show.all' },
  { value: 'finished', label: 'certs.issue.show.finished' },
  { value: 'issuable', label: 'certs.issue.show.issuable' },
  { value: 'holders', label: 'certs.issue.show.holders' },
]
const NO_COUNTS: CandidateCounts = { enrolled: 0, finished: 0, issuable: 0, holders: 0 }

/** Nothing is asked before a course is chosen. */
function readCandidates(q: { page: number; pageSize: number; sort: { colName: SortColumn; direction: 'asc' | 'desc' } | null; search: string; filters: Filters }) {
  if (q.filters.courseId === null) return null
  return lmsRead('certificates.candidates', {
    courseId: q.filters.courseId,
    page_size: q.pageSize,
    page_number: q.page,
    order_by: q.sort ?? undefined,
    search_param: { nameOrEmail: q.search || undefined, show: q.filters.show },
  })
}

/** Every course of the site: searched on the server, 20 offered at a time. */
const searchAllCourses = searchCourses()

export function IssuePanel({ onShowLearner }: { onShowLearner(userId: number): void }) {
  const list = useServerList<CertificateCandidate, SortColumn, Filters, CandidatePage>({
    defaultSort: null,
    initialFilters: { courseId: null, show: 'all' },
    pageSize: 25,
    read: readCandidates,
  })
  const courseId = list.query.filters.courseId
  const data = courseId === null ? null : list.data
  const counts = data?.counts ?? NO_COUNTS
  const templateMissing = data !== null && data.templateId === null
  const selection = useIssueSelection(courseId, counts.issuable)
  const t = useT()
  const columns = candidateColumns({ selection, templateMissing, onShowLearner, t })

  return (
    <Stack gap="md">
      <ServerSearchSelect
        label={t('certs.issue.course')}
        placeholder={t('certs.issue.chooseCourse')}
        noun="course"
        search={searchAllCourses}
        value={courseId === null ? null : String(courseId)}
        onChange={(v) => {
          list.setFilters({ courseId: v ? Number(v) : null, show: list.query.filters.show })
          selection.clearSelection()
          selection.clearProgress()
        }}
        w={{ base: '100%', sm: 360 }}
      />
      {templateMissing && (
        <Alert color="orange" title={t('certs.issue.noTemplate')}>
          {t('certs.issue.noTemplateBody')}
        </Alert>
      )}
      {courseId !== null && (
        <>
          <Text size="sm" data-testid="candidate-counts">
            {t('certs.issue.counts', { enrolled: counts.enrolled, finished: counts.finished, issuable: counts.issuable, holders: counts.holders })}
          </Text>
          <IssueActions selection={selection} counts={counts} templateMissing={templateMissing} />
          <Group align="flex-end" gap="md">
            <ListSearch label={t('certs.issue.search')} placeholder={t('certs.issue.searchPlaceholder')} value={list.searchInput} onChange={list.setSearchInput} />
            <NativeSelect
              label={t('certs.issue.show')}
              data={SHOWS.map((s) => ({ value: s.value, label: t(s.label) }))}
              value={list.query.filters.show}
              onChange={(e) => list.setFilters({ courseId, show: e.currentTarget.value as CandidateShow })}
              w={{ base: '100%', sm: 260 }}
            />
          </Group>
          <ServerTable
            list={list}
            columns={columns}
            label={t('certs.issue.tableOf', { course: data?.courseName ?? t('certs.issue.theCourse') })}
            rowKey={(l) => l.enrollmentId}
            noun="certs.issue.noun"
            empty={counts.enrolled ? t('certs.issue.noMatch') : t('certs.issue.noneEnrolled')}
          />
        </>
      )}
      {courseId === null && (
        <Text size="sm" c="dimmed">
          {t('certs.issue.chooseFirst')}
        </Text>
      )}
    </Stack>
  )
}
