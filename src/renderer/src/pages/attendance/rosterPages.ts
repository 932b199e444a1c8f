// The roster's pages as the screen keeps them (keyed by search and page number), and the
// local changes made to them: one learner changed on every page that holds them, and the
// class's counts moved from one status to another.
import { ROSTER_PAGE, type RosterLearner } from '../../../../shared/operations/attendance'
import type { ClassStatus, ClassTotals } from '../../../../shared/operations/classes'

/** One page of the learners matching a search, and how many match. */
export interface RosterPage {
  learners: RosterLearner[]
  matching: number
}

export type RosterPages = ReadonlyMap<string, RosterPage>

const TOTAL_KEY: Record<ClassStatus, keyof ClassTotals> = {
  Registered: 'totalRegistered',
  Attended: 'totalAttended',
  'No Show': 'totalNoShow',
  Cancelled: 'totalCancelled',
}

export const pageKey = (search: string, page: number) => `${page}\n${search}`
export const pageOf = (row: number) => Math.floor(row / ROSTER_PAGE) + 1

/** What the whole-class search matches, as the screen always searched: name or email, any case. */
export const matches = (l: RosterLearner, text: string) => l.name.toLowerCase().includes(text) || l.email.toLowerCase().includes(text)

/** The learner as the pages show them, if any page holds them. */
export const learnerIn = (pages: RosterPages, enrollmentId: number) =>
  [...pages.values()].flatMap((p) => p.learners).find((l) => l.enrollmentId === enrollmentId)

/** The pages with one learner changed wherever they are listed. */
export const withLearner = (pages: RosterPages, enrollmentId: number, change: (l: RosterLearner) => RosterLearner) =>
  new Map([...pages].map(([k, p]) => [k, { ...p, learners: p.learners.map((l) => (l.enrollmentId === enrollmentId ? change(l) : l)) }]))

/** The counts with one learner moved from one status to another. */
export const movedTotals = (totals: ClassTotals, from: ClassStatus, to: ClassStatus): ClassTotals => ({
  ...totals,
  [TOTAL_KEY[from]]: totals[TOTAL_KEY[from]] - 1,
  [TOTAL_KEY[to]]: totals[TOTAL_KEY[to]] + 1,
})
