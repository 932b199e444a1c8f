// Issuing runs in batches so the screen can show progress and stop between batches: chosen
// learners go to course/assignCertificate a batch at a time; "everyone who finished" is
// selected on the server (certificates.issueFinished issues to the next batch and says how
// many remain), so no learner is missed because a page did not hold them.
import { lms } from '../../api/client'
import { reasonText } from '../../lib/errors'

export interface IssueProgress {
  done: number
  total: number
}

export interface IssueResult {
  issued: number
  skipped: string[]
  stopped: boolean
}

interface RunOptions {
  onProgress(progress: IssueProgress): void
  /** Read between batches: true stops the run there. */
  shouldStop(): boolean
}

const CHOSEN_BATCH = 50
const FINISHED_BATCH = 100

export async function issueToChosen(courseId: number, enrollmentIds: readonly number[], run: RunOptions): Promise<IssueResult> {
  const result: IssueResult = { issued: 0, skipped: [], stopped: false }
  run.onProgress({ done: 0, total: enrollmentIds.length })
  for (let i = 0; i < enrollmentIds.length; i += CHOSEN_BATCH) {
    if (run.shouldStop()) return { ...result, stopped: true }
    const answer = await lms.call('courses.assignCertificate', { id: courseId, enrollmentIds: enrollmentIds.slice(i, i + CHOSEN_BATCH) })
    result.issued += answer.issued
    result.skipped.push(...answer.skipped.map((s) => reasonText(s.reasonCode, s.reason)))
    run.onProgress({ done: Math.min(enrollmentIds.length, i + CHOSEN_BATCH), total: enrollmentIds.length })
  }
  return result
}

/** Everyone who finished and holds no certificate of the course, `expected` of them when the run began. */
export async function issueToAllFinished(courseId: number, expected: number, run: RunOptions): Promise<IssueResult> {
  const result: IssueResult = { issued: 0, skipped: [], stopped: false }
  let total = expected
  run.onProgress({ done: 0, total })
  for (;;) {
    if (run.shouldStop()) return { ...result, stopped: true }
    const answer = await lms.call('certificates.issueFinished', { courseId, batchSize: FINISHED_BATCH })
    result.issued += answer.issued
    result.skipped.push(...answer.skipped.map((s) => reasonText(s.reasonCode, s.reason)))
    // Learners who finished meanwhile join the run; the total follows what the server says.
    total = Math.max(total, result.issued + answer.remaining)
    run.onProgress({ done: result.issued, total })
    if (answer.remaining === 0 || answer.issued === 0) return result
  }
}
