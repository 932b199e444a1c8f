// Learners' submissions and their grades, per mapped course, from documented data only:
//  - GET course/submissions lists the status rows with work (status_row_id, module_id, the
//    learner's email, the latest submission's id and date): the row is placed here by the
//    learner's enrollment in the course and the module.
//  - GET module/assignment/submissions reads a row in full: every attempt, each with its
//    evaluation (points_awarded, instructor_message, evaluated_by/on), and the row's status.
//    It is read when the list record changed; besides, REFRESH_PER_RUN other rows a run are
//    read again, in turn (by status row id, from where the last run stopped): the list does
//    not show grades, so a grade given on the hosted LMS is learnt that way, within
//    rows / REFRESH_PER_RUN runs.
// Rows with unsent local grading work are left alone: the push compares grades before it
// sends and lists a conflict when the hosted LMS has moved on, so a pull never overwrites
// a grade.
import type { Sql } from '../engine/db/sql'
import { insertBlankStatusRow } from '../engine/domains/progress/index'
import type { DecodedAnswer, DecodedRecord } from './hosted-client'
import { mapIds } from './id-map'
import { mappedParents, usersByEmail } from './pull-enrollments'
import { readMeta, writeMeta } from '../engine/meta'
import { hasUnsent, hasUnsentAmong, hasUnsentOf } from '../engine/outbox'
import type { PhaseResult, PhaseRun, PullPhase } from './pull-phase'
import { basesOf, localIdOf, localIdsOf, writeBases } from './pull-store'
import { allPages, walkParents } from './pull-walk'

type ListRow = DecodedRecord<'submissions'>
type Detail = DecodedAnswer<'submissionRow'>
type Attempt = Detail['submissions'][number]
type RowBase = { submission_id: number | null; submitted_on: string }

export const REFRESH_PER_RUN = 200
const REFRESH_CURSOR = 'sync.grade_refresh_after'

const GRADED = new Set(['Submitted', 'Completed', 'Rejected', 'In Progress', 'Not Started'])

const GRADING_ENTITIES = ['module_status', 'evaluation', 'submission'] as const

/** Whether the queue holds any unsent grading work: when it holds none (a first pull), no row is asked about one by one. */
const anyUnsentGrading = (sql: Sql) => hasUnsentOf(sql, GRADING_ENTITIES)

export function hasUnsentGrading(sql: Sql, rowId: number, anyUnsent = true): boolean {
  return (
    anyUnsent &&
    (hasUnsent(sql, 'module_status', rowId) ||
    hasUnsentAmong(sql, 'evaluation', sql.qb.selectFrom('evaluations').select('id').where('status_row_id', '=', rowId)) ||
    hasUnsentAmong(sql, 'submission', sql.qb.selectFrom('submissions').select('id').where('status_row_id', '=', rowId)))
  )
}

/** The local status row for a server one: mapped, or found (or made) by the learner's enrollment and the module. */
function localStatusRow(sql: Sql, localCourseId: number, rec: ListRow, user: number | undefined, now: string): number | undefined {
  const mapped = localIdOf(sql, 'module_status', rec.status_row_id)
  if (mapped !== undefined) return mapped
  const module = localIdOf(sql, 'module', rec.module_id)
  if (user === undefined || module === undefined) return undefined
  const enrollment = sql.first(sql.qb.selectFrom('enrollments').select('id').where('course_id', '=', localCourseId).where('user_id', '=', user))
  if (!enrollment) return undefined
  const existing = sql.first(sql.qb.selectFrom('module_status').select('id').where('enrollment_id', '=', enrollment.id).where('module_id', '=', module))
  const rowId = existing?.id ?? insertBlankStatusRow(sql, enrollment.id, module, now)
  mapIds(sql, 'module_status', rowId, rec.status_row_id)
  return rowId
}

/** Attempts not known here yet: adopted when an unmapped local one is the same (sent from here), inserted otherwise. */
function mergeSubmissions(sql: Sql, rowId: number, attempts: Attempt[], kind: string, now: string): Map<number, number> {
  const local = new Map<number, number>()
  const candidates = sql.all(sql.qb.selectFrom('submissions').select(['id', 'content', 'file_url']).where('status_row_id', '=', rowId).orderBy('id'))
  const mapped = new Set(localIdsOf(sql, 'submission', attempts.map((a) => a.id)).values())
  for (const attempt of attempts) {
    const known = localIdOf(sql, 'submission', attempt.id)
    if (known !== undefined) {
      local.set(attempt.id, known)
      continue
    }
    const content = attempt.student_message
    const fileUrl = attempt.file_path
    const same = candidates.find((c) => !mapped.has(c.id) && localIdOf(sql, 'submission', c.id) === undefined && (c.content ?? null) === content && (fileUrl === null) === (c.file_url === null))
    const localId =
      same?.id ??
      sql.run(
        sql.qb.insertInto('submissions').values({ status_row_id: rowId, kind: fileUrl ? 'file' : kind, content, file_url: fileUrl, submitted_at: attempt.submitted_on ?? now }),
      ).lastInsertRowid
    mapped.add(localId)
    mapIds(sql, 'submission', localId, attempt.id)
    local.set(attempt.id, localId)
  }
  return local
}

const evaluated = (a: Attempt) => a.points_awarded !== null || (a.instructor_message ?? '') !== '' || a.evaluated_on !== null

/**
 * Each evaluated attempt is one evaluation here, tied to its submission. The newest carries
 * the row's verdict (Completed accepts, Rejected does not); an earlier one was followed by
 * another attempt, so it did not accept. An evaluation is added only when the attempt's
 * current one here differs.
 */
function mergeEvaluations(sql: Sql, rowId: number, attempts: Attempt[], submissions: Map<number, number>, status: string): void {
  const graded = attempts.filter(evaluated)
  graded.forEach((attempt, i) => {
    const submissionId = submissions.get(attempt.id) ?? null
    const accepted = i === graded.length - 1 ? status === 'Completed' : false
    const current = sql.first(
      sql.qb
        .selectFrom('evaluations')
        .select(['points', 'message', 'accepted'])
        .where('status_row_id', '=', rowId)
        .where('submission_id', submissionId === null ? 'is' : '=', submissionId as never)
        .where('undone_at', 'is', null)
        .orderBy('id', 'desc')
        .limit(1),
    )
    const points = attempt.points_awarded ?? 0
    if (current && current.points === points && (current.message ?? '') === (attempt.instructor_message ?? '') && current.accepted === (accepted ? 1 : 0)) return
    sql.run(
      sql.qb.insertInto('evaluations').values({
        status_row_id: rowId,
        submission_id: submissionId,
        points,
        message: attempt.instructor_message,
        accepted: accepted ? 1 : 0,
        evaluated_by_id: null,
        evaluated_by: attempt.evaluated_by || 'Hosted LMS',
        evaluated_at: attempt.evaluated_on ?? attempt.submitted_on ?? new Date(0).toISOString(),
        undone_at: null,
        restores_evaluation_id: null,
      }),
    )
  })
}

function applyDetail(sql: Sql, rowId: number, detail: Detail, moduleType: string, now: string): void {
  const attempts = detail.submissions
  const submissions = mergeSubmissions(sql, rowId, attempts, moduleType === 'discussion' ? 'comment' : 'text', now)
  mergeEvaluations(sql, rowId, attempts, submissions, detail.status)
  const current = [...attempts].reverse().find(evaluated)
  const graded = detail.status === 'Completed' || detail.status === 'Rejected'
  const submittedOn = attempts.map((a) => a.submitted_on).filter((d): d is string => d !== null).sort().at(-1) ?? null
  sql.run(
    sql.qb
      .updateTable('module_status')
      .set({
        ...(GRADED.has(detail.status) ? { status: detail.status } : {}),
        points_awarded: graded ? (current?.points_awarded ?? null) : null,
        evaluated_at: graded ? (current?.evaluated_on ?? null) : null,
        last_submitted_at: submittedOn,
        submission_count: attempts.length,
        updated_at: now,
      })
      .where('id', '=', rowId),
  )
}

/** Reads the given rows in full through the run's slots; the failure that ends the phase, if any. */
async function readDetails(run: PhaseRun, rows: readonly ListRow[], into: Map<number, Detail>): Promise<Exclude<PhaseResult, null> | null> {
  const { client } = run.deps
  const answers = await Promise.all(rows.map((r) => run.slot(() => client.answer('submissionRow', { statusRowId: r.status_row_id }))))
  for (let i = 0; i < rows.length; i++) {
    const answer = answers[i]
    const where = `status row ${rows[i].status_row_id}`
    if (answer.kind === 'ok') {
      run.succeeded(where)
      run.skipped(answer.route, answer.skipped)
      into.set(rows[i].status_row_id, answer.value)
      continue
    }
    // Gone since the list was read: the next sweep no longer lists it.
    if (answer.kind === 'refused' && answer.status === 404) continue
    const verdict = run.failed(answer, where)
    if (verdict !== 'skip') return verdict
  }
  return null
}

/** Applies read rows of one course; rows it could not place wait for a later pull. */
function applyRows(sql: Sql, run: PhaseRun, localCourseId: number, rows: readonly ListRow[], details: ReadonlyMap<number, Detail>, now: string): void {
  const users = usersByEmail(sql, rows.map((r) => r.email))
  const written: { serverId: number; data: RowBase }[] = []
  const anyUnsent = anyUnsentGrading(sql)
  for (const rec of rows) {
    const detail = details.get(rec.status_row_id)
    if (!detail) continue
    const rowId = localStatusRow(sql, localCourseId, rec, users.get(rec.email), now)
    // Not placeable yet (learner or module unknown here), or graded here meanwhile: the next pull looks again.
    if (rowId === undefined || hasUnsentGrading(sql, rowId, anyUnsent)) continue
    applyDetail(sql, rowId, detail, rec.module_type, now)
    written.push({ serverId: rec.status_row_id, data: { submission_id: rec.submission_id, submitted_on: rec.submitted_on } })
  }
  writeBases(sql, 'submission_row', written, run.cursor().sweep)
  run.count({ pulled: written.length })
}

export const submissionsPhase: PullPhase = {
  name: 'submissions',
  entities: ['submission', 'evaluation', 'module_status'],
  async run(run) {
    const { sql, client, clock } = run.deps
    /** Rows known here, unchanged in the list: candidates for reading again in turn. */
    const unchanged: { course: number; rec: ListRow }[] = []
    const walked = await walkParents<{ rows: ListRow[]; details: Map<number, Detail> }>(
      run,
      mappedParents(sql, 'course'),
      async (course) => {
        const list = await allPages(run, `course ${course.server_id}`, (page) =>
          client.records('submissions', { course_id: course.server_id, page_size: run.pageSize, page_number: page }),
        )
        if (list.kind !== 'read') return list
        const rows = list.data.records
        const bases = basesOf<RowBase>(sql, 'submission_row', rows.map((r) => r.status_row_id))
        const locals = localIdsOf(sql, 'module_status', rows.map((r) => r.status_row_id))
        const toRead: ListRow[] = []
        const anyUnsent = anyUnsentGrading(sql)
        for (const r of rows) {
          const base = bases.get(r.status_row_id)
          const local = locals.get(r.status_row_id)
          if (local !== undefined && hasUnsentGrading(sql, local, anyUnsent)) continue
          if (!base || local === undefined || base.submission_id !== r.submission_id || base.submitted_on !== r.submitted_on) toRead.push(r)
          else unchanged.push({ course: course.local_id, rec: r })
        }
        const details = new Map<number, Detail>()
        const failed = await readDetails(run, toRead, details)
        if (failed) return { kind: 'failed', verdict: failed }
        return { kind: 'read', data: { rows: toRead, details } }
      },
      (course, { rows, details }) => applyRows(sql, run, course.local_id, rows, details, clock().toISOString()),
    )
    if (walked !== null) return walked
    // The rows read again in turn, from where the last run stopped.
    const after = Number(readMeta(sql, REFRESH_CURSOR) || 0)
    const ordered = unchanged.sort((a, b) => a.rec.status_row_id - b.rec.status_row_id)
    const turn = [...ordered.filter((u) => u.rec.status_row_id > after), ...ordered.filter((u) => u.rec.status_row_id <= after)].slice(0, REFRESH_PER_RUN)
    const details = new Map<number, Detail>()
    const failed = await readDetails(run, turn.map((t) => t.rec), details)
    const byCourse = new Map<number, ListRow[]>()
    for (const t of turn) byCourse.set(t.course, [...(byCourse.get(t.course) ?? []), t.rec])
    sql.transaction(() => {
      const now = clock().toISOString()
      for (const [course, rows] of byCourse) applyRows(sql, run, course, rows, details, now)
      if (turn.length) writeMeta(sql, REFRESH_CURSOR, String(turn[turn.length - 1].rec.status_row_id))
    })
    return failed
  },
}
