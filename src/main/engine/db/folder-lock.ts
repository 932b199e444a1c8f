// One process per data folder. Two processes on one folder (two `serve`s, or `serve` beside
// the desktop app) fail each other's writes with "database is locked" and both push the same
// queued records to the hosted LMS.
//
// The lock is an OS file lock that SQLite takes for us: a small lock database held in an
// open write transaction (BEGIN IMMEDIATE holds SQLite's RESERVED lock: fcntl on Linux and
// macOS, LockFileEx on Windows). The OS drops it when the process ends in any way, kill -9
// and power loss included, so there is no stale lock to detect, and a pid reused by another
// program can never keep the folder locked (a pid file with O_EXCL would need both guesses).
// Node has no file-lock API of its own; SQLite's is portable and already loaded.
//
// Who holds the lock is written beside it (pid, program, since when) for the message the
// next process shows. Nothing in this process may open the lock database with `fs`: closing
// any descriptor of a file drops the process's POSIX locks on it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { writePrivateFile } from './private-files'

export const LOCK_FILE = 'lms.lock'
export const HOLDER_FILE = 'lms.lock.json'

export interface LockHolder {
  pid: number
  /** What the process is: the desktop app or a server. */
  program: string
  host: string
  /** ISO time the lock was taken. */
  since: string
}

export interface FolderLock {
  readonly holder: LockHolder
  release(): void
}

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      `This data folder (${dataDir}) is already open in another LMS Offline process` +
        (holder ? `: pid ${holder.pid} (${holder.program}${holder.host === os.hostname() ? '' : ` on ${holder.host}`}), since ${utcText(holder.since)}` : '') +
        '. Only one process may use a data folder at a time: close that one first, or use another folder.',
    )
    this.name = 'DataFolderLockedError'
  }
}

/** `2024-05-01 10:00:00 UTC`: a log and terminal line, read the same wherever it is shown. */
function utcText(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

function defaultProgram(): string {
  if (process.versions['electron']) return 'the desktop app'
  return `node ${process.argv[1] ? path.basename(process.argv[1]) : ''}`.trim()
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readHolder(dataDir: string): LockHolder | null {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')) as Partial<LockHolder>
    if (typeof value.pid !== 'number' || typeof value.since !== 'string') return null
    return { pid: value.pid, since: value.since, program: String(value.program ?? 'LMS Offline'), host: String(value.host ?? os.hostname()) }
  } catch {
    return null
  }
}

/**
 * The holder's details, waiting briefly when they are not there yet or belong to a process
 * that is gone (the holder took the lock a moment ago and is writing them).
 */
function holderOf(dataDir: string): LockHolder | null {
  for (let attempt = 0; ; attempt++) {
    const holder = readHolder(dataDir)
    if (holder && (holder.host !== os.hostname() || alive(holder.pid))) return holder
    if (attempt >= 10) return holder
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50)
  }
}

export function lockDataFolder(dataDir: string, options: { program?: string; now?: () => Date } = {}): FolderLock {
  const file = path.join(dataDir, LOCK_FILE)
  const db = new Database(file, { timeout: 0 })
  try {
    fs.chmodSync(file, 0o600)
    db.exec('BEGIN IMMEDIATE')
  } catch (error) {
    db.close()
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataFolderLockedError(dataDir, holderOf(dataDir))
    throw error
  }
  const holder: LockHolder = {
    pid: process.pid,
    program: options.program ?? defaultProgram(),
    host: os.hostname(),
    since: (options.now?.() ?? new Date()).toISOString(),
  }
  try {
    writePrivateFile(path.join(dataDir, HOLDER_FILE), JSON.stringify(holder))
  } catch (error) {
    db.close()
    throw error
  }
  let released = false
  return {
    holder,
    release() {
      if (released) return
      released = true
      // Removed only while still ours: the lock is released after, so no other process wrote it yet.
      if (readHolder(dataDir)?.pid === process.pid) fs.rmSync(path.join(dataDir, HOLDER_FILE), { force: true })
      db.close()
    },
  }
}
