// Why a data folder was not opened, as data: it crosses from the engine's worker to the
// process that shows it (the serve CLI prints what to do, the desktop app asks in a dialog).
import type { StorageProblem } from '../storage-errors'
import { StorageRefusedError } from '../storage-errors'
import { NoUsableBackupError } from './backups'
import { DataFolderLockedError, type LockHolder } from './folder-lock'
import { DamagedDatabaseError } from './integrity'

export type OpenRefusal =
  | { kind: 'locked'; holder: LockHolder | null }
  | { kind: 'damaged'; file: string; problem: string; latestBackup: { name: string; takenAt: string } | null }
  | { kind: 'storage'; problem: StorageProblem }
  | { kind: 'no_usable_backup' }

export function refusalOf(error: unknown): OpenRefusal | undefined {
  if (error instanceof DataFolderLockedError) return { kind: 'locked', holder: error.holder }
  if (error instanceof DamagedDatabaseError) {
    const b = error.latestBackup
    return { kind: 'damaged', file: error.file, problem: error.problem, latestBackup: b ? { name: b.name, takenAt: b.takenAt.toISOString() } : null }
  }
  if (error instanceof StorageRefusedError) return { kind: 'storage', problem: error.problem }
  if (error instanceof NoUsableBackupError) return { kind: 'no_usable_backup' }
  return undefined
}
