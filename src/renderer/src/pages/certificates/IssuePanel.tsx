// Issuing: choose a course, see its learners in pages (searched, filtered and counted on the
// server, however many there are), tick learners on any page or select everyone who finished
// (chosen on the server, not from the pages seen), issue in batches with a progress bar and a
// stop button; then download or print the chosen learners' certificates.
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Progress, Select, Stack, Text } from '@mantine/core'
import { useRef, useState } from 'react'
import type { CandidateCounts, CandidateShow, CertificateCandidate } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { ListSearch } from '../../components/ListSearch'
import { ServerTable, type Column } from '../../components/ServerTable'
import { useLoad } from '../../hooks/useLoad'
import { useServerList } from '../../hooks/useServerList'
import { formatDate, formatNumber, plural } from '../../lib/format'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import { issueToAllFinished, issueToChosen, type IssueProgress, type IssueResult } from './issuing'
import { downloadPdf, printPdf } from './pdfFiles'

type SortColumn = 'name' | 'status' | 'completedAt' | 'issuedAt'
interface Filters {
  courseId: number | null
  show: CandidateShow
}
type CandidatePage = Awaited<ReturnType<typeof loadCandidates>>

const SHOWS: { value: CandidateShow; label: string }[] = [
  { value: 'all', label: 'All learners' },
  { value: 'finished', label: 'Finished' },
  { value: 'issuable', label: 'Finished, no certificate yet' },
  { value: 'holders', label: 'Holding a certificate' },
]
const NO_COUNTS: CandidateCounts = { enrolled: 0, finished: 0, issuable: 0, holders: 0 }
const learners = (n: number) => plural(n, 'learner', 'learners')
const certificates = (n: number) => plural(n, 'certificate', 'certificates')

async function loadCandidates(q: { page: number; pageSize: number; sort: { colName: SortColumn; direction: 'asc' | 'desc' } | null; search: string; filters: Filters }) {
  if (q.filters.courseId === null) return { recordsTotal: 0, recordsFiltered: 0, records: [] as CertificateCandidate[], courseName: '', templateId: null as number | null, counts: NO_COUNTS }
  return lms.call('certificates.candidates', {
    courseId: q.filters.courseId,
    page_size: q.pageSize,
    page_number: q.page,
    order_by: q.sort ?? undefined,
    search_param: { nameOrEmail: q.search || undefined, show: q.filters.show },
  })
}

export function IssuePanel({ onShowLearner }: { onShowLearner(userId: number): void }) {
  const courses = useLoad(() => lms.call('courses.lookup', {}))
  const list = useServerList<CertificateCandidate, SortColumn, Filters, CandidatePage>({
    defaultSort: null,
    initialFilters: { courseId: null, show: 'all' },
    pageSize: 25,
    load: loadCandidates,
  })
  // Learners ticked on any page, by enrollment; or everyone who finished, chosen on the server.
  const [chosen, setChosen] = useState<Map<number, CertificateCandidate>>(new Map())
  const [allFinished, setAllFinished] = useState(false)
  const [progress, setProgress] = useState<IssueProgress | null>(null)
  const [busy, setBusy] = useState(false)
  const stop = useRef(false)

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
      if (result.issued) notifySuccess(`${certificates(result.issued)} issued${result.stopped ? ', then stopped as asked' : ''}.`)
      else if (result.stopped) notifyWarning('Issuing stopped before any certificate was issued.')
      if (result.skipped.length) notifyWarning(result.skipped.join(' '), 'Some learners were skipped')
    } catch (e) {
      notifyError(e, result.issued ? `${certificates(result.issued)} issued, then issuing stopped` : 'No certificate was issued')
    } finally {
      setBusy(false)
      clearSelection()
      list.reload()
    }
  }

  async function fetchPdf(ids: number[], then: typeof downloadPdf) {
    try {
      then(await lms.call('certificates.download', { ids }))
    } catch (e) {
      notifyError(e, 'The certificates could not be made')
    }
  }

  const columns: Column<CertificateCandidate, SortColumn>[] = [
    {
      key: 'select',
      header: 'Select',
      width: 70,
      render: (l) => {
        const issuable = l.status === 'Completed' && l.certificateId === null
        const selectable = l.certificateId !== null || (issuable && !templateMissing)
        return (
          <Checkbox
            aria-label={`Select ${l.name}`}
            disabled={!selectable || (allFinished && issuable)}
            checked={chosen.has(l.enrollmentId) || (allFinished && issuable)}
            onChange={(e) => toggle(l, e.currentTarget.checked)}
          />
        )
      },
    },
    {
      key: 'name',
      header: 'Learner',
      sortBy: 'name',
      render: (l) => (
        <>
          <Anchor component="button" type="button" size="sm" onClick={() => onShowLearner(l.userId)}>
            {l.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {l.email}
          </Text>
        </>
      ),
    },
    { key: 'status', header: 'Status', sortBy: 'status', render: (l) => l.status },
    { key: 'completedAt', header: 'Completed', sortBy: 'completedAt', render: (l) => formatDate(l.completedAt) },
    {
      key: 'certificate',
      header: 'Certificate',
      sortBy: 'issuedAt',
      render: (l) => (l.certificateCode ? `${l.certificateCode} (${formatDate(l.issuedAt)})` : l.status === 'Completed' ? 'Not issued yet' : 'Not finished'),
    },
  ]

  return (
    <Stack gap="md">
      <Select
        label="Course"
        placeholder="Choose a course"
        searchable
        data={(courses.data ?? []).map((c) => ({ value: String(c.value), label: c.label }))}
        value={courseId === null ? null : String(courseId)}
        onChange={(v) => {
          list.setFilters({ courseId: v ? Number(v) : null, show: list.query.filters.show })
          clearSelection()
          setProgress(null)
        }}
        w={{ base: '100%', sm: 360 }}
      />
      {templateMissing && (
        <Alert color="orange" title="This course has no certificate template">
          Choose a template in the course's settings before issuing certificates.
        </Alert>
      )}
      {courseId !== null && (
        <>
          <Text size="sm" data-testid="candidate-counts">
            {`${learners(counts.enrolled)} enrolled: ${formatNumber(counts.finished)} finished, ${formatNumber(counts.issuable)} of them without a certificate yet; ${certificates(counts.holders)} issued.`}
          </Text>
          <Group gap="sm">
            <Button onClick={() => void issue()} loading={busy} disabled={toIssue === 0 || templateMissing}>
              {`Issue certificates to ${learners(toIssue)}`}
            </Button>
            {busy && (
              <Button variant="default" onClick={() => (stop.current = true)}>
                Stop after this batch
              </Button>
            )}
            <Button variant="default" disabled={counts.issuable === 0 || templateMissing || busy} onClick={() => setAllFinished(true)}>
              {`Select all who finished (${formatNumber(counts.issuable)})`}
            </Button>
            <Button variant="light" disabled={!chosenHolders.length} onClick={() => void fetchPdf(chosenHolders.map((l) => l.certificateId!), downloadPdf)}>
              {chosenHolders.length ? `Download ${certificates(chosenHolders.length)}` : 'Download certificates'}
            </Button>
            <Button variant="light" disabled={!chosenHolders.length} onClick={() => void fetchPdf(chosenHolders.map((l) => l.certificateId!), printPdf)}>
              {chosenHolders.length ? `Print ${certificates(chosenHolders.length)}` : 'Print certificates'}
            </Button>
            {(allFinished || chosen.size > 0) && !busy && (
              <Button variant="subtle" onClick={clearSelection}>
                Clear selection
              </Button>
            )}
          </Group>
          {(allFinished || chosen.size > 0) && (
            <Text size="sm" role="status">
              {allFinished
                ? `All ${learners(counts.issuable)} who finished and hold no certificate are selected, on every page.`
                : `${learners(chosen.size)} selected (ticks are kept across pages).`}
            </Text>
          )}
          {progress && (
            <Stack gap={4}>
              <Progress value={progress.total ? (progress.done / progress.total) * 100 : 100} aria-label="Issuing certificates" />
              <Text size="sm" aria-live="polite">
                {`${formatNumber(progress.done)} of ${learners(progress.total)} processed`}
              </Text>
            </Stack>
          )}
          <Group align="flex-end" gap="md">
            <ListSearch label="Search learners" placeholder="Name or email" value={list.searchInput} onChange={list.setSearchInput} />
            <NativeSelect
              label="Show"
              data={SHOWS}
              value={list.query.filters.show}
              onChange={(e) => list.setFilters({ courseId, show: e.currentTarget.value as CandidateShow })}
              w={{ base: '100%', sm: 260 }}
            />
          </Group>
          <ServerTable
            list={list}
            columns={columns}
            label={`Learners of ${data?.courseName ?? 'the course'}`}
            rowKey={(l) => l.enrollmentId}
            noun="learners"
            empty={counts.enrolled ? 'No learner matches.' : 'No learners are enrolled in this course.'}
          />
        </>
      )}
      {courseId === null && (
        <Text size="sm" c="dimmed">
          Choose a course to see its learners and their certificates.
        </Text>
      )}
    </Stack>
  )
}
