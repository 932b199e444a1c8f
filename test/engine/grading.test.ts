// Assignments, discussions, submissions, uploads, evaluations, undo and drafts, through
// the registry on a real temporary SQLite file. The clock is mocked (fakeClock) so the
// evaluation and change record times are known.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_UPLOAD_MB } from '../../src/shared/operations/assignments'
import { changeRecords, count, openTestEngine, rows, type OpenedTestEngine } from './helpers'
import { gradingWorld } from './grading-world'

let t: OpenedTestEngine
let w: ReturnType<typeof gradingWorld>
beforeEach(async () => {
  t = await openTestEngine()
  w = gradingWorld(t)
})
afterEach(() => t.dispose())
const evaluationRecords = () => changeRecords(t.engine).filter((r) => r.operation === 'assignments.evaluate')
const statusOf = (statusRowId: number) =>
  rows<{ status: string; points_awarded: number | null; evaluated_by_id: number | null; evaluated_at: string | null; completed_at: string | null }>(
    t.engine,
    'SELECT status, points_awarded, evaluated_by_id, evaluated_at, completed_at FROM module_status WHERE id = ?',
    statusRowId,
  )[0]
const verbs = (courseId: number) => rows<{ verb: string }>(t.engine, 'SELECT verb FROM course_activities WHERE course_id = ? ORDER BY id', courseId).map((r) => r.verb)

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1')
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const fileInput = (name: string, bytes: Buffer) => ({ name, contentBase64: bytes.toString('base64') })

/** A trainer, a learner enrolled in a course with one 100-point text assignment, launched. */
function oneAssignment(totalPoints = 100) {
  const trainer = w.createUser('Tara', 'Trainer')
  w.actAs(trainer)
  const learner = w.createUser('Lena', 'Learner')
  const moduleId = w.assignment('Hazard walk', totalPoints)
  const courseId = w.course([moduleId])
  const registrationId = w.enroll(courseId, learner)
  const statusRowId = w.launch(registrationId).get(moduleId) as number
  return { trainer, learner, moduleId, courseId, registrationId, statusRowId }
}

describe('assignment and discussion modules', () => {
  it('creates text and file assignments and reads them back in the documented shape', () => {
    const text = w.assignment('Essay', 100)
    expect(t.call('assignments.get', { id: text })).toEqual({
      name: 'Essay',
      slug: 'essay',
      content: '<p>Essay: write your answer.</p>',
      totalPoints: 100,
      submission_type: 'text',
      allowed_filetypes: [''],
    })
    const file = w.fileAssignment('Photo', 10, ['image', 'pdf'])
    expect(t.call('assignments.get', { id: file })).toMatchObject({ submission_type: 'file', allowed_filetypes: ['image', 'pdf'] })
    const creates = changeRecords(t.engine).filter((r) => r.operation === 'assignments.create')
    expect(creates.map((r) => [r.entity, r.local_id])).toEqual([
      ['module', text],
      ['module', file],
    ])
  })

  it('refuses a file assignment without allowed file types, and unknown file types (422)', () => {
    const missing = t.fails('assignments.create', { name: 'Upload', content: 'x', submission_type: 'file', totalPoints: 10 })
    expect(missing.status).toBe(422)
    expect(missing.fields?.allowed_filetypes?.[0]).toMatch(/required when the submission type is file/)
    const empty = t.fails('assignments.create', { name: 'Upload', content: 'x', submission_type: 'file', totalPoints: 10, allowed_filetypes: '[]' })
    expect(empty.fields?.allowed_filetypes).toBeDefined()
    const unknown = t.fails('assignments.create', { name: 'Upload', content: 'x', submission_type: 'file', totalPoints: 10, allowed_filetypes: ['exe'] })
    expect(unknown.status).toBe(422)
    expect(unknown.message).toMatch(/Unknown file types: exe/)
    expect(count(t.engine, 'modules')).toBe(0)
    expect(count(t.engine, 'change_records')).toBe(0)
  })

  it('refuses an evaluated discussion without minComments (422) and accepts one that is not evaluated', () => {
    const missing = t.fails('discussions.create', { name: 'Near misses', content: 'x', should_be_evaluated: true, totalPoints: 10 })
    expect(missing.status).toBe(422)
    expect(missing.fields?.minComments?.[0]).toMatch(/required when the discussion should be evaluated/)
    expect(t.fails('discussions.create', { name: 'Near misses', content: 'x', should_be_evaluated: 'true', totalPoints: 10, minComments: 0 }).fields?.minComments).toBeDefined()
    const free = t.call('discussions.create', { name: 'Chat', content: 'x', should_be_evaluated: false })
    expect(t.call('discussions.get', { id: free.id })).toMatchObject({ should_be_evaluated: false, minComments: null })
    const graded = w.discussion('Near misses', 10, 2)
    expect(t.call('discussions.get', { id: graded })).toMatchObject({ should_be_evaluated: true, minComments: 2, totalPoints: 10 })
  })
})

describe('courses.launch', () => {
  it('creates a status row for every module of the course, once', () => {
    const learner = w.createUser()
    const a = w.assignment('A', 10)
    const d = w.discussion('D', 10, 1)
    const courseId = w.course([a, d])
    const registrationId = w.enroll(courseId, learner)
    const before = t.call('assignments.details', { registrationId, moduleId: a })
    expect(before.statusRowId).toBe(-1)

    const first = w.launch(registrationId)
    expect([...first.keys()]).toEqual([a, d])
    expect(count(t.engine, 'module_status', 'enrollment_id = ?', registrationId)).toBe(2)
    expect(t.call('assignments.details', { registrationId, moduleId: a })).toMatchObject({ statusRowId: first.get(a), status: 'Not Started' })
    // A second launch reuses the rows; modules never opened still answer as documented.
    expect(w.launch(registrationId)).toEqual(first)
    const again = t.call('courses.launch', { registrationId })
    expect(again.modules.map((m: { status: string; total_time_spent: unknown }) => [m.status, m.total_time_spent])).toEqual([
      ['Not Started', ''],
      ['Not Started', ''],
    ])
    expect(count(t.engine, 'module_status')).toBe(2)
    // A module added to the course later gets its row on the next launch.
    const later = w.assignment('Later', 5)
    t.call('courses.update', { id: courseId, ...{ name: 'Course 1', slug: 'course-1', status: 'publish', gradingRule: 'no_grading', durationRule: 'unlimited' }, modules: [a, d, later].map((module_id) => ({ module_id })) })
    expect(w.launch(registrationId).get(later)).toBeGreaterThan(0)
  })
})

describe('assignments.submit and assignments.upload', () => {
  it('submits a text: status Submitted, a SUBMITTED activity, one change record', () => {
    const { statusRowId, courseId, registrationId } = oneAssignment()
    t.clock.set('2024-05-02T09:00:00.000Z')
    w.submit(statusRowId, 'Wet floors, high pallets, reversing forklifts.')
    expect(statusOf(statusRowId).status).toBe('Submitted')
    expect(verbs(courseId)).toContain('SUBMITTED')
    const submits = changeRecords(t.engine).filter((r) => r.operation === 'assignments.submit')
    expect(submits).toHaveLength(1)
    expect(submits[0]).toMatchObject({ entity: 'submission', input: { statusRowId, submission: 'Wet floors, high pallets, reversing forklifts.' } })
    const details = t.call('assignments.details', { registrationId, moduleId: rows(t.engine, 'SELECT module_id FROM module_status WHERE id = ?', statusRowId)[0].module_id })
    expect(details.prevSubmission).toEqual([
      expect.objectContaining({ student_message: 'Wet floors, high pallets, reversing forklifts.', file_path: '' }),
    ])
    const submissions = t.call('assignments.submissions', { statusRowId })
    expect(submissions).toMatchObject({ status: 'Submitted', totalPoints: 100, student: { name: 'Lena Learner' }, evaluations: [] })
  })

  it('refuses to submit to a status row that does not exist (404) or to a discussion (422)', () => {
    expect(t.fails('assignments.submit', { statusRowId: 999, submission: 'x' }).status).toBe(404)
    const learner = w.createUser()
    const d = w.discussion('D', 10, 1)
    const registrationId = w.enroll(w.course([d]), learner)
    const row = w.launch(registrationId).get(d) as number
    expect(t.fails('assignments.submit', { statusRowId: row, submission: 'x' }).status).toBe(422)
  })

  it('stores an uploaded file under <dataDir>/uploads/<2 chars>/<sha256> and submits its URL', () => {
    const learner = w.createUser()
    const moduleId = w.fileAssignment('Photo of the hazard', 10, ['pdf', 'image'])
    const registrationId = w.enroll(w.course([moduleId]), learner)
    const statusRowId = w.launch(registrationId).get(moduleId) as number
    const uploaded = t.call('assignments.upload', { file: fileInput('hazard.pdf', PDF), statusRowId })
    const sha = (uploaded.s3_url as string).split('/')[3]
    expect(uploaded).toMatchObject({ sha256: sha, size: PDF.length, name: 'hazard.pdf' })
    expect(uploaded.s3_url).toBe(`lms-file://uploads/${sha}/hazard.pdf`)
    const stored = path.join(t.dir, 'uploads', sha.slice(0, 2), sha)
    expect(fs.readFileSync(stored)).toEqual(PDF)
    // The same bytes again are kept once.
    t.call('assignments.upload', { file: fileInput('again.pdf', PDF) })
    expect(fs.readdirSync(path.dirname(stored))).toEqual([sha])
    expect(count(t.engine, 'uploads')).toBe(1)
    // Uploads are not queued: the submit that names the file is.
    expect(changeRecords(t.engine).filter((r) => r.operation === 'assignments.upload')).toHaveLength(0)

    w.submit(statusRowId, uploaded.s3_url)
    const submission = rows(t.engine, 'SELECT kind, content, file_url FROM submissions WHERE status_row_id = ?', statusRowId)
    expect(submission).toEqual([{ kind: 'file', content: null, file_url: uploaded.s3_url }])
    expect(t.call('assignments.submissions', { statusRowId }).submissions[0].file_path).toBe(uploaded.s3_url)
  })

  it('refuses a file of a type the assignment does not allow, a disguised file, an oversize file and an unknown URL (422)', () => {
    const learner = w.createUser()
    const moduleId = w.fileAssignment('Report', 10, ['pdf'])
    const textModule = w.assignment('Essay', 10)
    const registrationId = w.enroll(w.course([moduleId, textModule]), learner)
    const launched = w.launch(registrationId)
    const statusRowId = launched.get(moduleId) as number

    const wrongType = t.fails('assignments.upload', { file: fileInput('photo.png', PNG), statusRowId })
    expect(wrongType.status).toBe(422)
    expect(wrongType.fields?.file?.[0]).toMatch(/accepts pdf files \(\.pdf\); "photo\.png" is not one of them/)

    const disguised = fileInput('report.pdf', Buffer.from('MZ this is really an executable'))
    expect(t.fails('assignments.upload', { file: disguised, statusRowId }).fields?.file?.[0]).toMatch(/is not a valid \.pdf file/)
    // The documented upload names no assignment: the bytes are still checked against the name.
    expect(t.fails('assignments.upload', { file: disguised }).fields?.file?.[0]).toMatch(/is not a valid \.pdf file/)

    const justOver = Buffer.alloc(MAX_UPLOAD_MB * 1024 * 1024 + 1, 0x20)
    justOver.write('%PDF-1.4', 0, 'latin1')
    expect(t.fails('assignments.upload', { file: fileInput('big.pdf', justOver), statusRowId }).message).toBe(`The file may not be greater than ${MAX_UPLOAD_MB} MB.`)
    const wayOver = Buffer.alloc(MAX_UPLOAD_MB * 1024 * 1024 * 2, 0x20)
    expect(t.fails('assignments.upload', { file: fileInput('huge.pdf', wayOver) }).status).toBe(422)

    expect(t.fails('assignments.upload', { file: fileInput('report.pdf', PDF), statusRowId: launched.get(textModule) }).fields?.statusRowId?.[0]).toMatch(/takes text, not files/)
    expect(count(t.engine, 'uploads')).toBe(0)
    expect(fs.existsSync(path.join(t.dir, 'uploads')) ? fs.readdirSync(path.join(t.dir, 'uploads')) : []).toEqual([])

    // A file uploaded elsewhere but of a type this assignment refuses cannot be submitted either.
    const png = t.call('assignments.upload', { file: fileInput('photo.png', PNG) })
    expect(t.fails('assignments.submit', { statusRowId, submission: png.s3_url }).status).toBe(422)
    const unknownUrl = `lms-file://uploads/${'a'.repeat(64)}/x.pdf`
    expect(t.fails('assignments.submit', { statusRowId, submission: unknownUrl }).fields?.submission).toBeDefined()
    expect(count(t.engine, 'submissions')).toBe(0)
  })
})

describe('assignments.evaluate', () => {
  it('refuses points outside 0..totalPoints (422 on evaluation.pointsAwarded) and changes nothing', () => {
    const { statusRowId } = oneAssignment(100)
    w.submit(statusRowId)
    const before = changeRecords(t.engine).length
    for (const points of [-1, 100.5, 101, '101', 1e9]) {
      const error = t.fails('assignments.evaluate', w.evaluateInput(statusRowId, { points, accepted: true }))
      expect(error.status, `points ${points}`).toBe(422)
      expect(Object.keys(error.fields ?? {}), `points ${points}`).toEqual(['evaluation.pointsAwarded'])
    }
    expect(t.fails('assignments.evaluate', w.evaluateInput(statusRowId, { points: 'ten', accepted: true })).fields?.['evaluation.pointsAwarded']).toBeDefined()
    expect(t.fails('assignments.evaluate', { statusRowId, evaluation: '{isAccepted: true}' }).status).toBe(422)
    expect(t.fails('assignments.evaluate', { statusRowId, evaluation: 'accept it' }).status).toBe(422)
    expect(count(t.engine, 'evaluations')).toBe(0)
    expect(changeRecords(t.engine)).toHaveLength(before)
    expect(statusOf(statusRowId).status).toBe('Submitted')
    // The bounds themselves are allowed.
    expect(w.evaluate(statusRowId, { points: 0, accepted: false }).status).toBe('Rejected')
    expect(w.evaluate(statusRowId, { points: 100, accepted: true }).status).toBe('Completed')
  })

  it('answers 404 for a status row that does not exist and 422 when nothing was submitted', () => {
    const { statusRowId } = oneAssignment()
    expect(t.fails('assignments.evaluate', w.evaluateInput(987654, { points: 1, accepted: true }))).toMatchObject({ status: 404, code: 'not_found' })
    const none = t.fails('assignments.evaluate', w.evaluateInput(statusRowId, { points: 1, accepted: true }))
    expect(none.status).toBe(422)
    expect(none.message).toMatch(/no submission/)
    expect(count(t.engine, 'evaluations')).toBe(0)
  })

  it('reject, resubmit, accept: statuses, activities, evaluator, history and one change record per evaluation', () => {
    const { statusRowId, courseId, registrationId, trainer } = oneAssignment(100)
    t.clock.set('2024-05-02T09:00:00.000Z')
    w.submit(statusRowId, 'First try')

    t.clock.set('2024-05-03T10:00:00.000Z')
    const rejected = w.evaluate(statusRowId, { points: 20, accepted: false, message: 'Please list the steps in order.' })
    expect(rejected).toMatchObject({ message: 'Assignment evaluated successfully', status: 'Rejected' })
    expect(statusOf(statusRowId)).toMatchObject({ status: 'Rejected', points_awarded: 20, evaluated_by_id: trainer, evaluated_at: '2024-05-03T10:00:00.000Z', completed_at: null })
    expect(verbs(courseId).at(-1)).toBe('REJECTED')
    expect(w.gradebook(registrationId)).toMatchObject({ completionPercentage: 0, status: 'In Progress' })

    // The learner's view of the assignment shows why it was rejected.
    const moduleId = rows(t.engine, 'SELECT module_id FROM module_status WHERE id = ?', statusRowId)[0].module_id
    expect(t.call('assignments.details', { registrationId, moduleId })).toMatchObject({
      status: 'Rejected',
      statusRowId,
      prevSubmission: [
        { student_message: 'First try', instructor_message: 'Please list the steps in order.', points_awarded: 20, evaluated_by: 'Tara Trainer', evaluated_on: 'May 03, 2024' },
      ],
    })

    t.clock.set('2024-05-04T08:00:00.000Z')
    w.submit(statusRowId, 'Second try, steps in order')
    expect(statusOf(statusRowId).status).toBe('Submitted')

    t.clock.set('2024-05-05T11:00:00.000Z')
    const accepted = w.evaluate(statusRowId, { points: 85, accepted: true, message: 'Clear and complete.' })
    expect(accepted.status).toBe('Completed')
    expect(statusOf(statusRowId)).toMatchObject({ status: 'Completed', points_awarded: 85, evaluated_by_id: trainer, completed_at: '2024-05-05T11:00:00.000Z' })
    expect(verbs(courseId).slice(-3)).toEqual(['SUBMITTED', 'EVALUATED', 'COMPLETED'])
    expect(w.gradebook(registrationId)).toMatchObject({ completionPercentage: 100, status: 'Completed' })

    // Once accepted, the learner cannot submit again.
    expect(t.fails('assignments.submit', { statusRowId, submission: 'third' }).status).toBe(422)

    const history = t.call('assignments.submissions', { statusRowId })
    expect(history.status).toBe('Completed')
    expect(history.evaluations).toEqual([
      { id: accepted.evaluationId, points_awarded: 85, instructor_message: 'Clear and complete.', is_accepted: true, evaluated_by: 'Tara Trainer', evaluated_on: '2024-05-05T11:00:00.000Z', undone: false },
      { id: rejected.evaluationId, points_awarded: 20, instructor_message: 'Please list the steps in order.', is_accepted: false, evaluated_by: 'Tara Trainer', evaluated_on: '2024-05-03T10:00:00.000Z', undone: false },
    ])
    // Each submission shows the evaluation made of it.
    expect(history.submissions.map((s) => [s.student_message, s.points_awarded])).toEqual([
      ['First try', 20],
      ['Second try, steps in order', 85],
    ])

    expect(evaluationRecords()).toEqual([
      expect.objectContaining({
        entity: 'evaluation',
        local_id: rejected.evaluationId,
        state: 'pending',
        input: { statusRowId, evaluation: { instructorMessage: 'Please list the steps in order.', pointsAwarded: 20, isAccepted: false } },
      }),
      expect.objectContaining({
        entity: 'evaluation',
        local_id: accepted.evaluationId,
        input: { statusRowId, evaluation: { instructorMessage: 'Clear and complete.', pointsAwarded: 85, isAccepted: true } },
      }),
    ])
  })

  it('writes nothing for an identical re-evaluation, and a new record when anything differs', () => {
    const { statusRowId } = oneAssignment()
    w.submit(statusRowId)
    const first = w.evaluate(statusRowId, { points: 70, accepted: true, message: 'Good' })
    const activities = count(t.engine, 'course_activities')
    const again = w.evaluate(statusRowId, { points: '70', accepted: true, message: 'Good' })
    expect(again).toEqual({ message: 'Assignment evaluated successfully', evaluationId: first.evaluationId, status: 'Completed' })
    expect(evaluationRecords()).toHaveLength(1)
    expect(count(t.engine, 'evaluations')).toBe(1)
    expect(count(t.engine, 'course_activities')).toBe(activities)

    const changed = w.evaluate(statusRowId, { points: 70, accepted: true, message: 'Good, and well argued' })
    expect(changed.evaluationId).not.toBe(first.evaluationId)
    expect(evaluationRecords().map((r) => r.local_id)).toEqual([first.evaluationId, changed.evaluationId])
  })

  it('takes the evaluation as the documented JS-literal text, as JSON text and as an object', () => {
    const learner = w.createUser()
    const ids = [w.assignment('A', 100), w.assignment('B', 100), w.assignment('C', 100)]
    const registrationId = w.enroll(w.course(ids), learner)
    const launched = w.launch(registrationId)
    const [a, b, c] = ids.map((id) => launched.get(id) as number)
    for (const row of [a, b, c]) w.submit(row)

    // The reference's own example body.
    t.call('assignments.evaluate', { statusRowId: String(a), evaluation: "{instructorMessage : 'Looks good', pointsAwarded: '50', isAccepted : true }" })
    t.call('assignments.evaluate', { statusRowId: b, evaluation: JSON.stringify({ instructorMessage: 'Redo it', pointsAwarded: 12.5, isAccepted: false }) })
    t.call('assignments.evaluate', { statusRowId: c, evaluation: { instructorMessage: '', pointsAwarded: '99', isAccepted: 'true' } })

    expect(rows(t.engine, 'SELECT status_row_id, points, message, accepted FROM evaluations ORDER BY id')).toEqual([
      { status_row_id: a, points: 50, message: 'Looks good', accepted: 1 },
      { status_row_id: b, points: 12.5, message: 'Redo it', accepted: 0 },
      { status_row_id: c, points: 99, message: null, accepted: 1 },
    ])
    expect(evaluationRecords().map((r) => r.input.evaluation)).toEqual([
      { instructorMessage: 'Looks good', pointsAwarded: 50, isAccepted: true },
      { instructorMessage: 'Redo it', pointsAwarded: 12.5, isAccepted: false },
      { instructorMessage: '', pointsAwarded: 99, isAccepted: true },
    ])
  })

  it('evaluates a discussion: accepting needs minComments comments, rejecting does not', () => {
    const learner = w.createUser()
    const d = w.discussion('Near misses', 20, 3)
    const courseId = w.course([d])
    const registrationId = w.enroll(courseId, learner)
    const row = w.launch(registrationId).get(d) as number
    expect(t.fails('assignments.evaluate', w.evaluateInput(row, { points: 5, accepted: false })).message).toMatch(/no submission/)
    w.comment(row, 2)
    const tooFew = t.fails('assignments.evaluate', w.evaluateInput(row, { points: 15, accepted: true }))
    expect(tooFew.fields?.['evaluation.isAccepted']?.[0]).toMatch(/needs at least 3 comments to pass; this learner has 2/)
    expect(w.evaluate(row, { points: 5, accepted: false }).status).toBe('Rejected')
    w.comment(row, 1)
    expect(w.evaluate(row, { points: 15, accepted: true }).status).toBe('Completed')
    expect(verbs(courseId).slice(-3)).toEqual(['REJECTED', 'EVALUATED', 'COMPLETED'])
    expect(t.call('assignments.submissions', { statusRowId: row })).toMatchObject({ moduleType: 'discussion', minComments: 3, status: 'Completed' })

    // A discussion that is not evaluated is never graded.
    const free = w.discussion('Chat', 0, null, false)
    const registration2 = w.enroll(w.course([free]), w.createUser('Other', 'Learner'))
    const freeRow = w.launch(registration2).get(free) as number
    w.comment(freeRow, 1)
    expect(t.fails('assignments.evaluate', w.evaluateInput(freeRow, { points: 0, accepted: true })).message).toMatch(/not set to be evaluated/)
  })

  it('names the evaluator "LMS Offline" when no trainer is signed in', () => {
    const learner = w.createUser()
    const a = w.assignment('A', 10)
    const registrationId = w.enroll(w.course([a]), learner)
    const row = w.launch(registrationId).get(a) as number
    w.submit(row)
    w.evaluate(row, { points: 10, accepted: true })
    expect(rows(t.engine, 'SELECT evaluated_by, evaluated_by_id FROM evaluations')).toEqual([{ evaluated_by: 'LMS Offline', evaluated_by_id: null }])
  })
})

describe('grading.undoEvaluation', () => {
  it('undoes a never-sent first evaluation: the queued record goes, the row is ungraded again', () => {
    const { statusRowId, registrationId } = oneAssignment()
    w.submit(statusRowId)
    const queued = changeRecords(t.engine).length
    const e = w.evaluate(statusRowId, { points: 90, accepted: true })
    expect(changeRecords(t.engine)).toHaveLength(queued + 1)
    expect(w.gradebook(registrationId).completionPercentage).toBe(100)

    const undone = t.call('grading.undoEvaluation', { evaluationId: e.evaluationId })
    expect(undone).toEqual({ message: 'Evaluation undone; the submission is ungraded again.', status: 'Submitted', restoredEvaluationId: null, resent: false })
    expect(changeRecords(t.engine)).toHaveLength(queued)
    expect(evaluationRecords()).toHaveLength(0)
    expect(statusOf(statusRowId)).toEqual({ status: 'Submitted', points_awarded: null, evaluated_by_id: null, evaluated_at: null, completed_at: null })
    expect(w.gradebook(registrationId)).toMatchObject({ completionPercentage: 0, status: 'In Progress' })
    // Kept in the history, marked undone; it cannot be undone twice.
    expect(t.call('assignments.submissions', { statusRowId }).evaluations).toEqual([expect.objectContaining({ id: e.evaluationId, undone: true })])
    expect(t.fails('grading.undoEvaluation', { evaluationId: e.evaluationId }).status).toBe(422)
    expect(t.fails('grading.undoEvaluation', { evaluationId: 4242 }).status).toBe(404)
  })

  it('undoes a never-sent second evaluation: the previous grade is current again', () => {
    const { statusRowId } = oneAssignment()
    w.submit(statusRowId)
    const first = w.evaluate(statusRowId, { points: 30, accepted: false, message: 'Redo' })
    const second = w.evaluate(statusRowId, { points: 95, accepted: true, message: 'Great' })
    expect(t.fails('grading.undoEvaluation', { evaluationId: first.evaluationId }).message).toMatch(/Only the latest evaluation/)
    const undone = t.call('grading.undoEvaluation', { evaluationId: second.evaluationId })
    expect(undone).toMatchObject({ status: 'Rejected', restoredEvaluationId: first.evaluationId, resent: false })
    expect(evaluationRecords().map((r) => r.local_id)).toEqual([first.evaluationId])
    expect(statusOf(statusRowId)).toMatchObject({ status: 'Rejected', points_awarded: 30, completed_at: null })
    expect(count(t.engine, 'evaluations')).toBe(2)
  })

  it('undoes an already-sent evaluation that had a previous one as a new evaluation and change record', () => {
    const { statusRowId } = oneAssignment()
    w.submit(statusRowId)
    const first = w.evaluate(statusRowId, { points: 30, accepted: false, message: 'Redo' })
    const second = w.evaluate(statusRowId, { points: 95, accepted: true, message: 'Great' })
    // Simulates sync having sent both: the records are done after one attempt.
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'done', attempts = 1 WHERE entity = 'evaluation'").run()

    t.clock.set('2024-06-01T12:00:00.000Z')
    const undone = t.call('grading.undoEvaluation', { evaluationId: second.evaluationId })
    expect(undone).toMatchObject({ status: 'Rejected', restoredEvaluationId: first.evaluationId, resent: true })
    const evaluations = rows(t.engine, 'SELECT id, points, message, accepted, undone_at, restores_evaluation_id FROM evaluations ORDER BY id')
    expect(evaluations).toHaveLength(3)
    const restored = evaluations[2]
    expect(evaluations[1]).toMatchObject({ id: second.evaluationId, undone_at: '2024-06-01T12:00:00.000Z' })
    expect(restored).toMatchObject({ points: 30, message: 'Redo', accepted: 0, undone_at: null, restores_evaluation_id: first.evaluationId })
    const records = evaluationRecords()
    expect(records).toHaveLength(3)
    expect(records[2]).toMatchObject({
      state: 'pending',
      local_id: restored.id,
      input: { statusRowId, evaluation: { instructorMessage: 'Redo', pointsAwarded: 30, isAccepted: false } },
    })
    expect(statusOf(statusRowId)).toMatchObject({ status: 'Rejected', points_awarded: 30 })
  })

  it('refuses to undo an already-sent evaluation that had no previous one (422) and changes nothing', () => {
    const { statusRowId } = oneAssignment()
    w.submit(statusRowId)
    const e = w.evaluate(statusRowId, { points: 60, accepted: true })
    t.engine.sql.raw.prepare("UPDATE change_records SET state = 'done', attempts = 1 WHERE entity = 'evaluation'").run()
    const before = changeRecords(t.engine)
    const error = t.fails('grading.undoEvaluation', { evaluationId: e.evaluationId })
    expect(error.status).toBe(422)
    expect(error.message).toMatch(/already been sent to the hosted LMS/)
    expect(changeRecords(t.engine)).toEqual(before)
    expect(statusOf(statusRowId)).toMatchObject({ status: 'Completed', points_awarded: 60 })
    expect(rows(t.engine, 'SELECT undone_at FROM evaluations')).toEqual([{ undone_at: null }])
  })
})

describe('grading drafts', () => {
  it('saves, reads, replaces and clears a draft; 404 for an unknown row', () => {
    const { statusRowId } = oneAssignment()
    expect(t.call('grading.draftGet', { statusRowId })).toBeNull()
    t.clock.set('2024-05-02T09:00:00.000Z')
    expect(t.call('grading.draftSave', { statusRowId, points: '4', message: 'Half-typed' })).toEqual({ statusRowId, points: '4', message: 'Half-typed', updatedAt: '2024-05-02T09:00:00.000Z' })
    t.clock.set('2024-05-02T09:00:05.000Z')
    t.call('grading.draftSave', { statusRowId, points: '45', message: 'Half-typed, then more' })
    expect(t.call('grading.draftGet', { statusRowId })).toEqual({ statusRowId, points: '45', message: 'Half-typed, then more', updatedAt: '2024-05-02T09:00:05.000Z' })
    expect(count(t.engine, 'grading_drafts')).toBe(1)
    // Drafts stay on this laptop.
    expect(changeRecords(t.engine).filter((r) => r.operation.startsWith('grading.'))).toHaveLength(0)
    expect(t.call('grading.draftClear', { statusRowId })).toEqual({ cleared: true })
    expect(t.call('grading.draftClear', { statusRowId })).toEqual({ cleared: false })
    expect(t.call('grading.draftGet', { statusRowId })).toBeNull()
    expect(t.fails('grading.draftSave', { statusRowId: 5555, points: '1', message: '' }).status).toBe(404)
  })

  it('clears the draft of a row when that row is evaluated, and only that row', () => {
    const learner = w.createUser()
    const ids = [w.assignment('A', 10), w.assignment('B', 10)]
    const registrationId = w.enroll(w.course(ids), learner)
    const launched = w.launch(registrationId)
    const [a, b] = ids.map((id) => launched.get(id) as number)
    w.submit(a)
    w.submit(b)
    t.call('grading.draftSave', { statusRowId: a, points: '8', message: 'Nearly' })
    t.call('grading.draftSave', { statusRowId: b, points: '3', message: 'Other' })
    // A refused evaluation keeps the draft: nothing was saved.
    t.fails('assignments.evaluate', w.evaluateInput(a, { points: 11, accepted: true }))
    expect(t.call('grading.draftGet', { statusRowId: a })).not.toBeNull()
    w.evaluate(a, { points: 8, accepted: true, message: 'Nearly' })
    expect(t.call('grading.draftGet', { statusRowId: a })).toBeNull()
    expect(t.call('grading.draftGet', { statusRowId: b })).toMatchObject({ points: '3' })
  })

  it('clears the draft when the saved grade equals the current one (nothing queued)', () => {
    const { statusRowId } = oneAssignment()
    w.submit(statusRowId)
    w.evaluate(statusRowId, { points: 50, accepted: true, message: 'Fine' })
    // The trainer opens the row again, types, and saves the same grade.
    t.call('grading.draftSave', { statusRowId, points: '50', message: 'Fine' })
    w.evaluate(statusRowId, { points: 50, accepted: true, message: 'Fine' })
    expect(evaluationRecords()).toHaveLength(1)
    expect(t.call('grading.draftGet', { statusRowId })).toBeNull()
  })
})
