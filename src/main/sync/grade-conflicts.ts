// Grades are never overwritten silently. Before a queued evaluation is sent, the hosted
// LMS's current grade for that learner's module is read: if it changed since the grade
// this laptop last knew (the evaluation before the unsent ones), and differs from ours,
// the evaluation is held and a conflict keeps base, mine and theirs for the user to pick.
import type { Sql } from '../engine/db/sql'
import type { HostedClient } from './hosted-client'

export interface Grade {
  accepted: boolean | null
  points: number | null
  message: string | null
}

const sameGrade = (a: Grade, b: Grade) => a.accepted === b.accepted && a.points === b.points && (a.message ?? '') === (b.message ?? '')

export function openGradeConflict(db: Sql, localRowId: number): boolean {
  return Boolean(
    db.first(
      db.qb.selectFrom('sync_conflicts').select('id').where('entity', '=', 'evaluation').where('local_id', '=', localRowId).where('resolved_at', 'is', null),
    ),
  )
}

/** What the laptop last knew the server had: the newest evaluation before the first unsent one. */
function baseGrade(db: Sql, localRowId: number, firstUnsentEvaluationId: number): Grade {
  const before = db.first(
    db.qb
      .selectFrom('evaluations')
      .select(['accepted', 'points', 'message'])
      .where('status_row_id', '=', localRowId)
      .where('id', '<', firstUnsentEvaluationId)
      .where('undone_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1),
  )
  return before ? { accepted: before.accepted === 1, points: before.points, message: before.message } : { accepted: null, points: null, message: null }
}

async function serverGrade(client: HostedClient, serverRowId: number): Promise<Grade | undefined> {
  const body = await client.read<{ status?: string; submissions?: { points_awarded: number | null; instructor_message: string | null }[] }>(
    'assignments.submissions',
    { statusRowId: serverRowId },
  )
  if (!body) return undefined
  const accepted = body.status === 'Completed' ? true : body.status === 'Rejected' ? false : null
  if (accepted === null) return { accepted: null, points: null, message: null }
  const evaluated = [...(body.submissions ?? [])].reverse().find((s) => s.points_awarded !== null)
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
  if (openGradeConflict(db, localRowId)) return 'Held: this grade conflicts with the hosted LMS; choose mine or theirs in Sync.'
  // Through this row's evaluations (indexed), not json_extract over every unsent record:
  // that scan ran once per evaluation sent, so 5,000 queued grades took quadratic time.
  const firstUnsent = db.first(
    db.qb
      // CROSS JOIN: SQLite keeps this order (the row's few evaluations first), it would otherwise start from change_records.
      .selectFrom('evaluations')
      .crossJoin('change_records')
      .select((eb) => eb.fn.min('change_records.local_id').as('id'))
      .where('evaluations.status_row_id', '=', localRowId)
      .whereRef('change_records.local_id', '=', 'evaluations.id')
      .where('change_records.entity', '=', 'evaluation')
      .where('change_records.operation', '=', 'assignments.evaluate')
      .where('change_records.state', 'in', ['pending', 'sending', 'parked']),
  )?.id as number | null | undefined
  const theirs = await serverGrade(client, serverRowId)
  if (!theirs) return null
  const evaluation = record.input.evaluation as { isAccepted?: boolean; pointsAwarded?: number; instructorMessage?: string }
  const mine: Grade = { accepted: Boolean(evaluation?.isAccepted), points: Number(evaluation?.pointsAwarded), message: evaluation?.instructorMessage || null }
  const base = baseGrade(db, localRowId, firstUnsent ?? record.local_id ?? Number.MAX_SAFE_INTEGER)
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
