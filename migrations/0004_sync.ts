// Frozen once released: never edit, add a new migration instead.
// Sync: the mapping of local ids to the hosted LMS's ids, per-record retry state, the
// idempotency keys this engine honours when it is the server, base snapshots of pulled
// rows, conflicts kept for the user, and notices (rows deleted on the server).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`ALTER TABLE change_records ADD COLUMN idempotency_key TEXT`,
    sql`ALTER TABLE change_records ADD COLUMN next_attempt_at TEXT`,
    sql`ALTER TABLE change_records ADD COLUMN blocked_reason TEXT`,
    sql`UPDATE change_records SET idempotency_key = lower(hex(randomblob(16))) WHERE idempotency_key IS NULL`,
    sql`CREATE UNIQUE INDEX change_records_idempotency ON change_records(idempotency_key)`,
    sql`CREATE TABLE id_map (
      entity TEXT NOT NULL,
      local_id INTEGER NOT NULL,
      server_id INTEGER NOT NULL,
      PRIMARY KEY (entity, local_id),
      UNIQUE (entity, server_id)
    )`,
    sql`CREATE TABLE idempotency_keys (
      key TEXT PRIMARY KEY,
      operation TEXT NOT NULL,
      body_hash TEXT NOT NULL,
      response TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    sql`CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at)`,
    sql`CREATE TABLE sync_base (
      entity TEXT NOT NULL,
      server_id INTEGER NOT NULL,
      data TEXT NOT NULL,
      sweep TEXT NOT NULL,
      PRIMARY KEY (entity, server_id)
    )`,
    sql`CREATE TABLE sync_conflicts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL,
      local_id INTEGER NOT NULL,
      server_id INTEGER,
      field TEXT NOT NULL,
      base TEXT,
      mine TEXT,
      theirs TEXT,
      created_at TEXT NOT NULL,
      resolved_at TEXT,
      choice TEXT CHECK (choice IS NULL OR choice IN ('mine','theirs'))
    )`,
    sql`CREATE TABLE sync_notices (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      message TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
  ]
  for (const statement of statements) await statement.execute(db)
}
