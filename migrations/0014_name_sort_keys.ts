// Frozen once released: never edit, add a new migration instead.
// Numbered 0014: 0013 is audit_subjects, added on main at the same time.
// Names sorted as people sort them (Åsen, Łukasz, Williams, Zoë, 王芳), not by code point:
// SQLite compares text byte by byte and better-sqlite3 cannot add a collation, so each sorted
// name gets a key column whose byte order is the name order, written by triggers through the
// deterministic function lms_sort_key() that the engine registers on its connection
// (src/main/engine/db/sort-key.ts). Every writer (handlers, import, sync pull, seeds) is
// covered without knowing of it. The old name indexes served only sorting; the key indexes
// replace them.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`ALTER TABLE users ADD COLUMN first_name_key TEXT NOT NULL DEFAULT ''`,
    sql`ALTER TABLE users ADD COLUMN last_name_key TEXT NOT NULL DEFAULT ''`,
    sql`UPDATE users SET first_name_key = lms_sort_key(first_name), last_name_key = lms_sort_key(last_name)`,
    sql`DROP INDEX users_first_name`,
    sql`DROP INDEX users_last_name`,
    sql`CREATE INDEX users_first_name_key ON users(first_name_key)`,
    sql`CREATE INDEX users_last_name_key ON users(last_name_key)`,
    sql`CREATE TRIGGER users_name_keys_insert AFTER INSERT ON users BEGIN
      UPDATE users SET first_name_key = lms_sort_key(new.first_name), last_name_key = lms_sort_key(new.last_name) WHERE id = new.id;
    END`,
    // Updates that set the same names (sync writes whole rows) leave the keys alone.
    sql`CREATE TRIGGER users_name_keys_update AFTER UPDATE OF first_name, last_name ON users
      WHEN old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name
    BEGIN
      UPDATE users SET first_name_key = lms_sort_key(new.first_name), last_name_key = lms_sort_key(new.last_name) WHERE id = new.id;
    END`,
    sql`ALTER TABLE courses ADD COLUMN name_key TEXT NOT NULL DEFAULT ''`,
    sql`UPDATE courses SET name_key = lms_sort_key(name)`,
    sql`CREATE INDEX courses_name_key ON courses(name_key)`,
    sql`CREATE TRIGGER courses_name_key_insert AFTER INSERT ON courses BEGIN
      UPDATE courses SET name_key = lms_sort_key(new.name) WHERE id = new.id;
    END`,
    sql`CREATE TRIGGER courses_name_key_update AFTER UPDATE OF name ON courses WHEN old.name IS NOT new.name BEGIN
      UPDATE courses SET name_key = lms_sort_key(new.name) WHERE id = new.id;
    END`,
  ]
  for (const statement of statements) await statement.execute(db)
}
