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
  ]
  for (const statement of statements) await statement.execute(db)
}
