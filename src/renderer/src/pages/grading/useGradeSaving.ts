// Saving a grade (and opening the next), undoing the last one (useUndoGrade), and replaying
// the keys the type-ahead buffer held meanwhile into the submission shown (useReplayHeldKeys,
// called after `save` where its effect always stood). The rule: a grade is saved with exactly
// what was typed for it, or not at all, and the screen says which.
import { useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react'
import type { SubmissionRecord } from '../../../../shared/operations/progress'
import type { ServerWindow } from '../../hooks/useServerWindow'
import { t } from '../../i18n'
import { errorMessage } from '../../lib/errors'
import { decimalInput } from '../../lib/format'
import { learnerName } from './filters'
import type { GradeValues } from './gradeValues'
import { currentEvaluation } from './loadSubmission'
import { sendGrade } from './sendGrade'
import type { HeldKey } from './typeAhead'
import type { GradingSubmission } from './useGradingSubmission'
import { useReplayHeldKeys } from './useReplayHeldKeys'
import { heldKeysText, type TypeAhead } from './useTypeAhead'
import { useUndoGrade } from './useUndoGrade'

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
  const { undo, undoing } = useUndoGrade({ current, setCurrent, sub, queue, requestOpen, announce })

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
      const { result, learner, changed } = await sendGrade(row, { points: typedPoints, message: values.message, accept }, before)
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

  useReplayHeldKeys({ current, sub, typeAhead, pointsRef, messageRef, clearField: form.clearField, announce, save })

  return { save, saving, undo, undoing }
}
