// Builds the grading scenarios of the engine tests through the registry: library modules,
// courses placing them, enrolled learners, launches (which create the module status rows),
// submissions and evaluations. Only two things are written with SQL, each said where it
// happens: the acting trainer (there is no sign-in operation yet) and discussion comments
// (the hosted API documents no operation that posts one).
import { expect } from 'vitest'
import { uniqueEmail, validCourse, validUser, type OpenedTestEngine } from './helpers'

export interface Evaluation {
  points: number | string
  accepted: boolean
  message?: string | null
}

export function gradingWorld(t: OpenedTestEngine) {
  let slugCounter = 0

  const world = {
    createUser(firstName = 'Ada', lastName = 'Lovelace', email = uniqueEmail(firstName.toLowerCase())): number {
      return t.call('users.create', validUser({ firstName, lastName, email })).id
    },

    /** The trainer who evaluates: written to app_meta because there is no sign-in operation yet. */
    actAs(userId: number): void {
      t.engine.sql.raw
        .prepare("INSERT INTO app_meta (key, value) VALUES ('actor_user_id', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(String(userId))
    },

    assignment(name: string, totalPoints: number, extra: Record<string, unknown> = {}): number {
      return t.call('assignments.create', { name, content: `<p>${name}: write your answer.</p>`, submission_type: 'text', totalPoints, ...extra }).id
    },

    fileAssignment(name: string, totalPoints: number, allowed: string[]): number {
      return world.assignment(name, totalPoints, { submission_type: 'file', allowed_filetypes: JSON.stringify(allowed) })
    },

    discussion(name: string, totalPoints: number, minComments: number | null, shouldBeEvaluated = true): number {
      return t.call('discussions.create', { name, content: `<p>${name}</p>`, should_be_evaluated: shouldBeEvaluated, totalPoints, minComments }).id
    },

    course(moduleIds: number[], overrides: Record<string, unknown> = {}): number {
      slugCounter += 1
      const name = String(overrides.name ?? `Course ${slugCounter}`)
      return t.call('courses.create', validCourse({ name, slug: `course-${slugCounter}`, modules: moduleIds.map((module_id) => ({ module_id })), ...overrides })).id
    },

    /** Enrolls one learner; answers the enrollment (registration) id. */
    enroll(courseId: number, userId: number): number {
      t.call('courses.enroll', { id: courseId, studentIds: [userId] })
      const row = t.engine.sql.raw.prepare('SELECT id FROM enrollments WHERE course_id = ? AND user_id = ?').get(courseId, userId) as { id: number }
      return row.id
    },

    /** Launches the course for the enrollment; answers module id -> status row id. */
    launch(registrationId: number): Map<number, number> {
      const launched = t.call('courses.launch', { registrationId })
      for (const m of launched.modules) expect(m.status_row_id, `status row of module ${m.module_id}`).toBeGreaterThan(0)
      return new Map(launched.modules.map((m) => [m.module_id, m.status_row_id]))
    },

    submit(statusRowId: number, submission = 'My answer, in full sentences.') {
      return t.call('assignments.submit', { statusRowId, submission })
    },

    /**
     * Discussion comments written directly: no documented operation posts one. They are
     * stored the way the demo seed and a pull from the hosted LMS store them.
     */
    comment(statusRowId: number, times = 1, at = t.clock().toISOString()): void {
      const raw = t.engine.sql.raw
      for (let i = 0; i < times; i++) {
        raw.prepare("INSERT INTO submissions (status_row_id, kind, content, submitted_at) VALUES (?, 'comment', ?, ?)").run(statusRowId, `Comment ${i + 1}`, at)
      }
      raw
        .prepare(
          "UPDATE module_status SET submission_count = submission_count + ?, last_submitted_at = ?, status = CASE WHEN status = 'Completed' THEN status ELSE 'Submitted' END, updated_at = ? WHERE id = ?",
        )
        .run(times, at, at, statusRowId)
    },

    evaluateInput(statusRowId: number, e: Evaluation) {
      return { statusRowId, evaluation: { instructorMessage: e.message ?? null, pointsAwarded: e.points, isAccepted: e.accepted } }
    },

    evaluate(statusRowId: number, e: Evaluation) {
      return t.call('assignments.evaluate', world.evaluateInput(statusRowId, e))
    },

    gradebook(registrationId: number) {
      return t.call('courses.gradebook', { id: registrationId })
    },
  }
  return world
}
