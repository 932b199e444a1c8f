// The progress domain's public module: a learner's module status rows, completion and marks,
// which grading, assignments, the reports and sync's pull keep and read.
export { gradeSummary, progressOf, recomputeEnrollment, requireEnrollment, requireStatusRow, timeSpent } from './status'
