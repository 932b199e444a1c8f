// Opens <data dir>/lms.sqlite, applies the forward-only migrations, and refuses a
// database written by a newer app (Signal Desktop does the same).
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { Migrator, type Migration } from 'kysely/migration'
import { migrations as appMigrations } from '../../../../migrations/index'
import { SORT_KEY_FUNCTION, sortKey } from './sort-key'

export const DATABASE_FILE = 'lms.sqlite'

export class SchemaTooNewError extends Error {
  constructor(unknown: string[]) {
    super(
      `This data folder was written by a newer version of LMS Offline (unknown schema changes: ${unknown.join(', ')}). ` +
        'Update the app to open it; nothing was changed.',
    )
    this.name = 'SchemaTooNewError'
  }
}

export interface OpenedDatabase {
  raw: Database.Database
  schemaVersion: number
  file: string
}

export async function openDatabase(
  dataDir: string,
  migrations: Record<string, Migration> = appMigrations,
): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = path.join(dataDir, DATABASE_FILE)
  const raw = new Database(file)
  try {
    raw.pragma('journal_mode = WAL')
    // FULL: a grade saved is a grade kept, even when a laptop's battery dies.
    raw.pragma('synchronous = FULL')
    raw.pragma('foreign_keys = ON')
    raw.pragma('busy_timeout = 5000')
    // Before migrating: the name-key triggers (and migration 0014) call it on every write.
    raw.function(SORT_KEY_FUNCTION, { deterministic: true }, (text: unknown) => sortKey(typeof text === 'string' ? text : text == null ? '' : String(text)))
    refuseNewerSchema(raw, Object.keys(migrations))
    await migrate(raw, migrations)
    return { raw, schemaVersion: Object.keys(migrations).length, file }
  } catch (error) {
    raw.close()
    throw error
  }
}

function refuseNewerSchema(raw: Database.Database, known: string[]): void {
  const table = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
    .get()
  if (!table) return
  const applied = (raw.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((r) => r.name)
  const knownSet = new Set(known)
  const unknown = applied.filter((name) => !knownSet.has(name))
  if (unknown.length > 0) throw new SchemaTooNewError(unknown)
}

async function migrate(raw: Database.Database, migrations: Record<string, Migration>): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) })
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  })
  const { error, results } = await migrator.migrateToLatest()
  // Do not destroy the Kysely instance: it would close the shared better-sqlite3 handle.
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
