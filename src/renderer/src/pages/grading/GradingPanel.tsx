// The grading panel, like SpeedGrader: who and what, the submission, the assignment,
// earlier evaluations, and the grade column (course grade, points, message, Accept and
// Reject). Field errors from the engine appear under their fields; nothing typed is lost.
import { Alert, Badge, Button, Group, Kbd, Loader, Paper, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { memo, type KeyboardEvent, type RefObject } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { Avatar } from '../../components/Avatar'
import { useT } from '../../i18n'
import { formatDateTime, formatPercent } from '../../lib/format'
import { htmlToText } from '../../lib/html'
import { GradeBadge, SyncState } from './badges'
import { EvaluationHistory } from './EvaluationHistory'
import { learnerName } from './filters'
import classes from './Grading.module.css'
import { comboParts, keyHint, matchShortcut, SHORTCUTS, type ShortcutAction } from './shortcuts'
import { SubmissionView } from './SubmissionView'
import type { HeldKey } from './typeAhead'
import { heldKeysText } from './useTypeAhead'
import type { GradingSubmission, SubmissionDetail } from './useGradingSubmission'

export const POINTS_FIELD = 'evaluation.pointsAwarded'
export const ACCEPT_FIELD = 'evaluation.isAccepted'

interface GradingPanelProps {
  row: SubmissionRecord
  sub: GradingSubmission
  errors: Record<string, string>
  formError: string | null
  clearField(field: string): void
  formRef: RefObject<HTMLFormElement | null>
  pointsRef: RefObject<HTMLInputElement | null>
  messageRef: RefObject<HTMLTextAreaElement | null>
  saving: boolean
  /** Keys typed while busy, held for the submission shown next. */
  heldKeys: readonly HeldKey[]
  /** Keys are refused after a refused grade, until the trainer turns to it. */
  paused: boolean
  /** The last thing the screen said (saved, not saved and why), shown as well as announced. */
  feedback: string
  /** The feedback says a grade was not saved. */
  feedbackIsError: boolean
  onSave(accept: boolean): void
  onDiscardDraft(): void
  /** On narrow screens: back to the list. */
  onBack?(): void
}

export function GradingPanel(props: GradingPanelProps) {
  const { row, sub, errors, formError, clearField, formRef, pointsRef, messageRef, saving, heldKeys, paused, feedback, feedbackIsError, onSave, onDiscardDraft, onBack } = props
  const { detail, gradebook } = sub
  const t = useT()
  const name = learnerName(row)
  const total = detail?.totalPoints ?? row.total_points ?? 0
  const status = detail ? (detail.status === 'Completed' ? 'graded' : detail.status === 'Rejected' ? 'rejected' : 'ungraded') : row.grading_status
  const current = detail?.evaluations.find((e) => !e.undone)

  const onPointsKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (matchShortcut(event.nativeEvent, ['points']) === 'pointsToMessage') {
      event.preventDefault()
      messageRef.current?.focus()
    }
  }

  return (
    <section className={classes.panel} aria-labelledby="grading-panel-title" data-testid="grading-panel">
      <header className={classes.panelHeader}>
        {onBack && (
          <Button variant="subtle" size="compact-sm" onClick={onBack} mb={6} leftSection={<span aria-hidden="true">←</span>} aria-keyshortcuts="Escape" data-testid="back-to-list">
            {t('grading.backToList')}
          </Button>
        )}
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Avatar svg={row.avatar} size={40} />
          <div style={{ minWidth: 0 }}>
            <Title order={2} size="h3" id="grading-panel-title" className={classes.learnerTitle}>
              {name}
            </Title>
            <Text size="sm" c="dimmed" truncate="end">
              <bdi>{row.email}</bdi>
            </Text>
          </div>
        </Group>
        <Group gap="xs" mt={6} wrap="wrap">
          <Text size="sm" fw={500}>
            {row.course_name} › {row.module_name}
          </Text>
          <Badge variant="outline" color="gray" size="sm">
            {row.module_type === 'discussion' ? t('grading.type.discussion') : t('grading.type.assignment')}
          </Badge>
          <GradeBadge state={status} points={status === 'ungraded' ? null : (current?.points_awarded ?? row.points_awarded)} total={total} />
          {status !== 'ungraded' || row.unsynced ? <SyncState unsynced={row.unsynced} /> : null}
        </Group>
      </header>

      <div className={classes.panelBody}>
        <SubmissionContent detail={detail} detailError={sub.detailError} total={total} name={name} />

        <aside className={classes.gradeColumn} aria-label={t('grading.gradeColumn')}>
          <Paper withBorder p="sm" radius="sm" className={classes.gradebook}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('grading.courseGrade')}
            </Text>
            {gradebook ? (
              <>
                <Text size="xl" fw={700} data-testid="gradebook-percentage">
                  {gradebook.percentage === null ? t('grading.notGraded') : formatPercent(gradebook.percentage, 2)}
                </Text>
                <Text size="xs" c="dimmed">
                  {gradebook.percentage === null
                    ? t('grading.noGrading')
                    : t('grading.marks', { obtained: gradebook.obtainedMarks, total: gradebook.totalMarks, complete: formatPercent(gradebook.completionPercentage, 2) })}
                </Text>
              </>
            ) : sub.gradebookError ? (
              <Text size="sm" c="red.8">
                {sub.gradebookError}
              </Text>
            ) : (
              <Loader size="xs" aria-label={t('grading.loadingCourseGrade')} />
            )}
          </Paper>

          {sub.restored && (
            <Alert color="blue" variant="light" p="xs" title={t('grading.draftRestored')} data-testid="draft-restored">
              <Text size="xs">{t('grading.draftTyped', { when: formatDateTime(sub.restored.updatedAt) })}</Text>
              <Button size="compact-xs" variant="subtle" mt={4} onClick={onDiscardDraft}>
                {t('grading.discardDraft')}
              </Button>
            </Alert>
          )}

          <form ref={formRef} noValidate onSubmit={(e) => e.preventDefault()} aria-label={t('grading.gradeFor', { learner: name })}>
            <Stack gap="sm">
              <TextInput
                ref={pointsRef}
                label={t('grading.points')}
                description={t('grading.pointsRange', { total })}
                inputMode="decimal"
                autoComplete="off"
                value={sub.values.points}
                onChange={(e) => {
                  sub.setField('points', e.currentTarget.value)
                  clearField(POINTS_FIELD)
                }}
                onKeyDown={onPointsKeyDown}
                error={errors[POINTS_FIELD]}
                rightSection={
                  <Text size="sm" c="dimmed" aria-hidden="true" pe={6} style={{ whiteSpace: 'nowrap' }}>
                    {t('grading.outOf', { total })}
                  </Text>
                }
                rightSectionWidth={56}
                data-testid="points-input"
              />
              <Textarea
                ref={messageRef}
                label={t('grading.message')}
                autosize
                minRows={4}
                maxRows={12}
                value={sub.values.message}
                onChange={(e) => sub.setField('message', e.currentTarget.value)}
              />
              <Text size="xs" c={sub.draftState === 'failed' ? 'red.8' : 'dimmed'} data-testid="draft-state" mih={18}>
                {sub.draftState === 'saved'
                  ? t('grading.draft.saved')
                  : sub.draftState === 'saving' || sub.draftState === 'pending'
                    ? t('grading.draft.saving')
                    : sub.draftState === 'failed'
                      ? t('grading.draft.failed')
                      : ''}
              </Text>
              {(errors[ACCEPT_FIELD] || formError) && (
                <Alert color="red" p="xs" role="alert" data-testid="grade-error">
                  {errors[ACCEPT_FIELD] ?? formError}
                </Alert>
              )}
              {paused ? (
                <Text size="xs" fw={600} className={classes.feedbackError} data-testid="type-ahead">
                  {heldKeys.length ? t('grading.keysPausedNotApplied', { keys: heldKeysText(heldKeys) }) : t('grading.keysPaused')}
                </Text>
              ) : heldKeys.length > 0 ? (
                <Text size="xs" fw={600} data-testid="type-ahead">
                  {t('grading.typedAhead', { keys: heldKeysText(heldKeys) })}
                </Text>
              ) : null}
              <Group grow gap="xs">
                <Button color="teal.9" onClick={() => onSave(true)} loading={saving || !sub.ready}>
                  {t('grading.accept')}
                </Button>
                <Button color="red.9" variant="outline" onClick={() => onSave(false)} loading={saving || !sub.ready}>
                  {t('grading.reject')}
                </Button>
              </Group>
              {feedback && (
                <Text size="sm" className={feedbackIsError ? classes.feedbackError : undefined} aria-hidden="true" data-testid="grading-feedback">
                  {feedback}
                </Text>
              )}
              <Stack gap={2} className={classes.hints}>
                <Text size="xs" c="dimmed">
                  {t.rich('grading.hint.acceptNext', { keys: <KeyCombo action="acceptNext" /> })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t.rich('grading.hint.rejectNext', { keys: <KeyCombo action="rejectNext" /> })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t.rich('grading.hint.help', { keys: <KeyCombo action="help" /> })}
                </Text>
              </Stack>
              {!sub.ready && (
                <Text size="xs" c="dimmed">
                  {t('grading.loadingDraft')}
                </Text>
              )}
            </Stack>
          </form>
        </aside>
      </div>
    </section>
  )
}

/** A shortcut's first key combination drawn as keys. */
export function KeyCombo({ action }: { action: ShortcutAction }) {
  const combo = SHORTCUTS.find((s) => s.action === action)?.keys[0]
  if (!combo) return null
  return (
    <span aria-label={keyHint(action)} role="img" style={{ whiteSpace: 'nowrap' }}>
      {comboParts(combo).map((part, i) => (
        <span key={i}>
          {i > 0 ? '+' : ''}
          <Kbd size="xs">{part}</Kbd>
        </span>
      ))}
    </span>
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
