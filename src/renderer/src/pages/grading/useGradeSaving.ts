// Saving a grade (and opening the next), undoing the last one, and replaying the keys the
// type-ahead buffer held meanwhile into the submission shown. The rule: a grade is saved
// with exactly what was typed for it, or not at all, and the screen says which.
import { useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import { LmsCallError, lms } from '../../api/client'
import type { ServerWindow } from '../../hooks/useServerWindow'
import { t } from '../../i18n'
import { errorMessage } from '../../lib/errors'
import { decimalInput } from '../../lib/format'
import { notifyError } from '../../lib/notify'
import { learnerName } from './filters'
import { POINTS_FIELD } from './GradeForm'
import { useGradingSession } from './session'
import { replayHeldKeys, type HeldKey } from './typeAhead'
import { currentEvaluation, type GradeValues, type GradingSubmission } from './useGradingSubmission'
import { heldKeysText, type TypeAhead } from './useTypeAhead'

interface GradeSavingOptions {
  current: SubmissionRecord | null
  setCurrent: Dispatch<SetStateAction<SubmissionRecord | null>>
  sub: GradingSubmission
  queue: ServerWindow<SubmissionRecord>
  neighbour(delta: 1): Promise<SubmissionRecord | undefined>
  open(row: SubmissionRecord, options: { focusPoints?: boolean }): void
  requestOpen(row: SubmissionRecord): void
  announce(text: string, error?: boolean): void
  form: { showError(error: unknown): void; resetErrors(): void; clearField(field: string): void }
  typeAhead: TypeAhead
  pointsRef: RefObject<HTMLInputElement | null>
  messageRef: RefObject<HTMLTextAreaElement | null>
}

/** Sentences said one after the other (a space between them, none where one is empty). */
const sentences = (...parts: (string | false)[]) => parts.filter(Boolean).join(' ')

/** "The keys typed after it (12 Ctrl+Enter) were not applied." or nothing. */
const droppedNote = (keys: readonly HeldKey[]) => (keys.length ? t('grading.droppedNote', { keys: heldKeysText(keys) }) : '')

export function useGradeSaving(o: GradeSavingOptions) {
  const { current, setCurrent, sub, queue, neighbour, open, requestOpen, announce, form, typeAhead, pointsRef, messageRef } = o
  const [saving, setSaving] = useState(false)
  const savingRef = useRef(false)
  const [undoing, setUndoing] = useState(false)

  const save = async (accept: boolean, goNext: boolean): Promise<boolean> => {
    if (!current) {
      announce(t('grading.noneOpenToSave'))
      return false
    }
    if (savingRef.current || !sub.ready) {
      // Ctrl+Enter from outside the grade form while busy: it waits its turn like a typed one.
      if (goNext) typeAhead.push({ kind: 'save', accept })
      else announce(t('grading.stillLoading'))
      return false
    }
    const row = current
    // What is typed now, including keys just replayed and not drawn yet.
    const values: GradeValues = sub.valuesNow()
    const total = sub.detail?.totalPoints ?? row.total_points ?? 0
    const before = currentEvaluation(sub.detail)?.id ?? null
    savingRef.current = true
    typeAhead.setSaving(true)
    typeAhead.awaitRow(row.status_row_id)
    setSaving(true)
    form.resetErrors()
    // "7,5" typed in French is 7.5 points; the API takes the point.
    const typedPoints = decimalInput(values.points)
    try {
      await sub.persistDraft()
      const result = await lms.call('assignments.evaluate', {
        statusRowId: row.status_row_id,
        evaluation: { instructorMessage: values.message.trim() ? values.message : null, pointsAwarded: typedPoints, isAccepted: accept },
      })
      const learner = learnerName(row)
      const changed = result.evaluationId !== before
      if (changed) {
        useGradingSession.getState().push({ evaluationId: result.evaluationId, statusRowId: row.status_row_id, learner, moduleName: row.module_name, accepted: accept, points: typedPoints, row })
      }
      sub.markSaved(values)
      const points = Number(typedPoints)
      setCurrent((r) =>
        r && r.status_row_id === row.status_row_id
          ? { ...r, status: result.status, grading_status: accept ? 'graded' : 'rejected', points_awarded: points, unsynced: r.unsynced || changed }
          : r,
      )
      const said = changed
        ? t(accept ? 'grading.saved.accepted' : 'grading.saved.rejected', { learner, points, total })
        : t('grading.noChange', { learner })
      // The next row is taken from the list as it was, before the saved row leaves it.
      const next = goNext ? await neighbour(1) : undefined
      void queue.refresh()
      if (goNext && next) {
        announce(t('grading.savedNext', { said, learner: learnerName(next) }))
        typeAhead.retarget()
        open(next, { focusPoints: true })
      } else {
        const dropped = goNext ? typeAhead.drop() : []
        announce(goNext ? sentences(t('grading.savedLast', { said }), droppedNote(dropped)) : said)
        void sub.reload({ resetTo: values })
      }
      return true
    } catch (error) {
      form.showError(error)
      // Keys typed after a refused grade were meant for the next submission: never this one.
      // From the keyboard, the keys that follow are refused too until the trainer turns to it.
      const dropped = typeAhead.drop()
      if (goNext) typeAhead.pause()
      announce(sentences(t('grading.notSaved', { reason: errorMessage(error) }), droppedNote(dropped), goNext && t('grading.correctIt')), true)
      return false
    } finally {
      savingRef.current = false
      typeAhead.setSaving(false)
      setSaving(false)
    }
  }

  // The open submission is shown with its grade and draft loaded, and nothing is saving:
  // the keys held meanwhile are typed into it now, up to a Ctrl+Enter, which saves it.
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
      form.clearField(POINTS_FIELD)
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

  const undo = async () => {
    const grade = useGradingSession.getState().grades.at(-1)
    if (!grade || undoing) return
    setUndoing(true)
    try {
      const result = await lms.call('grading.undoEvaluation', { evaluationId: grade.evaluationId })
      useGradingSession.getState().remove(grade.evaluationId)
      // The engine's message is the API's English; the screen says the same in its own words.
      const what = result.restoredEvaluationId === null ? 'grading.undone.ungraded' : result.resent ? 'grading.undone.resent' : 'grading.undone.previous'
      announce(t(what, { learner: grade.learner, module: grade.moduleName }))
      void queue.refresh()
      const restored: SubmissionRecord = {
        ...grade.row,
        status: result.status,
        grading_status: result.status === 'Completed' ? 'graded' : result.status === 'Rejected' ? 'rejected' : 'ungraded',
      }
      if (current?.status_row_id === grade.statusRowId) {
        setCurrent(restored)
        void sub.reload({ resetTo: sub.values })
      } else requestOpen(restored)
    } catch (error) {
      // A grade already sent to the hosted LMS cannot be taken back; it leaves the undo list.
      if (error instanceof LmsCallError && error.code === 'validation') useGradingSession.getState().remove(grade.evaluationId)
      notifyError(error, t('grading.undoFailed'))
    } finally {
      setUndoing(false)
    }
  }

  return { save, saving, undo, undoing }
}
