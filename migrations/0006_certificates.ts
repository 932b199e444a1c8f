// Frozen once released: never edit, add a new migration instead.
// Certificate templates and the certificates issued from them. An issued certificate
// keeps a frozen copy of the template (and the values it printed) so that editing the
// template later never changes a certificate a learner already holds.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE certificate_templates (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      bg_url TEXT,
      width INTEGER NOT NULL CHECK (width > 0),
      height INTEGER NOT NULL CHECK (height > 0),
      fields TEXT NOT NULL DEFAULT '[]',
      version INTEGER NOT NULL DEFAULT 1,
      author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX certificate_templates_created_at ON certificate_templates(created_at)`,
    sql`CREATE TABLE user_certificates (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
      class_id INTEGER,
      template_id INTEGER REFERENCES certificate_templates(id) ON DELETE SET NULL,
      template_version INTEGER NOT NULL,
      template_snapshot TEXT NOT NULL,
      field_values TEXT NOT NULL,
      code TEXT NOT NULL UNIQUE,
      issued_at TEXT NOT NULL,
      expires_at TEXT,
      created_at TEXT NOT NULL
    )`,
    sql`CREATE UNIQUE INDEX user_certificates_user_course ON user_certificates(user_id, course_id)`,
    sql`CREATE INDEX user_certificates_course ON user_certificates(course_id)`,
    // Background images fetched from a URL, kept so templates render offline.
    sql`CREATE TABLE certificate_backgrounds (
      url TEXT PRIMARY KEY,
      sha256 TEXT NOT NULL,
      mime TEXT NOT NULL,
      fetched_at TEXT NOT NULL
    )`,
  ]
  for (const statement of statements) await statement.execute(db)
}
