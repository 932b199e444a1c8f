// Replaying the type-ahead: once the open submission is shown with its grade and draft
// loaded, and nothing is saving, the keys held meanwhile are typed into it, up to a
// Ctrl+Enter, which saves it. An effect run after every render: useGradeSaving calls it
// where this effect always stood, so it keeps its place among the page's effects.
import { useEffect, type RefObject } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { t } from '../../i18n'
import { POINTS_FIELD } from './GradeForm'
import { replayHeldKeys } from './typeAhead'
import type { GradingSubmission } from './useGradingSubmission'
import { heldKeysText, type TypeAhead } from './useTypeAhead'

interface ReplayOptions {
  current: SubmissionRecord | null
  sub: GradingSubmission
  typeAhead: TypeAhead
  pointsRef: RefObject<HTMLInputElement | null>
  messageRef: RefObject<HTMLTextAreaElement | null>
  clearField(field: string): void
  announce(text: string): void
  /** Saves the open submission (and opens the next, `goNext`). */
  save(accept: boolean, goNext: boolean): Promise<boolean>
}

export function useReplayHeldKeys({ current, sub, typeAhead, pointsRef, messageRef, clearField, announce, save }: ReplayOptions) {
  useEffect(() => {
    if (!current || !sub.ready || !typeAhead.readyToRelease(current.status_row_id)) return
    const keys = typeAhead.release(current.status_row_id)
    const points = pointsRef.current
    if (keys.length === 0) {
      // Typing replaces the grade or draft shown, as when the points were just focused.
      if (points && document.activeElement === points) points.select()
      return
    }
    const now = sub.valuesNow()
    const replay = replayHeldKeys(now, keys)
    // Into the fields at once as well, not only at the next render: on a busy machine a key
    // typed right after the release reaches the field before React shows the replayed text,
    // and would replace it ("26" stored as 6) instead of following it.
    if (replay.points !== now.points) {
      sub.setField('points', replay.points)
      if (points) points.value = replay.points
      clearField(POINTS_FIELD)
    }
    if (replay.message !== now.message) {
      sub.setField('message', replay.message)
      if (messageRef.current) messageRef.current.value = replay.message
    }
    if (replay.field) (replay.field === 'message' ? messageRef.current : points)?.focus()
    if (replay.dropped.some((k) => k.kind === 'text')) announce(t('grading.keysOutside', { keys: heldKeysText(replay.dropped) }))
    if (replay.save) {
      typeAhead.keep(replay.rest)
      void save(replay.save.accept, true)
    }
  })
}
