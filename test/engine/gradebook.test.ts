// The gradebook (progress/course/{id}) under each grading rule and the course completion
// that follows evaluations, through the registry on a real temporary SQLite file. Every
// expected number is computed by hand in the comment next to it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpInput } from '../../src/shared/operations/index'
import { libraryModule, openTestEngine, rows, validCourse, type OpenedTestEngine } from './helpers'
import { gradingWorld } from './grading-world'

let t: OpenedTestEngine
let w: ReturnType<typeof gradingWorld>
beforeEach(async () => {
  t = await openTestEngine()
  w = gradingWorld(t)
})
afterEach(() => t.dispose())

/**
 * A course with a 100-point assignment A1, a 50-point assignment A2, a 20-point discussion D1
 * that needs 2 comments, and a text module T (no points); one learner launched into it.
 */
type GradingRule = OpInput<'courses.create'>['gradingRule']

function fourModuleCourse(gradingRule: GradingRule, gradeModules?: 'A1+A2') {
  const learner = w.createUser('Lena', 'Learner')
  const A1 = w.assignment('A1', 100)
  const A2 = w.assignment('A2', 50)
  const D1 = w.discussion('D1', 20, 2)
  const T = libraryModule(t.engine, 'Welcome', 'text')
  const body = validCourse({ name: 'Safety', slug: 'safety', gradingRule, modules: [A1, A2, D1, T].map((module_id) => ({ module_id })) })
  const courseId = t.call('courses.create', { ...body, ...(gradeModules ? { gradeModules: [A1, A2] } : {}) }).id
  const registrationId = w.enroll(courseId, learner)
  const rowsOf = w.launch(registrationId)
  const row = (id: number) => rowsOf.get(id) as number
  return { learner, courseId, registrationId, body, A1, A2, D1, T, row }
}

/** T completed, A1 accepted with 80, A2 accepted with 20, D1 rejected with 5 (one comment). */
function gradeFirstRound(c: ReturnType<typeof fourModuleCourse>) {
  t.call('courses.progressUpdate', { id: c.courseId, userId: c.learner, modules: [{ module_id: c.T, status: 'Completed' }] })
  w.submit(c.row(c.A1))
  w.evaluate(c.row(c.A1), { points: 80, accepted: true })
  w.submit(c.row(c.A2))
  w.evaluate(c.row(c.A2), { points: 20, accepted: true })
  w.comment(c.row(c.D1), 1)
  w.evaluate(c.row(c.D1), { points: 5, accepted: false })
}

function setRule(c: ReturnType<typeof fourModuleCourse>, gradingRule: GradingRule, gradeModules?: number[]) {
  t.call('courses.update', { id: c.courseId, ...c.body, gradingRule, ...(gradeModules ? { gradeModules } : {}) })
}

describe('gradebook under each grading rule', () => {
  it('no_grading: the share of all points earned; rejected points earn nothing', () => {
    const c = fourModuleCourse('no_grading')
    const empty = w.gradebook(c.registrationId)
    // 100 + 50 + 20 points available, none earned.
    expect(empty).toMatchObject({ gradingRule: 'no_grading', totalMarks: 170, obtainedMarks: 0, percentage: 0, completionPercentage: 0 })
    gradeFirstRound(c)
    const book = w.gradebook(c.registrationId)
    // Earned 80 + 20 (D1's 5 were rejected): 100 / 170 = 58.8235...%
    expect(book).toMatchObject({ totalMarks: 170, obtainedMarks: 100, percentage: 58.82 })
    const byModule = new Map(book.modules.map((m) => [m.module_id, m]))
    expect(byModule.get(c.A1)).toMatchObject({ status: 'Completed', totalMarks: 100, obtainedMarks: 80, countsTowardsGrade: true })
    expect(byModule.get(c.A2)).toMatchObject({ status: 'Completed', totalMarks: 50, obtainedMarks: 20, countsTowardsGrade: true })
    expect(byModule.get(c.D1)).toMatchObject({ status: 'Rejected', totalMarks: 20, obtainedMarks: null, countsTowardsGrade: true })
    expect(byModule.get(c.T)).toMatchObject({ status: 'Completed', totalMarks: null, obtainedMarks: null, countsTowardsGrade: false })
  })

  it('avg_all_modules: the mean of the graded modules\' percentages', () => {
    const c = fourModuleCourse('avg_all_modules')
    // Three graded modules at 0 %.
    expect(w.gradebook(c.registrationId)).toMatchObject({ gradingRule: 'avg_all_modules', percentage: 0 })
    gradeFirstRound(c)
    // A1 80/100 = 80 %, A2 20/50 = 40 %, D1 rejected = 0 %: (80 + 40 + 0) / 3 = 40 %.
    expect(w.gradebook(c.registrationId)).toMatchObject({ totalMarks: 170, obtainedMarks: 100, percentage: 40 })
  })

  it('avg_specific_modules: the same mean over the course\'s grade modules only', () => {
    const c = fourModuleCourse('avg_specific_modules', 'A1+A2')
    expect(t.call('courses.get', { id: c.courseId }).gradeModules).toEqual([c.A1, c.A2])
    gradeFirstRound(c)
    const book = w.gradebook(c.registrationId)
    // Only A1 (80 %) and A2 (40 %) count: (80 + 40) / 2 = 60 %, out of 100 + 50 points.
    expect(book).toMatchObject({ gradingRule: 'avg_specific_modules', totalMarks: 150, obtainedMarks: 100, percentage: 60 })
    expect(book.modules.find((m) => m.module_id === c.D1)).toMatchObject({ totalMarks: 20, countsTowardsGrade: false })

    // Grade modules A2 and D1 instead: (40 + 0) / 2 = 20 %, out of 50 + 20 points.
    setRule(c, 'avg_specific_modules', [c.A2, c.D1])
    expect(w.gradebook(c.registrationId)).toMatchObject({ totalMarks: 70, obtainedMarks: 20, percentage: 20 })
    // No grade modules: nothing to average.
    setRule(c, 'avg_specific_modules', [])
    expect(w.gradebook(c.registrationId)).toMatchObject({ totalMarks: 0, obtainedMarks: 0, percentage: null })
  })

  it('follows the course\'s rule when it changes, and every later evaluation', () => {
    const c = fourModuleCourse('no_grading')
    gradeFirstRound(c)
    // D1 gets its second comment and is accepted with 15.
    w.comment(c.row(c.D1), 1)
    w.evaluate(c.row(c.D1), { points: 15, accepted: true })
    // 80 + 20 + 15 = 115 of 170 = 67.647...%
    expect(w.gradebook(c.registrationId)).toMatchObject({ obtainedMarks: 115, percentage: 67.65 })
    setRule(c, 'avg_all_modules')
    // (80 + 40 + 75) / 3 = 65 %
    expect(w.gradebook(c.registrationId)).toMatchObject({ gradingRule: 'avg_all_modules', percentage: 65 })
    setRule(c, 'avg_specific_modules', [c.A1, c.D1])
    // (80 + 75) / 2 = 77.5 %
    expect(w.gradebook(c.registrationId)).toMatchObject({ gradingRule: 'avg_specific_modules', totalMarks: 120, obtainedMarks: 95, percentage: 77.5 })
    // A new accepted grade for A1 (100/100): (100 + 75) / 2 = 87.5 %
    w.evaluate(c.row(c.A1), { points: 100, accepted: true })
    expect(w.gradebook(c.registrationId).percentage).toBe(87.5)
  })

  it('the course report gives each learner of a page the grade of their own gradebook', () => {
    const c = fourModuleCourse('avg_all_modules')
    gradeFirstRound(c)
    // A second learner of the same course: A1 accepted with 50, nothing else.
    const second = w.createUser('Sam', 'Second')
    const secondRows = w.launch(w.enroll(c.courseId, second))
    w.submit(secondRows.get(c.A1) as number)
    w.evaluate(secondRows.get(c.A1) as number, { points: 50, accepted: true })
    // A third, enrolled and never started: no grade to show.
    const third = w.createUser('Nia', 'Never')
    w.enroll(c.courseId, third)
    const report = t.call('courseReports.courseDetailed', { course_id: c.courseId })
    const byUser = new Map(report.records.map((r) => [r.user_id, r.percent_achieved]))
    // (80 + 40 + 0) / 3 = 40 %; (50 + 0 + 0) / 3 = 16.67 %
    expect(byUser.get(c.learner)).toBe(40)
    expect(byUser.get(second)).toBe(16.67)
    expect(byUser.get(third)).toBeNull()
    expect(byUser.get(c.learner)).toBe(w.gradebook(c.registrationId).percentage)
  })

  it('counts a discussion that is never evaluated towards no grade', () => {
    const learner = w.createUser()
    const A = w.assignment('A', 10)
    const chat = w.discussion('Chat', 10, null, false)
    const courseId = w.course([A, chat], { gradingRule: 'avg_all_modules' })
    const registrationId = w.enroll(courseId, learner)
    const row = w.launch(registrationId).get(A) as number
    w.submit(row)
    w.evaluate(row, { points: 10, accepted: true })
    // Only A can earn points: 10/10 = 100 %. The chat cannot be evaluated, so it cannot hold the grade down.
    const book = w.gradebook(registrationId)
    expect(book).toMatchObject({ totalMarks: 10, obtainedMarks: 10, percentage: 100 })
    expect(book.modules.find((m) => m.module_id === chat)).toMatchObject({ totalMarks: null, countsTowardsGrade: false })
  })

  it('answers 404 for an unknown enrollment or an enrollment of another user', () => {
    const c = fourModuleCourse('no_grading')
    expect(t.fails('courses.gradebook', { id: 9999 }).status).toBe(404)
    expect(t.fails('courses.gradebook', { id: c.registrationId, userId: c.learner + 1000 }).status).toBe(404)
    expect(t.call('courses.gradebook', { id: c.registrationId, userId: c.learner }).userId).toBe(c.learner)
  })
})

describe('course completion follows evaluations', () => {
  it('counts completed modules of the course; Completed when all are, with one COMPLETED activity', () => {
    const c = fourModuleCourse('avg_all_modules')
    const progress = () => {
      const book = w.gradebook(c.registrationId)
      return [book.completionPercentage, book.status]
    }
    // The launch started the course.
    expect(progress()).toEqual([0, 'In Progress'])
    gradeFirstRound(c)
    // T, A1 and A2 of 4 modules: 75 %.
    expect(progress()).toEqual([75, 'In Progress'])
    w.comment(c.row(c.D1), 1)
    t.clock.set('2024-05-09T15:00:00.000Z')
    const accepted = w.evaluate(c.row(c.D1), { points: 15, accepted: true })
    expect(progress()).toEqual([100, 'Completed'])
    expect(rows(t.engine, 'SELECT status, completed_at FROM enrollments WHERE id = ?', c.registrationId)).toEqual([
      { status: 'Completed', completed_at: '2024-05-09T15:00:00.000Z' },
    ])
    const completedActivities = () => rows(t.engine, "SELECT message FROM course_activities WHERE verb = 'COMPLETED' AND course_id = ?", c.courseId)
    expect(completedActivities()).toEqual([{ message: 'Safety was completed' }])
    // Re-grading an accepted module keeps the course completed; no second activity.
    w.evaluate(c.row(c.D1), { points: 18, accepted: true })
    expect(progress()).toEqual([100, 'Completed'])
    expect(completedActivities()).toHaveLength(1)

    // Rejecting a module reopens the course.
    w.evaluate(c.row(c.A2), { points: 10, accepted: false })
    expect(progress()).toEqual([75, 'In Progress'])
    expect(rows(t.engine, 'SELECT completed_at FROM enrollments WHERE id = ?', c.registrationId)).toEqual([{ completed_at: null }])
    // Undoing that rejection (never sent) completes it again.
    const rejection = rows<{ id: number }>(t.engine, 'SELECT id FROM evaluations ORDER BY id DESC LIMIT 1')[0]
    t.call('grading.undoEvaluation', { evaluationId: rejection.id })
    expect(progress()).toEqual([100, 'Completed'])
    expect(accepted.status).toBe('Completed')
  })

  it('is not changed by a refused evaluation', () => {
    const c = fourModuleCourse('no_grading')
    w.submit(c.row(c.A1))
    t.fails('assignments.evaluate', w.evaluateInput(c.row(c.A1), { points: 101, accepted: true }))
    expect(w.gradebook(c.registrationId)).toMatchObject({ completionPercentage: 0, obtainedMarks: 0 })
  })
})
