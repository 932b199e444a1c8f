// The grading panel, like SpeedGrader: who and what, the submission, the assignment,
// earlier evaluations, and the grade column (course grade, points, message, Accept and
// Reject). Field errors from the engine appear under their fields; nothing typed is lost.
import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core'
import { memo } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { useT } from '../../i18n'
import { formatDateTime } from '../../lib/format'
import { htmlToText } from '../../lib/html'
import { CourseGrade } from './CourseGrade'
import { EvaluationHistory } from './EvaluationHistory'
import { learnerName } from './filters'
import type { SubmissionDetail } from './loadSubmission'
import { GradeForm, type GradeFormProps } from './GradeForm'
import classes from './Grading.module.css'
import { SubmissionHeader } from './SubmissionHeader'
import { SubmissionView } from './SubmissionView'

interface GradingPanelProps extends GradeFormProps {
  row: SubmissionRecord
  onDiscardDraft(): void
  /** On narrow screens: back to the list. */
  onBack?(): void
}

export function GradingPanel({ row, sub, onDiscardDraft, onBack, ...form }: GradingPanelProps) {
  const { detail, gradebook } = sub
  const t = useT()
  const name = learnerName(row)
  const total = detail?.totalPoints ?? row.total_points ?? 0
  const status = detail ? (detail.status === 'Completed' ? 'graded' : detail.status === 'Rejected' ? 'rejected' : 'ungraded') : row.grading_status
  const current = detail?.evaluations.find((e) => !e.undone)

  return (
    <section className={classes.panel} aria-labelledby="grading-panel-title" data-testid="grading-panel">
      <SubmissionHeader row={row} name={name} status={status} points={status === 'ungraded' ? null : (current?.points_awarded ?? row.points_awarded)} total={total} onBack={onBack} />

      <div className={classes.panelBody}>
        <SubmissionContent detail={detail} detailError={sub.detailError} total={total} name={name} />

        <aside className={classes.gradeColumn} aria-label={t('grading.gradeColumn')}>
          <CourseGrade gradebook={gradebook} error={sub.gradebookError} />

          {sub.restored && (
            <Alert color="blue" variant="light" p="xs" title={t('grading.draftRestored')} data-testid="draft-restored">
              <Text size="xs">{t('grading.draftTyped', { when: formatDateTime(sub.restored.updatedAt) })}</Text>
              <Button size="compact-xs" variant="subtle" mt={4} onClick={onDiscardDraft}>
                {t('grading.discardDraft')}
              </Button>
            </Alert>
          )}

          <GradeForm sub={sub} name={name} total={total} {...form} />
        </aside>
      </div>
    </section>
  )
}

/** The left column: the submission, the assignment and the history. Typing does not redraw it. */
const SubmissionContent = memo(function SubmissionContent({ detail, detailError, total, name }: { detail: SubmissionDetail | null; detailError: string | null; total: number; name: string }) {
  const t = useT()
  return (
    <div className={classes.panelContent} tabIndex={0} role="region" aria-label={t('grading.submissionOf', { learner: name })}>
      {detailError ? (
        <Alert color="red" title={t('grading.loadFailed')} role="alert">
          {detailError}
        </Alert>
      ) : !detail ? (
        <Stack gap="sm" aria-busy="true">
          <Skeleton height={18} width="40%" />
          <Skeleton height={90} />
          <Skeleton height={18} width="30%" />
          <Skeleton height={50} />
        </Stack>
      ) : (
        <Stack gap="lg">
          <SubmissionView detail={detail} />
          <details className={classes.details} open>
            <summary>{t('grading.assignmentHeading', { name: detail.assignmentName })}</summary>
            <Text size="sm" mt={6} className={classes.prose} data-testid="assignment-text">
              {htmlToText(detail.content) || t('grading.noDescription')}
            </Text>
          </details>
          <EvaluationHistory evaluations={detail.evaluations} totalPoints={total} />
        </Stack>
      )}
    </div>
  )
})
