// Frozen once released: never edit, add a new migration instead.
// Substring search on large tables without a full scan: FTS5 trigram indexes kept in step
// by triggers (the engine still re-checks each candidate with LIKE, so results are exactly
// the LIKE results), and sort/filter indexes for the activity lists.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // rowid = users.id. `name` is "first last", the text the users list searches.
    sql`CREATE VIRTUAL TABLE users_search USING fts5(name, email, tokenize = 'trigram')`,
    sql`INSERT INTO users_search (rowid, name, email) SELECT id, first_name || ' ' || last_name, email FROM users`,
    sql`CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
      INSERT INTO users_search (rowid, name, email) VALUES (new.id, new.first_name || ' ' || new.last_name, new.email);
    END`,
    sql`CREATE TRIGGER users_search_update AFTER UPDATE OF id, first_name, last_name, email ON users BEGIN
      DELETE FROM users_search WHERE rowid = old.id;
      INSERT INTO users_search (rowid, name, email) VALUES (new.id, new.first_name || ' ' || new.last_name, new.email);
    END`,
    sql`CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
      DELETE FROM users_search WHERE rowid = old.id;
    END`,
    // The users list sorts by user type too; the rowid each entry ends with is the id tie-breaker.
    sql`CREATE INDEX users_user_type ON users(user_type)`,

    // Activity lists on a million rows. Counting them is a scan, so the totals the lists
    // show unfiltered (or filtered by one verb) are kept by triggers: 'audit', 'audit:<action>',
    // 'course:<id>', 'course:<id>:<verb>'.
    sql`CREATE TABLE list_counts (scope TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID`,
    // The few distinct people who act: the audit search by performer reads these, not the log.
    sql`CREATE TABLE audit_performers (performed_by TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID`,
    sql`INSERT INTO list_counts (scope, n) SELECT 'audit', count(*) FROM audit_activities`,
    sql`INSERT INTO list_counts (scope, n) SELECT 'audit:' || action, count(*) FROM audit_activities GROUP BY action`,
    sql`INSERT INTO list_counts (scope, n) SELECT 'course:' || course_id, count(*) FROM course_activities GROUP BY course_id`,
    sql`INSERT INTO list_counts (scope, n) SELECT 'course:' || course_id || ':' || verb, count(*) FROM course_activities GROUP BY course_id, verb`,
    sql`INSERT INTO audit_performers (performed_by, n) SELECT performed_by, count(*) FROM audit_activities GROUP BY performed_by`,
    sql`CREATE TRIGGER audit_activities_counted AFTER INSERT ON audit_activities BEGIN
      INSERT INTO list_counts (scope, n) VALUES ('audit', 1), ('audit:' || new.action, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
      INSERT INTO audit_performers (performed_by, n) VALUES (new.performed_by, 1) ON CONFLICT (performed_by) DO UPDATE SET n = n + 1;
    END`,
    sql`CREATE TRIGGER audit_activities_uncounted AFTER DELETE ON audit_activities BEGIN
      UPDATE list_counts SET n = n - 1 WHERE scope IN ('audit', 'audit:' || old.action);
      UPDATE audit_performers SET n = n - 1 WHERE performed_by = old.performed_by;
      DELETE FROM audit_performers WHERE performed_by = old.performed_by AND n <= 0;
    END`,
    sql`CREATE TRIGGER audit_activities_recounted AFTER UPDATE OF action, performed_by ON audit_activities BEGIN
      UPDATE list_counts SET n = n - 1 WHERE scope = 'audit:' || old.action;
      INSERT INTO list_counts (scope, n) VALUES ('audit:' || new.action, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
      UPDATE audit_performers SET n = n - 1 WHERE performed_by = old.performed_by;
      DELETE FROM audit_performers WHERE performed_by = old.performed_by AND n <= 0;
      INSERT INTO audit_performers (performed_by, n) VALUES (new.performed_by, 1) ON CONFLICT (performed_by) DO UPDATE SET n = n + 1;
    END`,
    sql`CREATE TRIGGER course_activities_counted AFTER INSERT ON course_activities BEGIN
      INSERT INTO list_counts (scope, n) VALUES ('course:' || new.course_id, 1), ('course:' || new.course_id || ':' || new.verb, 1)
        ON CONFLICT (scope) DO UPDATE SET n = n + 1;
    END`,
    sql`CREATE TRIGGER course_activities_uncounted AFTER DELETE ON course_activities BEGIN
      UPDATE list_counts SET n = n - 1 WHERE scope IN ('course:' || old.course_id, 'course:' || old.course_id || ':' || old.verb);
    END`,
    sql`CREATE TRIGGER course_activities_recounted AFTER UPDATE OF course_id, verb ON course_activities BEGIN
      UPDATE list_counts SET n = n - 1 WHERE scope IN ('course:' || old.course_id, 'course:' || old.course_id || ':' || old.verb);
      INSERT INTO list_counts (scope, n) VALUES ('course:' || new.course_id, 1), ('course:' || new.course_id || ':' || new.verb, 1)
        ON CONFLICT (scope) DO UPDATE SET n = n + 1;
    END`,
    // Sort and filter indexes; the rowid each entry ends with is the id tie-breaker.
    sql`CREATE INDEX course_activities_course_id ON course_activities(course_id, id)`,
    sql`CREATE INDEX course_activities_course_verb ON course_activities(course_id, verb)`,
    sql`CREATE INDEX course_activities_course_verb_created ON course_activities(course_id, verb, created_at)`,
    sql`CREATE INDEX course_activities_user ON course_activities(user_id, created_at)`,
    sql`CREATE INDEX audit_activities_performed_by ON audit_activities(performed_by)`,
    sql`CREATE INDEX audit_activities_performed_by_created ON audit_activities(performed_by, created_at)`,
    sql`CREATE INDEX audit_activities_action ON audit_activities(action)`,
    sql`CREATE INDEX audit_activities_action_created ON audit_activities(action, created_at)`,
    sql`CREATE INDEX audit_activities_subject ON audit_activities(subject)`,
    sql`CREATE INDEX audit_activities_actor ON audit_activities(performed_by_id, created_at)`,
  ]
  for (const statement of statements) await statement.execute(db)
}
