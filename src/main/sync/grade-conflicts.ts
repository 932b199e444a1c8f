// Grades are never overwritten silently. Before a queued evaluation is sent, the hosted
// LMS's current grade for that learner's module is read: if it changed since the grade
// this laptop last knew (the evaluation before the unsent ones), and differs from ours,
// the evaluation is held and a conflict keeps base, mine and theirs for the user to pick.
// A row graded again in the same run is not read again when this run's own grade of it
// was accepted less than FRESH_MS ago: the hosted LMS's grade is then the one just sent.
// That leaves a hosted change in those FRESH_MS unseen, as the read itself leaves one made
// between the read and the send: the window is of the same order.
import { prepared } from '../engine/db/prepared'
import type { Sql } from '../engine/db/sql'
import { openConflictOn } from './open-conflict'
import type { HostedClient } from './hosted-client'

export interface Grade {
  accepted: boolean | null
  points: number | null
  message: string | null
}

/** A queued evaluation's values, as the operation's input holds them. */
type Evaluation = { isAccepted?: boolean; pointsAwarded?: number; instructorMessage?: string | null }

/** How long a grade this run sent counts as the hosted LMS's current one. */
export const FRESH_MS = 2_000

/**
 * The hosted LMS's grade of a row (by server id), as this run last sent it, with when.
 * Keyed by the run's client: a sync run makes its own, so nothing outlives the run.
 */
const sentThisRun = new WeakMap<HostedClient, Map<number, { grade: Grade; at: number }>>()

const gradeOf = (evaluation: Evaluation | undefined): Grade => ({
  accepted: Boolean(evaluation?.isAccepted),
  points: Number(evaluation?.pointsAwarded),
  message: evaluation?.instructorMessage || null,
})

/** The hosted LMS accepted this grade: it is the row's grade there now. */
export function gradeSent(client: HostedClient, sent: Record<string, unknown>, evaluation: Evaluation | undefined): void {
  let rows = sentThisRun.get(client)
  if (!rows) sentThisRun.set(client, (rows = new Map()))
  rows.set(Number(sent.statusRowId), { grade: gradeOf(evaluation), at: performance.now() })
}

function freshlySent(client: HostedClient, serverRowId: number): Grade | undefined {
  const known = sentThisRun.get(client)?.get(serverRowId)
  return known && performance.now() - known.at <= FRESH_MS ? known.grade : undefined
}

const sameGrade = (a: Grade, b: Grade) => a.accepted === b.accepted && a.points === b.points && (a.message ?? '') === (b.message ?? '')

/** What the laptop last knew the server had: the newest evaluation before the first unsent one (not undone). */
const gradeBefore = prepared((qb, statusRowId: number, evaluationId: number) =>
  qb
    .selectFrom('evaluations')
    .select(['accepted', 'points', 'message'])
    .where('status_row_id', '=', statusRowId)
    .where('id', '<', evaluationId)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1),
)

function baseGrade(db: Sql, localRowId: number, firstUnsentEvaluationId: number): Grade {
  const before = db.first(gradeBefore(localRowId, firstUnsentEvaluationId))
  return before ? { accepted: before.accepted === 1, points: before.points, message: before.message } : { accepted: null, points: null, message: null }
}

/** The hosted LMS's current grade of a status row (GET module/assignment/submissions): undefined when it did not answer as documented. */
async function serverGrade(client: HostedClient, serverRowId: number): Promise<Grade | undefined> {
  const answer = await client.answer('submissionRow', { statusRowId: serverRowId })
  if (answer.kind !== 'ok') return undefined
  const body = answer.value
  const accepted = body.status === 'Completed' ? true : body.status === 'Rejected' ? false : null
  if (accepted === null) return { accepted: null, points: null, message: null }
  const evaluated = [...body.submissions].reverse().find((s) => s.points_awarded !== null)
  return { accepted, points: evaluated?.points_awarded ?? null, message: evaluated?.instructor_message || null }
}

/**
 * Decides whether a queued evaluation may be sent. Returns null to send it, or the reason
 * it is held (a conflict is recorded when the grades disagree).
 */
export async function checkGradeBeforeSend(
  db: Sql,
  client: HostedClient,
  record: { id: number; local_id: number | null; input: Record<string, unknown> },
  sent: Record<string, unknown>,
  now: string,
): Promise<string | null> {
  const localRowId = Number(record.input.statusRowId)
  const serverRowId = Number(sent.statusRowId)
  if (openConflictOn(db, 'evaluation', localRowId)) return 'Held: this grade conflicts with the hosted LMS; choose mine or theirs in Sync.'
  const theirs = freshlySent(client, serverRowId) ?? (await serverGrade(client, serverRowId))
  if (!theirs) return null
  const mine = gradeOf(record.input.evaluation as Evaluation)
  // The record checked is the oldest unsent one of its submission (the drain sends a row's
  // records in order), and an evaluation's id grows with its change record's: so its own
  // evaluation is the first unsent one, and what came before it is what the server knew.
  const base = baseGrade(db, localRowId, record.local_id ?? Number.MAX_SAFE_INTEGER)
  if (sameGrade(theirs, base) || sameGrade(theirs, mine)) return null
  const settled = db.all(
    db.qb.selectFrom('sync_conflicts').select('theirs').where('entity', '=', 'evaluation').where('local_id', '=', localRowId).where('choice', '=', 'mine'),
  )
  if (settled.some((c) => sameGrade(JSON.parse(c.theirs ?? 'null') as Grade, theirs))) return null
  db.run(
    db.qb.insertInto('sync_conflicts').values({
      entity: 'evaluation',
      local_id: localRowId,
      server_id: serverRowId,
      field: 'grade',
      base: JSON.stringify(base),
      mine: JSON.stringify(mine),
      theirs: JSON.stringify(theirs),
      created_at: now,
      resolved_at: null,
      choice: null,
    }),
  )
  return 'Held: the hosted LMS has a different grade; choose mine or theirs in Sync.'
}
