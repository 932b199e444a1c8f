// Issuing: choose a course, see its learners in pages (searched, filtered and counted on the
// server, however many there are), tick learners on any page or select everyone who finished
// (chosen on the server, not from the pages seen), issue in batches with a progress bar and a
// stop button; then download or print the chosen learners' certificates.
import type { SortKey } from '../../../../shared/operations/lists'
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Progress, Stack, Text } from '@mantine/core'
import { useRef, useState } from 'react'
import type { CandidateCounts, CandidateShow, CertificateCandidate } from '../../../../shared/operations/certificates'
import type { OpOutput } from '../../../../shared/operations/index'
import { lms } from '../../api/client'
import { ListSearch } from '../../components/ListSearch'
import { ServerSearchSelect } from '../../components/ServerSearchSelect'
import { ServerTable, type Column } from '../../components/ServerTable'
import { useServerList } from '../../hooks/useServerList'
import { formatDate } from '../../lib/format'
import { useI18n, useT, type MessageId } from '../../i18n'
import { enrollmentStatusText } from '../courses/enrolledColumns'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import { searchCourses } from '../../lib/pickers'
import { issueToAllFinished, issueToChosen, type IssueProgress, type IssueResult } from './issuing'
import { downloadPdf, printPdf } from './pdfFiles'
import { lmsRead } from '../../data/queries'

type SortColumn = SortKey<'certificates.candidates'>
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
  // Learners ticked on any page, by enrollment; or everyone who finished, chosen on the server.
  const [chosen, setChosen] = useState<Map<number, CertificateCandidate>>(new Map())
  const [allFinished, setAllFinished] = useState(false)
  const [progress, setProgress] = useState<IssueProgress | null>(null)
  const [busy, setBusy] = useState(false)
  const stop = useRef(false)
  const t = useT()

  const courseId = list.query.filters.courseId
  const data = courseId === null ? null : list.data
  const counts = data?.counts ?? NO_COUNTS
  const templateMissing = data !== null && data.templateId === null
  const chosenIssuable = [...chosen.values()].filter((l) => l.status === 'Completed' && l.certificateId === null)
  const chosenHolders = [...chosen.values()].filter((l) => l.certificateId !== null)
  const toIssue = allFinished ? counts.issuable : chosenIssuable.length

  const clearSelection = () => {
    setChosen(new Map())
    setAllFinished(false)
  }
  const toggle = (l: CertificateCandidate, on: boolean) =>
    setChosen((s) => {
      const next = new Map(s)
      if (on) next.set(l.enrollmentId, l)
      else next.delete(l.enrollmentId)
      return next
    })

  async function issue() {
    if (courseId === null || toIssue === 0) return
    setBusy(true)
    stop.current = false
    const run = { onProgress: setProgress, shouldStop: () => stop.current }
    let result: IssueResult = { issued: 0, skipped: [], stopped: false }
    try {
      result = allFinished ? await issueToAllFinished(courseId, counts.issuable, run) : await issueToChosen(courseId, chosenIssuable.map((l) => l.enrollmentId), run)
      if (result.issued) notifySuccess(t(result.stopped ? 'certs.issue.issuedStopped' : 'certs.issue.issued', { count: result.issued }))
      else if (result.stopped) notifyWarning(t('certs.issue.stoppedNone'))
      if (result.skipped.length) notifyWarning(result.skipped.join(' '), t('certs.issue.skipped'))
    } catch (e) {
      notifyError(e, result.issued ? t('certs.issue.failedAfter', { count: result.issued }) : t('certs.issue.noneIssued'))
    } finally {
      setBusy(false)
      clearSelection()
    }
  }

  async function fetchPdf(ids: number[], then: typeof downloadPdf) {
    try {
      then(await lms.call('certificates.download', { ids, locale: useI18n.getState().locale }))
    } catch (e) {
      notifyError(e, t('certs.issue.makeFailed'))
    }
  }

  const columns: Column<CertificateCandidate, SortColumn>[] = [
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
          clearSelection()
          setProgress(null)
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
          <Group gap="sm">
            <Button onClick={() => void issue()} loading={busy} disabled={toIssue === 0 || templateMissing}>
              {t('certs.issue.issueTo', { count: toIssue })}
            </Button>
            {busy && (
              <Button variant="default" onClick={() => (stop.current = true)}>
                {t('certs.issue.stop')}
              </Button>
            )}
            <Button variant="default" disabled={counts.issuable === 0 || templateMissing || busy} onClick={() => setAllFinished(true)}>
              {t('certs.issue.selectAll', { count: counts.issuable })}
            </Button>
            <Button variant="light" disabled={!chosenHolders.length} onClick={() => void fetchPdf(chosenHolders.map((l) => l.certificateId!), downloadPdf)}>
              {chosenHolders.length ? t('certs.issue.downloadN', { count: chosenHolders.length }) : t('certs.issue.download')}
            </Button>
            <Button variant="light" disabled={!chosenHolders.length} onClick={() => void fetchPdf(chosenHolders.map((l) => l.certificateId!), printPdf)}>
              {chosenHolders.length ? t('certs.issue.printN', { count: chosenHolders.length }) : t('certs.issue.print')}
            </Button>
            {(allFinished || chosen.size > 0) && !busy && (
              <Button variant="subtle" onClick={clearSelection}>
                {t('certs.issue.clear')}
              </Button>
            )}
          </Group>
          {(allFinished || chosen.size > 0) && (
            <Text size="sm" role="status">
              {allFinished ? t('certs.issue.allSelected', { count: counts.issuable }) : t('certs.issue.selected', { count: chosen.size })}
            </Text>
          )}
          {progress && (
            <Stack gap={4}>
              <Progress value={progress.total ? (progress.done / progress.total) * 100 : 100} aria-label={t('certs.issue.progress')} />
              <Text size="sm" aria-live="polite">
                {t('certs.issue.processed', { done: progress.done, total: progress.total })}
              </Text>
            </Stack>
          )}
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
