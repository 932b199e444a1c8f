// Frozen once released: never edit, add a new migration instead.
// CSV user imports: each import is a batch (so it can be undone), the users it created or
// updated with the values it replaced, and the chunks of created users that sync sends
// as one user/bulkUpload call each.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE import_batches (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      source TEXT NOT NULL CHECK (source IN ('file','api')),
      file_name TEXT,
      mode TEXT NOT NULL CHECK (mode IN ('add_new','add_update','update_only')),
      options TEXT NOT NULL DEFAULT '{}',
      state TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running','done','cancelled','undone')),
      created INTEGER NOT NULL DEFAULT 0,
      updated INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      finished_at TEXT,
      undone_at TEXT,
      undo_report TEXT
    )`,
    sql`CREATE TABLE import_chunks (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE
    )`,
    sql`CREATE INDEX import_chunks_batch ON import_chunks(batch_id)`,
    sql`CREATE TABLE import_batch_users (
      batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
      user_id INTEGER NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('created','updated')),
      chunk_id INTEGER REFERENCES import_chunks(id),
      email_key TEXT NOT NULL,
      row_number INTEGER NOT NULL,
      before TEXT,
      written_at TEXT NOT NULL,
      undone_at TEXT,
      PRIMARY KEY (batch_id, user_id)
    )`,
    sql`CREATE INDEX import_batch_users_user ON import_batch_users(user_id)`,
    sql`CREATE INDEX import_batch_users_chunk ON import_batch_users(chunk_id, email_key)`,
  ]
  for (const statement of statements) await statement.execute(db)
}
