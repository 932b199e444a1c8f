// Frozen once released: never edit, add a new migration instead.
// The users search index rebuilt so that it answers searches exactly, not only narrows
// them, and answers searches of 1 and 2 characters too (0010's users_search found nothing
// for those, so they scanned the table):
// - The text is folded the way LIKE folds (lower() folds ASCII only, as LIKE does) and
//   indexed case-sensitively: a trigram in the index is then a LIKE match of those three
//   characters, where 0010's table also folded non-ASCII case.
// - Two \x01 end each text, so every 1 or 2 characters of it begin some indexed trigram:
//   a short search is the union of the trigrams it begins (listed by users_trigrams_terms).
// - detail=none and no stored content: only which users hold a trigram is needed (the
//   engine re-checks longer searches against the users table), not where or the text.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`DROP TRIGGER users_search_insert`,
    sql`DROP TRIGGER users_search_update`,
    sql`DROP TRIGGER users_search_delete`,
    sql`DROP TABLE users_search`,
    // rowid = users.id; name is "first last", the text the users list searches.
    sql`CREATE VIRTUAL TABLE users_trigrams USING fts5(
      name, email, tokenize = 'trigram case_sensitive 1', detail = none, content = '', contentless_delete = 1
    )`,
    sql`CREATE VIRTUAL TABLE users_trigrams_terms USING fts5vocab(users_trigrams, 'row')`,
    sql`INSERT INTO users_trigrams (rowid, name, email)
      SELECT id, lower(first_name || ' ' || last_name) || char(1, 1), lower(email) || char(1, 1) FROM users`,
    sql`CREATE TRIGGER users_trigrams_insert AFTER INSERT ON users BEGIN
      INSERT INTO users_trigrams (rowid, name, email)
        VALUES (new.id, lower(new.first_name || ' ' || new.last_name) || char(1, 1), lower(new.email) || char(1, 1));
    END`,
    // Updates that set the same text (sync writes whole rows) leave the index alone.
    sql`CREATE TRIGGER users_trigrams_update AFTER UPDATE OF id, first_name, last_name, email ON users
      WHEN old.id IS NOT new.id OR old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name OR old.email IS NOT new.email
    BEGIN
      DELETE FROM users_trigrams WHERE rowid = old.id;
      INSERT INTO users_trigrams (rowid, name, email)
        VALUES (new.id, lower(new.first_name || ' ' || new.last_name) || char(1, 1), lower(new.email) || char(1, 1));
    END`,
    sql`CREATE TRIGGER users_trigrams_delete AFTER DELETE ON users BEGIN
      DELETE FROM users_trigrams WHERE rowid = old.id;
    END`,
  ]
  for (const statement of statements) await statement.execute(db)
}
