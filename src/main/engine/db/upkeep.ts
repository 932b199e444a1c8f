// What the engine does for its database besides answering calls: finishes the integrity
// check the open had no time for (one table per turn, between calls), checks again when
// SQLite reports corruption, and takes the daily backup once the database is known whole.
import type Database from 'better-sqlite3'
import { backupDue, takeBackup } from './backups'
import { IntegrityCheck } from './integrity'

/** How often a long-running engine asks whether the day's backup is due. */
const BACKUP_LOOK_EVERY_MS = 60 * 60 * 1000

export interface UpkeepDeps {
  raw: Database.Database
  dataDir: string
  clock: () => Date
  log: (key: string, line: () => string) => void
  /** The database is damaged: the engine stops writing to it. */
  onDamaged: (problem: string) => void
}

export class DatabaseUpkeep {
  private stopped = false
  private damaged = false
  private checking: NodeJS.Immediate | null = null
  private backingUp: Promise<void> | null = null
  private readonly timer: NodeJS.Timeout

  constructor(private readonly deps: UpkeepDeps) {
    this.timer = setInterval(() => this.backupIfDue(), BACKUP_LOOK_EVERY_MS)
    this.timer.unref()
  }

  /** Goes on with the open's check (when it left tables unchecked), then backs up if due. */
  start(pending: IntegrityCheck | null): void {
    if (!pending) {
      this.backupIfDue()
      return
    }
    const next = () => {
      this.checking = null
      if (this.stopped) return
      try {
        pending.step()
      } catch (error) {
        this.deps.log('check', () => `[engine] the integrity check stopped: ${(error as Error).message}`)
        return
      }
      if (pending.problems.length) this.found(pending.summary)
      else if (pending.done) this.backupIfDue()
      else this.checking = setImmediate(next)
    }
    this.checking = setImmediate(next)
  }

  /** SQLite answered SQLITE_CORRUPT or SQLITE_NOTADB: the whole file is checked now. */
  corruptionReported(error: Error): string {
    let problem = error.message
    try {
      const check = new IntegrityCheck(this.deps.raw)
      while (check.step());
      if (check.problems.length) problem = check.summary
    } catch (checkError) {
      problem = `${error.message}; the check could not run: ${(checkError as Error).message}`
    }
    this.found(problem)
    return problem
  }

  private found(problem: string): void {
    if (this.damaged) return
    this.damaged = true
    this.deps.log('damaged', () => `[engine] the database is damaged (${problem}); writes are refused until a backup is restored`)
    this.deps.onDamaged(problem)
  }

  /** Takes the day's backup in the background (the engine answers calls between its steps). */
  backupIfDue(): void {
    if (this.stopped || this.damaged || this.backingUp) return
    const now = this.deps.clock()
    if (!backupDue(this.deps.dataDir, now)) return
    this.backingUp = takeBackup(this.deps.raw, this.deps.dataDir, 'daily', now).then(
      () => {
        this.backingUp = null
      },
      (error: Error) => {
        this.backingUp = null
        if (!this.stopped) this.deps.log('backup', () => `[engine] the daily backup failed: ${error.message}`)
      },
    )
  }

  /** For tests and close: the backup in progress, if any. */
  get backup(): Promise<void> | null {
    return this.backingUp
  }

  stop(): void {
    this.stopped = true
    clearInterval(this.timer)
    if (this.checking) clearImmediate(this.checking)
  }
}
