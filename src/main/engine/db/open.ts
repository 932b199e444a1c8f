// Opens <data dir>/lms.sqlite: takes the folder's lock, makes the folder private, refuses a
// damaged or empty database (offering the latest backup), checks it within a time budget,
// backs it up before migrating, applies the forward-only migrations, and refuses a database
// written by a newer app (Signal Desktop does the same).
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { Migrator, type Migration } from 'kysely/migration'
import { migrations as appMigrations } from '../../../../migrations/index'
import { SORT_KEY_FUNCTION, sortKey } from './sort-key'
import { StorageRefusedError, storageProblemOf } from '../storage-errors'
import type { BackupInfo } from './backup-info'
import { BACKUP_FOLDER, listBackups, restoreBackup, takeBackup } from './backups'
import { LOCK_FILE, lockDataFolder, type FolderLock } from './folder-lock'
import { DamagedDatabaseError, fileProblem, IntegrityCheck, isCorruptionError, OPEN_CHECK_BUDGET_MS } from './integrity'
import { makeFolderPrivate, PRIVATE_FILE_MODE } from './private-files'

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

/**
 * The folder must be a data folder, new or empty: opening makes everything in it private, and
 * `--data ~/Documents` must not chmod someone's documents (nor mix their files with the data).
 */
export class NotADataFolderError extends Error {
  constructor(dir: string, found: string[]) {
    super(
      `${dir} holds other files (${found.slice(0, 3).join(', ')}${found.length > 3 ? ', ...' : ''}) and no LMS Offline data. ` +
        'Choose an empty folder or an existing data folder; nothing was changed.',
    )
    this.name = 'NotADataFolderError'
  }
}

function assertDataFolder(dir: string): void {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return // missing (made below) or unreadable (reported below)
  }
  if (names.some((name) => name === DATABASE_FILE || name === LOCK_FILE || name === BACKUP_FOLDER)) return
  const others = names.filter((name) => !name.startsWith('.'))
  if (others.length > 0) throw new NotADataFolderError(dir, others)
}

export interface OpenOptions {
  migrations?: Record<string, Migration>
  /** Put a backup (`latest` or its name in backups/) in place of the database first. */
  restoreBackup?: string
  /** How long the open may spend on the integrity check; the rest is checked afterwards. */
  checkBudgetMs?: number
  now?: () => Date
  /** Named to the next process that finds the folder locked. */
  program?: string
}

export interface OpenedDatabase {
  raw: Database.Database
  schemaVersion: number
  file: string
  /** The tables the open had no time to check, for the engine to check between calls; null when all were. */
  pendingCheck: IntegrityCheck | null
  /** The backup put in place by `restoreBackup`. */
  restored: BackupInfo | null
  /** Closes the database and releases the folder's lock. */
  close(): void
}

export async function openDatabase(dataDir: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const migrations = options.migrations ?? appMigrations
  const now = options.now ?? (() => new Date())
  let lock: FolderLock
  assertDataFolder(dataDir)
  try {
    makeFolderPrivate(dataDir)
    lock = lockDataFolder(dataDir, { program: options.program, now })
  } catch (error) {
    throw refusalOf(error, dataDir)
  }
  const file = path.join(dataDir, DATABASE_FILE)
  let raw: Database.Database | null = null
  try {
    const restored = options.restoreBackup ? restoreBackup(dataDir, DATABASE_FILE, options.restoreBackup, now()) : null
    const existed = fs.existsSync(file)
    const problem = existed ? fileProblem(file) : listBackups(dataDir).length > 0 ? 'the file is missing, although this folder holds backups of it' : null
    if (problem) throw new DamagedDatabaseError(file, problem, listBackups(dataDir)[0] ?? null)
    raw = new Database(file)
    // Private before the first write: SQLite gives the -wal and -shm files the database's mode.
    if (!existed) fs.chmodSync(file, PRIVATE_FILE_MODE)
    raw.pragma('journal_mode = WAL')
    // FULL: a grade saved is a grade kept, even when a laptop's battery dies.
    raw.pragma('synchronous = FULL')
    raw.pragma('foreign_keys = ON')
    // Deleted and overwritten text is zeroed, not left in free pages: a sent record's
    // password is written over (outbox/secrets.ts) and must not stay readable in the file.
    raw.pragma('secure_delete = ON')
    raw.pragma('busy_timeout = 5000')
    // Before migrating: the name-key triggers (and migration 0014) call it on every write.
    raw.function(SORT_KEY_FUNCTION, { deterministic: true }, (text: unknown) => sortKey(typeof text === 'string' ? text : text == null ? '' : String(text)))
    const check = new IntegrityCheck(raw)
    const pending = pendingMigrations(raw, Object.keys(migrations))
    // Before an upgrade the whole file is checked, however long it takes: the backup and the migration build on it.
    if (existed && pending.length > 0) check.runFor(Number.POSITIVE_INFINITY)
    else check.runFor(options.checkBudgetMs ?? OPEN_CHECK_BUDGET_MS)
    if (check.problems.length) throw new DamagedDatabaseError(file, check.summary, listBackups(dataDir)[0] ?? null)
    if (existed && pending.length > 0 && pending.length < Object.keys(migrations).length) {
      await takeBackup(raw, dataDir, `before-${pending[0]}`, now())
    }
    await migrate(raw, migrations)
    const opened = raw
    return {
      raw: opened,
      schemaVersion: Object.keys(migrations).length,
      file,
      pendingCheck: check.done ? null : check,
      restored,
      close() {
        if (opened.open) opened.close()
        lock.release()
      },
    }
  } catch (error) {
    raw?.close()
    lock.release()
    if (isCorruptionError(error)) throw new DamagedDatabaseError(file, (error as Error).message, listBackups(dataDir)[0] ?? null)
    throw refusalOf(error, dataDir)
  }
}

/** A full or read-only disk as such; anything else as it is. */
function refusalOf(error: unknown, dataDir: string): unknown {
  const problem = storageProblemOf(error, dataDir)
  return problem ? new StorageRefusedError(problem, dataDir, error) : error
}

/** The migrations not applied yet; refuses a database with migrations this app does not know. */
function pendingMigrations(raw: Database.Database, known: string[]): string[] {
  const table = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get()
  if (!table) return known
  const applied = new Set((raw.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((r) => r.name))
  const knownSet = new Set(known)
  const unknown = [...applied].filter((name) => !knownSet.has(name))
  if (unknown.length > 0) throw new SchemaTooNewError(unknown)
  return known.filter((name) => !applied.has(name))
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
