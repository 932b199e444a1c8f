// A full disk, a read-only folder or a failing disk are the laptop's problems, not the
// engine's: the caller is told which one in words a trainer can act on (it used to be a
// generic "operation failed... nothing was saved", also for reads), and the engine goes on
// answering. SQLite reports them as SQLITE_FULL, SQLITE_READONLY* and SQLITE_IOERR* (its
// write of the WAL failing with EROFS or EPERM is an I/O error to it); Node's fs as ENOSPC,
// EROFS, EACCES. An I/O error is told apart by trying to write a small file beside the data.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { ErrorPayload } from '../../shared/contract/result'
import { STATUS_BY_CODE } from '../../shared/contract/result'

export type StorageProblem = 'disk_full' | 'read_only' | 'io'

const codeOf = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/** What a failed write into dataDir says about the disk, or null when it says nothing. */
function probe(dataDir: string): StorageProblem | null {
  const file = path.join(dataDir, `.write-check-${randomBytes(4).toString('hex')}`)
  try {
    fs.writeFileSync(file, 'x', { mode: 0o600 })
    fs.rmSync(file, { force: true })
    return null
  } catch (error) {
    return storageProblemOf(error, null)
  }
}

/** The storage problem behind an error, or null when it is not one. Pass dataDir to tell I/O errors apart. */
export function storageProblemOf(error: unknown, dataDir: string | null): StorageProblem | null {
  const code = codeOf(error)
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full'
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only'
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'EIO') return (dataDir && probe(dataDir)) || 'io'
  return null
}

export type Attempt = 'read' | 'write' | 'open'

const MESSAGES: Record<StorageProblem, Record<Attempt, string>> = {
  disk_full: {
    write: 'The disk holding the data folder is full: this change was not saved. Free some space on it and try again; everything saved before is kept.',
    read: 'The disk holding the data folder is full, and SQLite needs a little free space even to answer this. Free some space on it and try again.',
    open: 'The disk holding the data folder is full, so the data cannot be opened. Free some space on it and start again.',
  },
  read_only: {
    write:
      'The data folder cannot be written (the disk is read-only, or your account may not write there): this change was not saved. Everything saved before is kept and can still be read.',
    read: 'The data folder cannot be written (the disk is read-only, or your account may not write there), and SQLite needs to write beside the database to answer this.',
    open: 'The data folder cannot be written (the disk is read-only, or your account may not write there). Use a folder on a writable disk, or give your account write access.',
  },
  io: {
    write: 'The disk holding the data folder failed to write (an input/output error): this change was not saved. The disk may be failing or was removed.',
    read: 'The disk holding the data folder failed to read (an input/output error). The disk may be failing or was removed.',
    open: 'The disk holding the data folder failed to read or write (an input/output error). The disk may be failing or was removed.',
  },
}

export function storageMessage(problem: StorageProblem, attempt: Attempt): string {
  return MESSAGES[problem][attempt]
}

export function storageFailure(problem: StorageProblem, attempt: Attempt): ErrorPayload {
  const code = problem === 'io' ? 'internal' : problem
  return { code, status: STATUS_BY_CODE[code], message: storageMessage(problem, attempt) }
}

/** Refuses to open a data folder the disk cannot serve, with what to do about it. */
export class StorageRefusedError extends Error {
  constructor(
    readonly problem: StorageProblem,
    readonly dataDir: string,
    cause: unknown,
  ) {
    super(`${storageMessage(problem, 'open')} (${dataDir}: ${(cause as Error)?.message ?? String(cause)})`)
    this.name = 'StorageRefusedError'
  }
}
