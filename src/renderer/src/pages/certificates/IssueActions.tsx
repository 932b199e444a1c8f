// Above the issuing table: issue (and stop), select everyone who finished, download or print
// the chosen holders' certificates, what is selected, and the progress of a run.
import { Button, Group, Progress, Stack, Text } from '@mantine/core'
import type { CandidateCounts } from '../../../../shared/operations/certificates'
import { lms } from '../../api/client'
import { useI18n, useT } from '../../i18n'
import { notifyError } from '../../lib/notify'
import { downloadPdf, printPdf } from './pdfFiles'
import type { IssueSelection } from './useIssueSelection'

export function IssueActions({ selection: s, counts, templateMissing }: { selection: IssueSelection; counts: CandidateCounts; templateMissing: boolean }) {
  const t = useT()
  const { chosenHolders, busy, progress } = s

  async function fetchPdf(ids: number[], then: typeof downloadPdf) {
    try {
      then(await lms.call('certificates.download', { ids, locale: useI18n.getState().locale }))
    } catch (e) {
      notifyError(e, t('certs.issue.makeFailed'))
    }
  }

  return (
    <>
      <Group gap="sm">
        <Button onClick={() => void s.issue()} loading={busy} disabled={s.toIssue === 0 || templateMissing}>
          {t('certs.issue.issueTo', { count: s.toIssue })}
        </Button>
        {busy && (
          <Button variant="default" onClick={s.stop}>
            {t('certs.issue.stop')}
          </Button>
        )}
        <Button variant="default" disabled={counts.issuable === 0 || templateMissing || busy} onClick={s.selectAllFinished}>
          {t('certs.issue.selectAll', { count: counts.issuable })}
        </Button>
        <Button variant="light" disabled={!chosenHolders.length} onClick={() => void fetchPdf(chosenHolders.map((l) => l.certificateId!), downloadPdf)}>
          {chosenHolders.length ? t('certs.issue.downloadN', { count: chosenHolders.length }) : t('certs.issue.download')}
        </Button>
        <Button variant="light" disabled={!chosenHolders.length} onClick={() => void fetchPdf(chosenHolders.map((l) => l.certificateId!), printPdf)}>
          {chosenHolders.length ? t('certs.issue.printN', { count: chosenHolders.length }) : t('certs.issue.print')}
        </Button>
        {(s.allFinished || s.chosen.size > 0) && !busy && (
          <Button variant="subtle" onClick={s.clearSelection}>
            {t('certs.issue.clear')}
          </Button>
        )}
      </Group>
      {(s.allFinished || s.chosen.size > 0) && (
        <Text size="sm" role="status">
          {s.allFinished ? t('certs.issue.allSelected', { count: counts.issuable }) : t('certs.issue.selected', { count: s.chosen.size })}
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
    </>
  )
}
