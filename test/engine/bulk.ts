// Fixtures with more rows than any page or old cap held (10,000 users, 5,000 classes):
// raw prepared statements in one transaction, so a test seeds thousands of rows in well
// under a second. The triggers (sort keys, search index, counts) run as for any writer.
import type { Engine } from '../../src/main/engine/engine'

const AT = '2024-04-01T09:00:00.000Z'

/** `count` users named `<first> <last NNNNN>`, emails `<tag>.<n>@example.org`; answers their ids in order. */
export function bulkUsers(engine: Engine, count: number, tag: string, options: { first?: string; type?: string } = {}): number[] {
  const raw = engine.sql.raw
  const insert = raw.prepare(
    "INSERT INTO users (first_name, last_name, email, email_key, user_type, disabled, custom_user_metas, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, '[]', ?, ?)",
  )
  const ids: number[] = []
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const email = `${tag}.${i}@example.org`
      ids.push(Number(insert.run(options.first ?? 'Learner', `${tag} ${String(i).padStart(5, '0')}`, email, email, options.type ?? 'general', AT, AT).lastInsertRowid))
    }
  })()
  return ids
}

/** `count` published courses named `<prefix> NNNNN`; answers their ids in order. */
export function bulkCourses(engine: Engine, count: number, prefix: string): number[] {
  const raw = engine.sql.raw
  const insert = raw.prepare(
    "INSERT INTO courses (name, slug, status, grading_rule, duration_rule, created_at, updated_at) VALUES (?, ?, 'publish', 'no_grading', 'unlimited', ?, ?)",
  )
  const ids: number[] = []
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const name = `${prefix} ${String(i).padStart(5, '0')}`
      ids.push(Number(insert.run(name, name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), AT, AT).lastInsertRowid))
    }
  })()
  return ids
}

/** Enrolls the users in the course (Not Started). */
export function bulkEnroll(engine: Engine, courseId: number, userIds: readonly number[]): void {
  const raw = engine.sql.raw
  const insert = raw.prepare("INSERT INTO enrollments (course_id, user_id, status, percent_complete, access_status, registered_at) VALUES (?, ?, 'Not Started', 0, 'Allowed', ?)")
  raw.transaction(() => {
    for (const userId of userIds) insert.run(courseId, userId, AT)
  })()
}

/** Registers the users in the class; `status(i)` gives the i-th one's status (Registered by default). Answers the registration ids. */
export function bulkRegister(engine: Engine, classId: number, userIds: readonly number[], status: (i: number) => string = () => 'Registered'): number[] {
  const raw = engine.sql.raw
  const insert = raw.prepare('INSERT INTO class_enrollments (class_id, user_id, status, registered_at) VALUES (?, ?, ?, ?)')
  const ids: number[] = []
  raw.transaction(() => {
    userIds.forEach((userId, i) => ids.push(Number(insert.run(classId, userId, status(i), AT).lastInsertRowid)))
  })()
  return ids
}

/** A location per name (made if missing); answers the ids in order. */
export function bulkLocations(engine: Engine, names: readonly string[]): number[] {
  const raw = engine.sql.raw
  const insert = raw.prepare('INSERT INTO locations (name, created_at) VALUES (?, ?)')
  const ids: number[] = []
  raw.transaction(() => {
    for (const name of names) ids.push(Number(insert.run(name, AT).lastInsertRowid))
  })()
  return ids
}

/** `count` classes of the course, the i-th starting at `start(i)` (3 hours long) at `location(i)`; answers their ids in order. */
export function bulkClasses(engine: Engine, courseId: number, count: number, start: (i: number) => Date, location: (i: number) => number | null = () => null): number[] {
  const raw = engine.sql.raw
  const insert = raw.prepare('INSERT INTO classes (course_id, location_id, start_at, end_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
  const ids: number[] = []
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const from = start(i)
      ids.push(Number(insert.run(courseId, location(i), from.toISOString(), new Date(from.getTime() + 3 * 3_600_000).toISOString(), AT, AT).lastInsertRowid))
    }
  })()
  return ids
}
