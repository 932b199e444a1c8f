// Frozen once released: never edit, add a new migration instead.
// The records the audit log is about, so it can name them and be filtered by them:
// - audit_subjects: one row per record (type and id) with its name and how many audit rows
//   it has. The name follows the record (set when it is audited, and when the user or
//   course is renamed, also by sync) and stays after it is deleted, so "Deleted: Ada
//   Tester" still says who. The search by record name reads these, not the log, and the
//   counts it shows are the sum of their `n`. Their names have a trigram index like the
//   users' (0011_users_trigrams: folded as LIKE folds, two \x01 at the end), so that
//   search reads the few records it finds rather than every record.
// - list_counts 'audit-on:<type>' and 'audit-on:<type>:<action>': the counts of the log
//   filtered by record type (and action), which would otherwise be scans.
// - an index of the log by record (and action), for one record's history and the searches.
import { sql, type Kysely } from 'kysely'

const USER_NAME = (id: string) => sql.raw(`(SELECT trim(first_name || ' ' || last_name) FROM users WHERE id = ${id})`)
const COURSE_NAME = (id: string) => sql.raw(`(SELECT name FROM courses WHERE id = ${id})`)

// A log row counted for its record type (and action) and its record. A record is named as
// it is when audited; after its row is deleted, the name it had stays.
const COUNTED = sql`
  INSERT INTO list_counts (scope, n) VALUES ('audit-on:' || new.effect_on, 1), ('audit-on:' || new.effect_on || ':' || new.action, 1)
    ON CONFLICT (scope) DO UPDATE SET n = n + 1;
  INSERT INTO audit_subjects (effect_on, subject_id, name, n)
    SELECT new.effect_on, new.subject_id,
      CASE new.effect_on WHEN 'User' THEN ${USER_NAME('new.subject_id')} WHEN 'Course' THEN ${COURSE_NAME('new.subject_id')} END, 1
    WHERE new.subject_id IS NOT NULL
    ON CONFLICT (effect_on, subject_id) DO UPDATE SET n = n + 1, name = coalesce(excluded.name, audit_subjects.name);`

const UNCOUNTED = sql`
  UPDATE list_counts SET n = n - 1 WHERE scope IN ('audit-on:' || old.effect_on, 'audit-on:' || old.effect_on || ':' || old.action);
  UPDATE audit_subjects SET n = n - 1 WHERE effect_on = old.effect_on AND subject_id = old.subject_id;
  DELETE FROM audit_subjects WHERE effect_on = old.effect_on AND subject_id = old.subject_id AND n <= 0;`

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE audit_subjects (
      id INTEGER PRIMARY KEY,
      effect_on TEXT NOT NULL,
      subject_id INTEGER NOT NULL,
      name TEXT,
      n INTEGER NOT NULL,
      UNIQUE (effect_on, subject_id)
    )`,
    sql`INSERT INTO audit_subjects (effect_on, subject_id, name, n)
      SELECT effect_on, subject_id, NULL, count(*) FROM audit_activities WHERE subject_id IS NOT NULL GROUP BY effect_on, subject_id`,
    sql`UPDATE audit_subjects SET name = CASE effect_on WHEN 'User' THEN ${USER_NAME('audit_subjects.subject_id')} WHEN 'Course' THEN ${COURSE_NAME('audit_subjects.subject_id')} END`,
    sql`INSERT INTO list_counts (scope, n) SELECT 'audit-on:' || effect_on, count(*) FROM audit_activities GROUP BY effect_on`,
    sql`INSERT INTO list_counts (scope, n) SELECT 'audit-on:' || effect_on || ':' || action, count(*) FROM audit_activities GROUP BY effect_on, action`,
    // The action in the key: a record search with an action is counted from the index alone.
    sql`CREATE INDEX audit_activities_record ON audit_activities(effect_on, subject_id, action, created_at)`,
    sql`CREATE VIRTUAL TABLE audit_subject_trigrams USING fts5(
      name, tokenize = 'trigram case_sensitive 1', detail = none, content = '', contentless_delete = 1
    )`,
    sql`CREATE VIRTUAL TABLE audit_subject_trigrams_terms USING fts5vocab(audit_subject_trigrams, 'row')`,
    sql`INSERT INTO audit_subject_trigrams (rowid, name) SELECT id, lower(name) || char(1, 1) FROM audit_subjects WHERE name IS NOT NULL`,
    sql`CREATE TRIGGER audit_subject_trigrams_insert AFTER INSERT ON audit_subjects WHEN new.name IS NOT NULL BEGIN
      INSERT INTO audit_subject_trigrams (rowid, name) VALUES (new.id, lower(new.name) || char(1, 1));
    END`,
    sql`CREATE TRIGGER audit_subject_trigrams_update AFTER UPDATE OF name ON audit_subjects WHEN old.name IS NOT new.name BEGIN
      DELETE FROM audit_subject_trigrams WHERE rowid = old.id;
      INSERT INTO audit_subject_trigrams (rowid, name) SELECT new.id, lower(new.name) || char(1, 1) WHERE new.name IS NOT NULL;
    END`,
    sql`CREATE TRIGGER audit_subject_trigrams_delete AFTER DELETE ON audit_subjects BEGIN
      DELETE FROM audit_subject_trigrams WHERE rowid = old.id;
    END`,
    sql`CREATE TRIGGER audit_subjects_insert AFTER INSERT ON audit_activities BEGIN ${COUNTED} END`,
    sql`CREATE TRIGGER audit_subjects_delete AFTER DELETE ON audit_activities BEGIN ${UNCOUNTED} END`,
    // The log is written once; should a row ever change what it is about, it moves counts.
    sql`CREATE TRIGGER audit_subjects_update AFTER UPDATE OF effect_on, subject_id, action ON audit_activities BEGIN ${UNCOUNTED} ${COUNTED} END`,
    sql`CREATE TRIGGER audit_subjects_user_renamed AFTER UPDATE OF first_name, last_name ON users
      WHEN old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name
    BEGIN
      UPDATE audit_subjects SET name = trim(new.first_name || ' ' || new.last_name) WHERE effect_on = 'User' AND subject_id = new.id;
    END`,
    sql`CREATE TRIGGER audit_subjects_course_renamed AFTER UPDATE OF name ON courses WHEN old.name IS NOT new.name BEGIN
      UPDATE audit_subjects SET name = new.name WHERE effect_on = 'Course' AND subject_id = new.id;
    END`,
  ]
  for (const statement of statements) await statement.execute(db)
}
