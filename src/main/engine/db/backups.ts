// Rolling backups of lms.sqlite in <data dir>/backups, made with SQLite's online backup API
// (a consistent copy while the engine keeps working): before each migration and at most once
// a day; the newest seven are kept. A restore puts the newest backup that passes its check in
// place of the damaged database, which is kept in <data dir>/damaged, never deleted.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { BackupInfo } from './backup-info'
import { IntegrityCheck } from './integrity'
import { PRIVATE_FILE_MODE, privateFolder } from './private-files'

export const BACKUP_FOLDER = 'backups'
export const DAMAGED_FOLDER = 'damaged'
export const KEEP_BACKUPS = 7
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000

// lms-2024-05-01T10-00-00-000Z-daily.sqlite: sorts by time, and no colon (Windows file names).
const NAME = /^lms-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z0-9_-]+)\.sqlite$/

const stampOf = (at: Date) => at.toISOString().replace(/:/g, '-').replace('.', '-')

function parseName(dir: string, name: string): BackupInfo | null {
  const m = NAME.exec(name)
  if (!m) return null
  const takenAt = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`)
  return Number.isNaN(takenAt.getTime()) ? null : { name, file: path.join(dir, name), takenAt, reason: m[6]! }
}

/** The backups in the data folder, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = path.join(dataDir, BACKUP_FOLDER)
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return []
  }
  return names
    .map((name) => parseName(dir, name))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.name.localeCompare(a.name))
}

/** True when no backup was taken in the day before `now`. */
export function backupDue(dataDir: string, now: Date): boolean {
  const latest = listBackups(dataDir)[0]
  if (!latest) return true
  const age = now.getTime() - latest.takenAt.getTime()
  // A backup stamped in the future (the clock was set back) does not stop backups for long.
  return age >= BACKUP_EVERY_MS || age < -BACKUP_EVERY_MS
}

/**
 * Copies the open database into backups/ with the online backup API: in steps, so the
 * engine's calls go on between them, to a temporary name renamed when complete. The copy is
 * switched to a rollback journal so that it is one self-contained file.
 */
export async function takeBackup(raw: Database.Database, dataDir: string, reason: string, now: Date): Promise<BackupInfo> {
  const dir = privateFolder(path.join(dataDir, BACKUP_FOLDER))
  const name = `lms-${stampOf(now)}-${reason.replace(/[^a-z0-9_-]/gi, '-').toLowerCase()}.sqlite`
  const temp = path.join(dir, `.partial-${randomBytes(6).toString('hex')}.sqlite`)
  try {
    // Made 0600 before SQLite writes it; SQLite keeps the mode (and gives it to the copy's journal).
    fs.writeFileSync(temp, '', { mode: PRIVATE_FILE_MODE })
    await raw.backup(temp, { progress: () => 1024 })
    const copy = new Database(temp)
    try {
      copy.pragma('journal_mode = DELETE')
    } finally {
      copy.close()
    }
    fs.renameSync(temp, path.join(dir, name))
  } catch (error) {
    for (const leftover of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) fs.rmSync(leftover, { force: true })
    throw error
  }
  pruneBackups(dataDir)
  return parseName(dir, name)!
}

export function pruneBackups(dataDir: string, keep = KEEP_BACKUPS): void {
  for (const old of listBackups(dataDir).slice(keep)) fs.rmSync(old.file, { force: true })
}

/** The check's first problems, or null when the backup file is whole. */
function backupProblem(file: string): string | null {
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const check = new IntegrityCheck(db)
    while (check.step());
    return check.problems.length ? check.summary : null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    db?.close()
  }
}

export class NoUsableBackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NoUsableBackupError'
  }
}

/**
 * Puts a backup in place of lms.sqlite: `latest` is the newest that passes its check, or
 * the name of one in backups/. The database being replaced and its -wal and -shm files (a
 * leftover WAL would be applied to the restored file) move to damaged/<time>/. The caller
 * holds the data folder's lock.
 */
export function restoreBackup(dataDir: string, databaseFile: string, which: string, now: Date): BackupInfo {
  const all = listBackups(dataDir)
  const candidates = which === 'latest' ? all : all.filter((b) => b.name === which)
  if (candidates.length === 0) {
    throw new NoUsableBackupError(
      which === 'latest' ? `There is no backup in ${path.join(dataDir, BACKUP_FOLDER)}.` : `There is no backup named "${which}" in ${path.join(dataDir, BACKUP_FOLDER)}.`,
    )
  }
  const refused: string[] = []
  const chosen = candidates.find((b) => {
    const problem = backupProblem(b.file)
    if (problem) refused.push(`${b.name}: ${problem}`)
    return !problem
  })
  if (!chosen) throw new NoUsableBackupError(`No backup passes its check (${refused.join('; ')}).`)

  const target = path.join(dataDir, databaseFile)
  const aside = path.join(dataDir, DAMAGED_FOLDER, stampOf(now))
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (!fs.existsSync(target + suffix)) continue
    privateFolder(aside)
    fs.renameSync(target + suffix, path.join(aside, databaseFile + suffix))
  }
  const temp = `${target}.restoring`
  fs.copyFileSync(chosen.file, temp)
  fs.chmodSync(temp, PRIVATE_FILE_MODE)
  const fd = fs.openSync(temp, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(temp, target)
  return chosen
}
