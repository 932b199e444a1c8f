// What a backup is, apart from how backups are taken: the integrity check names the latest
// backup in its error, and the backups check a copy with the integrity check.
export interface BackupInfo {
  name: string
  file: string
  takenAt: Date
  /** `daily`, or `before-<migration>`. */
  reason: string
}
