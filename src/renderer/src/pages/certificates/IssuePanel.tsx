// Issuing: choose a course, tick the learners who finished it, issue in small batches with
// a progress bar; then download or print the course's certificates, one or many.
import { Alert, Anchor, Button, Checkbox, Group, Progress, Select, Stack, Table, Text } from '@mantine/core'
import { useMemo, useState } from 'react'
import type { CertificateCandidate } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { useLoad } from '../../hooks/useLoad'
import { notifyError, notifySuccess, notifyWarning } from '../../lib/notify'
import { downloadPdf, printPdf } from './pdfFiles'

const BATCH = 10

export function IssuePanel({ onShowLearner }: { onShowLearner(userId: number): void }) {
  const courses = useLoad(() => lms.call('courses.lookup', {}))
  const [courseId, setCourseId] = useState<string | null>(null)
  const candidates = useLoad(() => (courseId ? lms.call('certificates.candidates', { courseId: Number(courseId) }) : Promise.resolve(null)), courseId)
  const [chosen, setChosen] = useState<Set<number>>(new Set())
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [busy, setBusy] = useState(false)

  const learners = candidates.data?.learners ?? []
  const issuable = useMemo(() => learners.filter((l) => l.status === 'Completed' && l.certificateId === null), [learners])
  const holders = learners.filter((l) => l.certificateId !== null)
  const chosenIssuable = issuable.filter((l) => chosen.has(l.enrollmentId))
  const chosenHolders = holders.filter((l) => chosen.has(l.enrollmentId))

  const toggle = (l: CertificateCandidate, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s)
      if (on) next.add(l.enrollmentId)
      else next.delete(l.enrollmentId)
      return next
    })

  async function issue() {
    if (!courseId || !chosenIssuable.length) return
    setBusy(true)
    const ids = chosenIssuable.map((l) => l.enrollmentId)
    setProgress({ done: 0, total: ids.length })
    let issued = 0
    const skipped: string[] = []
    try {
      for (let i = 0; i < ids.length; i += BATCH) {
        const answer = await lms.call('courses.assignCertificate', { id: Number(courseId), enrollmentIds: ids.slice(i, i + BATCH) })
        issued += answer.issued
        skipped.push(...answer.skipped.map((s) => s.reason))
        setProgress({ done: Math.min(ids.length, i + BATCH), total: ids.length })
      }
      if (issued) notifySuccess(`${issued} certificate(s) issued.`)
      if (skipped.length) notifyWarning(skipped.join(' '), 'Some learners were skipped')
    } catch (e) {
      notifyError(e, issued ? `${issued} certificate(s) issued, then issuing stopped` : 'No certificate was issued')
    } finally {
      setBusy(false)
      setChosen(new Set())
      candidates.reload()
    }
  }

  async function fetchPdf(ids: number[], then: typeof downloadPdf) {
    try {
      then(await lms.call('certificates.download', { ids }))
    } catch (e) {
      notifyError(e, 'The certificates could not be made')
    }
  }

  const templateMissing = candidates.data && candidates.data.templateId === null

  return (
    <Stack gap="md">
      <Select
        label="Course"
        placeholder="Choose a course"
        searchable
        data={(courses.data ?? []).map((c) => ({ value: String(c.value), label: c.label }))}
        value={courseId}
        onChange={(v) => {
          setCourseId(v)
          setChosen(new Set())
          setProgress(null)
        }}
        w={360}
      />
      {candidates.error && (
        <Alert color="red" title="The learners could not be loaded" role="alert">
          {candidates.error}
        </Alert>
      )}
      {templateMissing && (
        <Alert color="orange" title="This course has no certificate template">
          Choose a template in the course's settings before issuing certificates.
        </Alert>
      )}
      {candidates.data && (
        <>
          <Group gap="sm">
            <Button onClick={() => void issue()} loading={busy} disabled={!chosenIssuable.length || Boolean(templateMissing)}>
              Issue certificates to {chosenIssuable.length} learner(s)
            </Button>
            <Button variant="default" disabled={!issuable.length} onClick={() => setChosen(new Set([...chosen, ...issuable.map((l) => l.enrollmentId)]))}>
              Select all who finished ({issuable.length})
            </Button>
            <Button variant="light" disabled={!chosenHolders.length} onClick={() => void fetchPdf(chosenHolders.map((l) => l.certificateId!), downloadPdf)}>
              Download {chosenHolders.length || ''} certificate(s)
            </Button>
            <Button variant="light" disabled={!chosenHolders.length} onClick={() => void fetchPdf(chosenHolders.map((l) => l.certificateId!), printPdf)}>
              Print {chosenHolders.length || ''} certificate(s)
            </Button>
          </Group>
          {progress && (
            <Stack gap={4}>
              <Progress value={(progress.done / progress.total) * 100} aria-label="Issuing certificates" />
              <Text size="sm" aria-live="polite">
                {progress.done} of {progress.total} learner(s) processed
              </Text>
            </Stack>
          )}
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={`Learners of ${candidates.data.courseName}`} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Select</Table.Th>
                  <Table.Th>Learner</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Completed</Table.Th>
                  <Table.Th>Certificate</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {learners.map((l) => {
                  const selectable = l.certificateId !== null || (l.status === 'Completed' && !templateMissing)
                  return (
                    <Table.Tr key={l.enrollmentId}>
                      <Table.Td>
                        <Checkbox aria-label={`Select ${l.name}`} disabled={!selectable} checked={chosen.has(l.enrollmentId)} onChange={(e) => toggle(l, e.currentTarget.checked)} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor component="button" type="button" size="sm" onClick={() => onShowLearner(l.userId)}>
                          {l.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {l.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>{l.status}</Table.Td>
                      <Table.Td>{l.completedOn}</Table.Td>
                      <Table.Td>{l.certificateCode ? `${l.certificateCode} (${l.issueDate})` : l.status === 'Completed' ? 'Not issued yet' : 'Not finished'}</Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!learners.length && <Text size="sm">No learners are enrolled in this course.</Text>}
        </>
      )}
      {!courseId && <Text size="sm" c="dimmed">Choose a course to see its learners and their certificates.</Text>}
    </Stack>
  )
}
