// Frozen once released: never edit, add a new migration instead.
// How many audit rows each day holds (the first 10 characters of created_at), kept by
// triggers: a deep page of the log by date starts its OFFSET at the day the page falls in,
// found by summing these, instead of stepping over hundreds of thousands of index entries.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`CREATE TABLE audit_days (day TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID`,
    sql`INSERT INTO audit_days (day, n) SELECT substr(created_at, 1, 10), count(*) FROM audit_activities GROUP BY 1`,
    sql`CREATE TRIGGER audit_days_insert AFTER INSERT ON audit_activities BEGIN
      INSERT INTO audit_days (day, n) VALUES (substr(new.created_at, 1, 10), 1) ON CONFLICT (day) DO UPDATE SET n = n + 1;
    END`,
    sql`CREATE TRIGGER audit_days_delete AFTER DELETE ON audit_activities BEGIN
      UPDATE audit_days SET n = n - 1 WHERE day = substr(old.created_at, 1, 10);
      DELETE FROM audit_days WHERE day = substr(old.created_at, 1, 10) AND n <= 0;
    END`,
    sql`CREATE TRIGGER audit_days_update AFTER UPDATE OF created_at ON audit_activities
      WHEN substr(old.created_at, 1, 10) IS NOT substr(new.created_at, 1, 10)
    BEGIN
      UPDATE audit_days SET n = n - 1 WHERE day = substr(old.created_at, 1, 10);
      DELETE FROM audit_days WHERE day = substr(old.created_at, 1, 10) AND n <= 0;
      INSERT INTO audit_days (day, n) VALUES (substr(new.created_at, 1, 10), 1) ON CONFLICT (day) DO UPDATE SET n = n + 1;
    END`,
  ]
  for (const statement of statements) await statement.execute(db)
}
