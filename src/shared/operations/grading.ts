// App operations for the grading screen: drafts that survive a reload or crash, and the
// undo of an evaluation made in this session. Not part of the hosted API.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id } from '../contract/list-params'

export interface GradingDraft {
  statusRowId: number
  points: string
  message: string
  updatedAt: string
}

export const draftGet = defineOperation({
  name: 'grading.draftGet',
  summary: 'The unsaved points and message typed for a submission, if any',
  kind: 'read',
  method: 'POST',
  route: null,
  input: z.object({ statusRowId: id }),
  output: returns<GradingDraft | null>(),
})

export const draftSave = defineOperation({
  name: 'grading.draftSave',
  summary: 'Keep what is typed for a submission until it is saved or discarded',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({
    statusRowId: id,
    points: z.string().max(20),
    message: z.string().max(65_535),
  }),
  output: returns<GradingDraft>(),
  // Drafts stay on this laptop.
  sync: null,
})

export const draftClear = defineOperation({
  name: 'grading.draftClear',
  summary: 'Discard the draft of a submission',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ statusRowId: id }),
  output: returns<{ cleared: boolean }>(),
  sync: null,
})

export const undoEvaluation = defineOperation({
  name: 'grading.undoEvaluation',
  summary: 'Restore the state before an evaluation, as a new change',
  kind: 'write',
  method: 'POST',
  route: null,
  input: z.object({ evaluationId: id }),
  // `resent`: the grade brought back goes to the hosted LMS again (the undone one had been sent).
  output: returns<{ message: string; status: string; restoredEvaluationId: number | null; resent: boolean }>(),
  // Never queued as itself: an unsent grade's change is dropped, a sent one is restored by
  // queueing the previous grade as a new assignments.evaluate.
  sync: null,
})

export const gradingOperations = [draftGet, draftSave, draftClear, undoEvaluation] as const
