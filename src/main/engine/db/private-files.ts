// The data folder holds learners' personal data, grades, queued passwords and tokens: the
// folder is 0700 and every file in it 0600, also when the folder already existed (made by an
// older version, by hand, or with a loose umask) and for the files SQLite makes itself.
// SQLite gives a database's -wal, -shm and -journal files the mode of the database file, so a
// database made 0600 before its first write keeps them private. On Windows the mode bits mean
// little; the user profile's ACLs protect %APPDATA%. Existing entries lose every group and
// other bit and keep the owner's (a folder the owner made read-only stays read-only).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

export class FolderNotPrivateError extends Error {
  constructor(dir: string, cause: unknown) {
    super(
      `The data folder ${dir} cannot be made private to your user account (${(cause as Error)?.message ?? String(cause)}). ` +
        'It holds personal data; use a folder your account owns.',
    )
    this.name = 'FolderNotPrivateError'
  }
}

function ensureMode(file: string, mode: number, stat: fs.Stats): void {
  const wanted = stat.mode & mode
  if ((stat.mode & 0o7777) !== wanted) fs.chmodSync(file, wanted)
}

/** Makes dir (created if missing) 0700 and everything under it 0700/0600; symbolic links are left alone. */
export function makeFolderPrivate(dir: string): void {
  // A folder that cannot be made at all (a read-only disk, no access) is reported as such by the caller.
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  try {
    ensureMode(dir, PRIVATE_DIR_MODE, fs.statSync(dir))
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name)
        if (entry.isSymbolicLink()) continue
        const stat = fs.lstatSync(file)
        if (stat.isDirectory()) {
          ensureMode(file, PRIVATE_DIR_MODE, stat)
          walk(file)
        } else if (stat.isFile()) {
          ensureMode(file, PRIVATE_FILE_MODE, stat)
        }
      }
    }
    walk(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // A read-only folder is reported as such by the open that follows.
    if (code === 'EROFS') return
    throw new FolderNotPrivateError(dir, error)
  }
}

/** A sub-folder of the data folder, made 0700. */
export function privateFolder(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  ensureMode(dir, PRIVATE_DIR_MODE, fs.statSync(dir))
  return dir
}

/** Writes a 0600 file by a temporary name and a rename, so a reader never sees half of it. */
export function writePrivateFile(file: string, data: string | Buffer): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  try {
    fs.writeFileSync(temp, data, { mode: PRIVATE_FILE_MODE })
    fs.chmodSync(temp, PRIVATE_FILE_MODE)
    fs.renameSync(temp, file)
  } catch (error) {
    fs.rmSync(temp, { force: true })
    throw error
  }
}
