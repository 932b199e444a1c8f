// The grade being typed: points and message (kept as a draft), the engine's field errors
// under their fields, the keys held while busy, Accept and Reject, and what the screen said.
import { Alert, Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core'
import type { KeyboardEvent, RefObject } from 'react'
import { useT } from '../../i18n'
import { DraftStateText } from './DraftStateText'
import classes from './Grading.module.css'
import { GradeHints } from './GradeHints'
import { matchShortcut } from './shortcuts'
import type { HeldKey } from './typeAhead'
import { TypeAheadNote } from './TypeAheadNote'
import type { GradingSubmission } from './useGradingSubmission'

export const POINTS_FIELD = 'evaluation.pointsAwarded'
export const ACCEPT_FIELD = 'evaluation.isAccepted'

export interface GradeFormProps {
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
}

export function GradeForm({ sub, name, total, errors, formError, clearField, formRef, pointsRef, messageRef, saving, heldKeys, paused, feedback, feedbackIsError, onSave }: GradeFormProps & { name: string; total: number }) {
  const t = useT()
  const onPointsKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (matchShortcut(event.nativeEvent, ['points']) === 'pointsToMessage') {
      event.preventDefault()
      messageRef.current?.focus()
    }
  }

  return (
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
        <Textarea ref={messageRef} label={t('grading.message')} autosize minRows={4} maxRows={12} value={sub.values.message} onChange={(e) => sub.setField('message', e.currentTarget.value)} />
        <DraftStateText state={sub.draftState} />
        {(errors[ACCEPT_FIELD] || formError) && (
          <Alert color="red" p="xs" role="alert" data-testid="grade-error">
            {errors[ACCEPT_FIELD] ?? formError}
          </Alert>
        )}
        <TypeAheadNote heldKeys={heldKeys} paused={paused} />
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
        <GradeHints />
        {!sub.ready && (
          <Text size="xs" c="dimmed">
            {t('grading.loadingDraft')}
          </Text>
        )}
      </Stack>
    </form>
  )
}
