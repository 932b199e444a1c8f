// Learners' submissions and their grades, per mapped course. The documented submission
// list says which status rows exist; a row whose list record changed since the last pull
// is read in full (its submissions and evaluations) and merged. Rows with unsent local
// grading work are left alone: the push compares grades before it sends and lists a
// conflict when the hosted LMS has moved on, so a pull never overwrites a grade.
import type { EvaluationEntry, SubmissionEntry } from '../../shared/operations/assignments'
import type { Sql } from '../engine/db/sql'
import type { HostedClient } from './hosted-client'
import { forEachMappedCourse } from './pull-enrollments'
import { localIdOf, readBase, sameJson, stopFor, writeBase, type PullPhase, type PullStop } from './pull-phase'
import { UNSENT_STATES } from './push'
import { mapIds } from './id-map'

type SubmissionListRecord = Record<string, unknown> & { status_row_id: number; module_id: number }

interface SubmissionDetail {
  moduleId: number
  status: string
  student: { id: number; email: string }
  submissions: SubmissionEntry[]
  evaluations: EvaluationEntry[]
}

const GRADED = new Set(['Submitted', 'Completed', 'Rejected', 'In Progress', 'Not Started'])

function hasUnsentGrading(sql: Sql, rowId: number): boolean {
  const unsent = [...UNSENT_STATES]
  const byRow = sql.first(
    sql.qb.selectFrom('change_records').select('id').where('entity', '=', 'module_status').where('local_id', '=', rowId).where('state', 'in', unsent).limit(1),
  )
  if (byRow) return true
  const byEvaluation = sql.first(
    sql.qb
      .selectFrom('evaluations as ev')
      .innerJoin('change_records as c', (j) => j.onRef('c.local_id', '=', 'ev.id').on('c.entity', '=', 'evaluation'))
      .select('c.id')
      .where('ev.status_row_id', '=', rowId)
      .where('c.state', 'in', unsent)
      .limit(1),
  )
  if (byEvaluation) return true
  return Boolean(
    sql.first(
      sql.qb
        .selectFrom('submissions as s')
        .innerJoin('change_records as c', (j) => j.onRef('c.local_id', '=', 's.id').on('c.entity', '=', 'submission'))
        .select('c.id')
        .where('s.status_row_id', '=', rowId)
        .where('c.state', 'in', unsent)
        .limit(1),
    ),
  )
}

/** The local status row for a server one: mapped, or found by the learner's enrollment and the module. */
function localStatusRow(sql: Sql, localCourseId: number, serverRowId: number, detail: SubmissionDetail, now: string): number | undefined {
  const mapped = localIdOf(sql, 'module_status', serverRowId)
  if (mapped !== undefined) return mapped
  const user = localIdOf(sql, 'user', detail.student.id)
  const module = localIdOf(sql, 'module', detail.moduleId)
  if (user === undefined || module === undefined) return undefined
  const enrollment = sql.first(sql.qb.selectFrom('enrollments').select('id').where('course_id', '=', localCourseId).where('user_id', '=', user))
  if (!enrollment) return undefined
  const existing = sql.first(sql.qb.selectFrom('module_status').select('id').where('enrollment_id', '=', enrollment.id).where('module_id', '=', module))
  const rowId =
    existing?.id ??
    sql.run(
      sql.qb.insertInto('module_status').values({
        enrollment_id: enrollment.id,
        module_id: module,
        status: 'Not Started',
        started_at: null,
        completed_at: null,
        last_accessed_at: null,
        points_awarded: null,
        evaluated_by_id: null,
        evaluated_at: null,
        last_submitted_at: null,
        updated_at: now,
      }),
    ).lastInsertRowid
  mapIds(sql, 'module_status', rowId, serverRowId)
  return rowId
}

const isMapped = (sql: Sql, entity: string, localId: number) =>
  Boolean(sql.first(sql.qb.selectFrom('id_map').select('server_id').where('entity', '=', entity).where('local_id', '=', localId)))

/** Server entries not known here yet: adopted when an unmapped local one is the same (sent from here), inserted otherwise. */
function mergeSubmissions(sql: Sql, rowId: number, entries: SubmissionEntry[], kind: string): void {
  for (const entry of entries) {
    if (localIdOf(sql, 'submission', entry.id) !== undefined) continue
    const content = entry.student_message ?? null
    const fileUrl = entry.file_path || null
    const candidates = sql.all(
      sql.qb.selectFrom('submissions').select(['id', 'content', 'file_url']).where('status_row_id', '=', rowId).orderBy('id'),
    )
    const same = candidates.find(
      (c) =>
        !isMapped(sql, 'submission', c.id) &&
        (c.content ?? null) === content &&
        (fileUrl === null) === (c.file_url === null),
    )
    const localId =
      same?.id ??
      sql.run(
        sql.qb.insertInto('submissions').values({
          status_row_id: rowId,
          kind: fileUrl ? 'file' : kind,
          content,
          file_url: fileUrl,
          submitted_at: entry.submitted_on,
        }),
      ).lastInsertRowid
    mapIds(sql, 'submission', localId, entry.id)
  }
}

function mergeEvaluations(sql: Sql, rowId: number, entries: EvaluationEntry[], now: string): void {
  for (const entry of entries) {
    const mapped = localIdOf(sql, 'evaluation', entry.id)
    if (mapped !== undefined) {
      if (entry.undone) sql.run(sql.qb.updateTable('evaluations').set({ undone_at: now }).where('id', '=', mapped).where('undone_at', 'is', null))
      continue
    }
    const unmapped = sql
      .all(sql.qb.selectFrom('evaluations').select(['id', 'points', 'message', 'accepted']).where('status_row_id', '=', rowId).orderBy('id'))
      .filter((e) => !isMapped(sql, 'evaluation', e.id))
    const same = unmapped.find(
      (e) => e.points === entry.points_awarded && (e.message ?? '') === (entry.instructor_message ?? '') && e.accepted === (entry.is_accepted ? 1 : 0),
    )
    const localId =
      same?.id ??
      sql.run(
        sql.qb.insertInto('evaluations').values({
          status_row_id: rowId,
          submission_id: null,
          points: entry.points_awarded,
          message: entry.instructor_message,
          accepted: entry.is_accepted ? 1 : 0,
          evaluated_by_id: null,
          evaluated_by: entry.evaluated_by,
          evaluated_at: entry.evaluated_on,
          undone_at: entry.undone ? now : null,
          restores_evaluation_id: null,
        }),
      ).lastInsertRowid
    mapIds(sql, 'evaluation', localId, entry.id)
  }
}

function applyDetail(sql: Sql, rowId: number, detail: SubmissionDetail, moduleType: string, now: string): void {
  mergeSubmissions(sql, rowId, detail.submissions ?? [], moduleType === 'discussion' ? 'comment' : 'text')
  mergeEvaluations(sql, rowId, detail.evaluations ?? [], now)
  const current = [...(detail.evaluations ?? [])].reverse().find((e) => !e.undone)
  const graded = detail.status === 'Completed' || detail.status === 'Rejected'
  const submittedOn = (detail.submissions ?? []).map((s) => s.submitted_on).sort().at(-1) ?? null
  sql.run(
    sql.qb
      .updateTable('module_status')
      .set({
        ...(GRADED.has(detail.status) ? { status: detail.status } : {}),
        points_awarded: graded ? (current?.points_awarded ?? null) : null,
        evaluated_at: graded ? (current?.evaluated_on ?? null) : null,
        last_submitted_at: submittedOn,
        submission_count: (detail.submissions ?? []).length,
        updated_at: now,
      })
      .where('id', '=', rowId),
  )
}

async function readDetail(client: HostedClient, serverRowId: number): Promise<SubmissionDetail | PullStop | undefined> {
  const outcome = await client.call('assignments.submissions', { statusRowId: serverRowId })
  if (outcome.kind === 'ok') return outcome.body as SubmissionDetail
  return stopFor(outcome) ?? undefined
}

export const submissionsPhase: PullPhase = {
  name: 'submissions',
  entities: ['submission', 'evaluation', 'module_status'],
  run(run) {
    const { sql, client, clock } = run.deps
    return forEachMappedCourse(run, async (course, page) => {
      const outcome = await client.call('courses.submissions', {
        course_id: course.server_id,
        page_size: run.pageSize,
        page_number: page,
        order_by: JSON.stringify({ colName: 'submitted_on', direction: 'asc' }),
      })
      if (outcome.kind === 'refused') return { stop: null, more: false, skip: true }
      if (outcome.kind !== 'ok') return { stop: stopFor(outcome) ?? 'offline', more: false }
      const records = ((outcome.body as { records?: SubmissionListRecord[] }).records ?? []).filter((r) => typeof r?.status_row_id === 'number')
      // The documented list record says little; any change in it (a new submission, and
      // on servers that send more keys, a new grade) is the signal to read the row in full.
      const changed = records.filter((r) => !sameJson(readBase(sql, 'submission_row', r.status_row_id), r))
      const details = new Map<number, SubmissionDetail>()
      for (const r of changed) {
        const known = localIdOf(sql, 'module_status', r.status_row_id)
        if (known !== undefined && hasUnsentGrading(sql, known)) continue
        const detail = await readDetail(client, r.status_row_id)
        if (detail === 'offline' || detail === 'unauthorized') return { stop: detail, more: false }
        if (detail) details.set(r.status_row_id, detail)
      }
      const cursor = run.cursor()
      const now = clock().toISOString()
      let applied = 0
      sql.transaction(() => {
        for (const r of changed) {
          const detail = details.get(r.status_row_id)
          if (!detail) continue
          const rowId = localStatusRow(sql, course.local_id, r.status_row_id, detail, now)
          // Not placeable yet (learner or module unknown here), or graded here meanwhile: the next pull looks again.
          if (rowId === undefined || hasUnsentGrading(sql, rowId)) continue
          applyDetail(sql, rowId, detail, String(r.module_type ?? ''), now)
          writeBase(sql, 'submission_row', r.status_row_id, r, cursor.sweep)
          applied++
        }
        run.save({ ...cursor, page: page + 1 })
      })
      run.count({ pulled: applied })
      return { stop: null, more: records.length >= run.pageSize }
    })
  },
}
