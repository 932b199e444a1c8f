// The progress domain's public module: a learner's module status rows, completion and marks,
// which grading, assignments, the reports and sync's pull keep and read.
export { gradeSummaries, gradeSummary, insertBlankStatusRow, progressOf, recomputeEnrollment, requireEnrollment, requireStatusRow, timeSpent } from './status'
export type { GradeSummary } from './status'
