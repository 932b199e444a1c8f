// The demo world's progress and grading: module statuses, assignment texts and files,
// discussion comments and evaluations, consistent with each enrollment's status. Status
// rows 1-7 and submission 1 are the ones the reference's examples name.
import type { Sql } from '../db/sql'
import { uploadUrl } from '../../../shared/contract/files'
import { writeUploadFile } from '../files/uploads'

const TEXTS = [
  'I walked the loading bay with the shift lead and listed the three hazards we see most: wet floors by the dock door, pallets stacked above shoulder height, and forklifts reversing without a spotter.',
  'My answer: stop, check the scene is safe, call for help, then start compressions at about two per second. I would send someone for the defibrillator straight away.',
  'The breach was an email with a customer list sent to the wrong supplier. I would report it to the data protection lead within the hour and ask the supplier to delete it and confirm in writing.',
  'Risk assessment for unloading deliveries: hazard, who is harmed, existing controls, extra controls needed, owner and date. Biggest gap is the lighting at the back gate.',
  'We practised the recovery position in pairs. I struggled with keeping the airway open while rolling the casualty, so I would like more practice on that.',
  'Hola! Here is my first assignment. I summarised the course introduction and wrote down two questions for the trainer.',
]
const COMMENTS = [
  'Last week a box slid off the top shelf when the door slammed. Nobody was hurt but we now strap the top row.',
  'Agree with the point above, we had the same with the cleaning trolley.',
  'A customer was shouting about a late refund; letting them finish before answering helped a lot.',
  'I think the near miss report form is too long, people skip it.',
  'Good idea to review near misses at the Monday briefing.',
]
const MESSAGES = ['Clear and complete, well done.', 'Good start; add who owns each action next time.', 'Please include the steps in order and resubmit.', 'Nice work.']

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

/** A one-page PDF with a line of text, built with correct cross-reference offsets. */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

interface Placed {
  module_id: number
  type: string
  total_points: number | null
  submission_type: string | null
  min_comments: number | null
  should_be_evaluated: number
}

export function seedGrading(sql: Sql, dataDir: string, now: Date, random: () => number): void {
  const iso = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString()
  const seed = new GradingSeed(sql, random, seedUploads(sql, dataDir, iso(60)))
  seedDocumentedRows(seed, iso)
  seedOtherEnrollments(seed, iso)
  enrollmentsFollowStatuses(seed)
}

/** The sample files learners submit, stored as uploads; their addresses. */
function seedUploads(sql: Sql, dataDir: string, at: string): string[] {
  return [
    { name: 'risk-assessment.pdf', bytes: tinyPdf('Risk assessment: loading bay') },
    { name: 'hazard-photo.png', bytes: PNG_1x1 },
    { name: 'scenario-notes.txt', bytes: Buffer.from('Scenario notes\n\n1. Check for danger\n2. Call for help\n3. Start CPR\n', 'utf8') },
  ].map((f) => {
    const sha = writeUploadFile(dataDir, f.bytes)
    sql.run(
      sql.qb
        .insertInto('uploads')
        .values({ sha256: sha, name: f.name, mime: f.name.endsWith('.pdf') ? 'application/pdf' : f.name.endsWith('.png') ? 'image/png' : 'text/plain; charset=utf-8', size: f.bytes.length, created_at: at })
        .onConflict((oc) => oc.column('sha256').doNothing()),
    )
    return uploadUrl(sha, f.name)
  })
}

/** Status rows, submissions and evaluations, written as a learner and a grader would leave them. */
class GradingSeed {
  constructor(
    readonly sql: Sql,
    readonly random: () => number,
    private readonly files: readonly string[],
  ) {}

  /** The modules of a course, in their order. */
  placedOf(courseId: number): Placed[] {
    return this.sql.all(
      this.sql.qb
        .selectFrom('course_modules as cm')
        .innerJoin('modules as m', 'm.id', 'cm.module_id')
        .select(['m.id as module_id', 'm.type', 'm.total_points', 'm.submission_type', 'm.min_comments', 'm.should_be_evaluated'])
        .where('cm.course_id', '=', courseId)
        .orderBy('cm.position'),
    )
  }

  statusRow(id: number | undefined, enrollmentId: number, moduleId: number, status: string, at: string): number {
    return this.sql.run(
      this.sql.qb.insertInto('module_status').values({
        ...(id ? { id } : {}),
        enrollment_id: enrollmentId,
        module_id: moduleId,
        status,
        started_at: status === 'Not Started' ? null : at,
        completed_at: status === 'Completed' ? at : null,
        last_accessed_at: status === 'Not Started' ? null : at,
        time_spent_seconds: status === 'Not Started' ? 0 : 60 + Math.floor(this.random() * 1800),
        access_count: status === 'Not Started' ? 0 : 1 + Math.floor(this.random() * 4),
        points_awarded: null,
        evaluated_by_id: null,
        evaluated_at: null,
        last_submitted_at: null,
        updated_at: at,
      }),
    ).lastInsertRowid
  }

  /** A text, file or comments (a discussion) submitted for the row; how many. */
  submit(rowId: number, m: Placed, at: string, submissionId?: number): number {
    const count = m.type === 'discussion' ? 1 + Math.floor(this.random() * 4) : 1
    for (let i = 0; i < count; i++) {
      const isFile = m.submission_type === 'file'
      this.sql.run(
        this.sql.qb.insertInto('submissions').values({
          ...(submissionId && i === 0 ? { id: submissionId } : {}),
          status_row_id: rowId,
          kind: m.type === 'discussion' ? 'comment' : isFile ? 'file' : 'text',
          content: m.type === 'discussion' ? COMMENTS[Math.floor(this.random() * COMMENTS.length)] : isFile ? null : TEXTS[Math.floor(this.random() * TEXTS.length)],
          file_url: isFile ? this.files[Math.floor(this.random() * this.files.length)] : null,
          submitted_at: at,
        }),
      )
    }
    this.sql.run(this.sql.qb.updateTable('module_status').set({ last_submitted_at: at, submission_count: count, status: 'Submitted' }).where('id', '=', rowId))
    return count
  }

  evaluate(rowId: number, m: Placed, accepted: boolean, at: string, evaluatorId: number, evaluator: string): void {
    const total = m.total_points ?? 0
    const points = accepted ? Math.round(total * (0.6 + this.random() * 0.4)) : Math.round(total * this.random() * 0.4)
    const submission = this.sql.first(this.sql.qb.selectFrom('submissions').select('id').where('status_row_id', '=', rowId).orderBy('id', 'desc').limit(1))
    this.sql.run(
      this.sql.qb.insertInto('evaluations').values({
        status_row_id: rowId,
        submission_id: submission?.id ?? null,
        points,
        message: MESSAGES[accepted ? Math.floor(this.random() * 2) * 3 : 2],
        accepted: accepted ? 1 : 0,
        evaluated_by_id: evaluatorId,
        evaluated_by: evaluator,
        evaluated_at: at,
        undone_at: null,
        restores_evaluation_id: null,
      }),
    )
    this.sql.run(
      this.sql.qb
        .updateTable('module_status')
        .set({ status: accepted ? 'Completed' : 'Rejected', points_awarded: points, evaluated_by_id: evaluatorId, evaluated_at: at, completed_at: accepted ? at : null, updated_at: at })
        .where('id', '=', rowId),
    )
  }
}

const gradable = (m: Placed) => m.type === 'assignment' || (m.type === 'discussion' && m.should_be_evaluated === 1)

function seedDocumentedRows(seed: GradingSeed, iso: (daysAgo: number) => string): void {
  // The documented rows: Demo Student's progress in course 1 (enrollment 1), and John Doe's
  // submitted "assignment 1" as status row 7 (enrollment 6).
  const course1 = new Map(seed.placedOf(1).map((m) => [m.module_id, m]))
  const demo: [number, number, string][] = [
    [1, 1, 'Completed'],
    [2, 4, 'Submitted'],
    [3, 7, 'Completed'],
    [4, 9, 'In Progress'],
    [5, 10, 'Completed'],
    [6, 13, 'Submitted'],
  ]
  for (const [id, moduleId, status] of demo) {
    const m = course1.get(moduleId) as Placed
    seed.statusRow(id, 1, moduleId, status === 'Submitted' ? 'In Progress' : status, iso(30 - id))
    if (gradable(m)) seed.submit(id, m, iso(29 - id), id === 2 ? 1 : undefined)
    if (moduleId === 10) seed.evaluate(id, m, true, iso(20), 1, 'Aom Staff')
  }
  seed.statusRow(7, 6, 2, 'In Progress', iso(9))
  seed.submit(7, course1.get(2) as Placed, iso(8))
}

/** Every other started enrollment: completed ones graded throughout, ones in progress with modules in every grading state. */
function seedOtherEnrollments(seed: GradingSeed, iso: (daysAgo: number) => string): void {
  const { sql, random } = seed
  const enrollments = sql.all(
    sql.qb.selectFrom('enrollments').select(['id', 'course_id', 'status', 'registered_at']).where('id', 'not in', [1, 6]).orderBy('id'),
  )
  const evaluators: [number, string][] = [
    [1, 'Aom Staff'],
    [5, 'Nora Lindqvist'],
    [6, 'Sam Okoye'],
  ]
  for (const e of enrollments) {
    if (e.status === 'Not Started') continue
    const placed = seed.placedOf(e.course_id)
    placed.forEach((m, i) => {
      const at = iso(Math.max(1, 60 - i * 5 - Math.floor(random() * 10)))
      const [evaluatorId, evaluator] = evaluators[Math.floor(random() * evaluators.length)]
      if (e.status === 'Completed') {
        const row = seed.statusRow(undefined, e.id, m.module_id, 'Completed', at)
        if (gradable(m)) {
          seed.submit(row, m, at)
          seed.evaluate(row, m, true, at, evaluatorId, evaluator)
        }
        return
      }
      // In progress: the first modules done, gradable ones in every grading state.
      if (!gradable(m)) {
        if (i < placed.length / 2) seed.statusRow(undefined, e.id, m.module_id, random() < 0.7 ? 'Completed' : 'In Progress', at)
        return
      }
      const roll = random()
      if (roll < 0.15) return
      const row = seed.statusRow(undefined, e.id, m.module_id, 'In Progress', at)
      seed.submit(row, m, at)
      if (roll > 0.85) seed.evaluate(row, m, false, at, evaluatorId, evaluator)
      else if (roll > 0.65) seed.evaluate(row, m, true, at, evaluatorId, evaluator)
    })
  }
}

function enrollmentsFollowStatuses(seed: GradingSeed): void {
  const { sql } = seed
  // Enrollments follow their module statuses, as recomputeEnrollment keeps them later.
  for (const e of sql.all(sql.qb.selectFrom('enrollments').select(['id', 'course_id', 'status', 'started_at', 'registered_at']))) {
    const placed = seed.placedOf(e.course_id).length
    const rows = sql.all(sql.qb.selectFrom('module_status').select(['status', 'completed_at']).where('enrollment_id', '=', e.id))
    const completed = rows.filter((r) => r.status === 'Completed')
    const percent = placed ? Math.round((completed.length / placed) * 10000) / 100 : 0
    const status = placed > 0 && completed.length === placed ? 'Completed' : rows.length > 0 || e.status !== 'Not Started' ? 'In Progress' : 'Not Started'
    const lastDone = completed.map((r) => r.completed_at as string).sort().at(-1) ?? null
    sql.run(
      sql.qb
        .updateTable('enrollments')
        .set({
          percent_complete: percent,
          status,
          started_at: status === 'Not Started' ? null : (e.started_at ?? e.registered_at),
          completed_at: status === 'Completed' ? lastDone : null,
        })
        .where('id', '=', e.id),
    )
  }
}
