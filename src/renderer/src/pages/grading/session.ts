// The grades saved in this session, newest last: what Undo takes back. Kept in a store so
// it survives leaving the grading page and coming back (not a reload: a new session).
import { create } from 'zustand'
import type { SubmissionRecord } from '../../../../shared/operations/progress'

export interface SessionGrade {
  evaluationId: number
  statusRowId: number
  learner: string
  moduleName: string
  accepted: boolean
  points: string
  /** The queue row as it was, to reopen the submission when its grade is undone. */
  row: SubmissionRecord
}

interface GradingSession {
  grades: SessionGrade[]
  push(grade: SessionGrade): void
  remove(evaluationId: number): void
}

export const useGradingSession = create<GradingSession>((set) => ({
  grades: [],
  push: (grade) => set((s) => ({ grades: [...s.grades, grade] })),
  remove: (evaluationId) => set((s) => ({ grades: s.grades.filter((g) => g.evaluationId !== evaluationId) })),
}))
