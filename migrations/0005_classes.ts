// Frozen once released: never edit, add a new migration instead.
// Instructor-led classes: locations and instructors as rows of their own, class sessions
// of a course, learners' registrations with the four documented statuses and a note, and
// the sign-off history of each session (who closed or reopened it, and when).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE locations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      address TEXT,
      created_at TEXT NOT NULL
    )`,
    sql`CREATE UNIQUE INDEX locations_name ON locations(name COLLATE NOCASE)`,
    sql`CREATE TABLE instructors (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      name TEXT NOT NULL,
      email TEXT,
      created_at TEXT NOT NULL
    )`,
    sql`CREATE TABLE classes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
      location_id INTEGER REFERENCES locations(id),
      instructor_id INTEGER REFERENCES instructors(id),
      start_at TEXT NOT NULL,
      end_at TEXT NOT NULL,
      class_type TEXT NOT NULL DEFAULT 'onetime' CHECK (class_type IN ('onetime','recurring')),
      series_id INTEGER,
      recurrence TEXT,
      webinar_provider TEXT,
      zoom_meeting_id TEXT,
      zoom_host_pwd TEXT,
      allow_download INTEGER NOT NULL DEFAULT 0,
      disabled INTEGER NOT NULL DEFAULT 0,
      study_material TEXT NOT NULL DEFAULT '[]',
      signed_off_at TEXT,
      signed_off_by_id INTEGER,
      signed_off_by TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX classes_course ON classes(course_id, start_at)`,
    sql`CREATE INDEX classes_start ON classes(start_at)`,
    sql`CREATE TABLE class_enrollments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      group_id INTEGER,
      status TEXT NOT NULL DEFAULT 'Registered' CHECK (status IN ('Registered','Attended','No Show','Cancelled')),
      note TEXT,
      registered_at TEXT NOT NULL,
      status_updated_at TEXT,
      last_accessed_at TEXT,
      certificate_issued_at TEXT,
      UNIQUE (class_id, user_id)
    )`,
    sql`CREATE INDEX class_enrollments_user ON class_enrollments(user_id)`,
    sql`CREATE TABLE class_session_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
      action TEXT NOT NULL CHECK (action IN ('signed_off','reopened')),
      by_id INTEGER,
      by_name TEXT NOT NULL,
      reason TEXT,
      at TEXT NOT NULL
    )`,
    sql`CREATE INDEX class_session_events_class ON class_session_events(class_id, id)`,
  ]
  for (const statement of statements) await statement.execute(db)
}
