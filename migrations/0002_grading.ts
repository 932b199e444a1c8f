// Frozen once released: never edit, add a new migration instead.
// Learners' progress per module, their submissions (assignment texts, files, discussion
// comments), every evaluation ever made, uploaded files, and grading drafts.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE module_status (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      enrollment_id INTEGER NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
      module_id INTEGER NOT NULL REFERENCES modules(id),
      status TEXT NOT NULL DEFAULT 'Not Started'
        CHECK (status IN ('Not Started','In Progress','Submitted','Completed','Rejected')),
      started_at TEXT,
      completed_at TEXT,
      last_accessed_at TEXT,
      time_spent_seconds INTEGER NOT NULL DEFAULT 0,
      access_count INTEGER NOT NULL DEFAULT 0,
      points_awarded REAL,
      evaluated_by_id INTEGER,
      evaluated_at TEXT,
      last_submitted_at TEXT,
      submission_count INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL,
      UNIQUE (enrollment_id, module_id)
    )`,
    sql`CREATE INDEX module_status_module ON module_status(module_id)`,
    // The grading queue: rows with submissions, newest first.
    sql`CREATE INDEX module_status_queue ON module_status(last_submitted_at) WHERE submission_count > 0`,
    sql`CREATE INDEX module_status_updated ON module_status(updated_at) WHERE submission_count > 0`,
    sql`CREATE TABLE submissions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      status_row_id INTEGER NOT NULL REFERENCES module_status(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('text','file','comment')),
      content TEXT,
      file_url TEXT,
      submitted_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX submissions_status_row ON submissions(status_row_id, id)`,
    sql`CREATE TABLE evaluations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      status_row_id INTEGER NOT NULL REFERENCES module_status(id) ON DELETE CASCADE,
      submission_id INTEGER REFERENCES submissions(id) ON DELETE SET NULL,
      points REAL NOT NULL,
      message TEXT,
      accepted INTEGER NOT NULL CHECK (accepted IN (0,1)),
      evaluated_by_id INTEGER,
      evaluated_by TEXT NOT NULL,
      evaluated_at TEXT NOT NULL,
      undone_at TEXT,
      restores_evaluation_id INTEGER REFERENCES evaluations(id)
    )`,
    sql`CREATE INDEX evaluations_status_row ON evaluations(status_row_id, id)`,
    sql`CREATE TABLE uploads (
      sha256 TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL,
      created_at TEXT NOT NULL
    )`,
    sql`CREATE TABLE grading_drafts (
      status_row_id INTEGER PRIMARY KEY REFERENCES module_status(id) ON DELETE CASCADE,
      points TEXT NOT NULL,
      message TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
  ]
  for (const statement of statements) await statement.execute(db)
}
