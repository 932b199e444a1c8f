// The grading domain's public module: evaluating a submission, which the assignment operations use.
export { applyEvaluation, gradingTarget, writeActivity } from './evaluate'
