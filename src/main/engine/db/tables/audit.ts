// Table types for kysely, matching migrations/: the audit log and the counts its triggers keep for fast lists.
import type { Generated } from 'kysely'

export interface AuditActivitiesTable {
  id: Generated<number>
  performed_by_id: number | null
  performed_by: string
  effect_on: string
  subject: string
  subject_id: number | null
  action: string
  details: string
  created_at: string
}

/**
 * Row counts kept by triggers (0010_search_index, 0013_audit_subjects): 'audit', 'audit:<action>',
 * 'audit-on:<type>', 'audit-on:<type>:<action>', 'course:<id>', 'course:<id>:<verb>'.
 */
export interface ListCountsTable {
  scope: string
  n: number
}

/** Each distinct audit performer and how many log rows name them, kept by triggers. */
export interface AuditPerformersTable {
  performed_by: string
  n: number
}

/** Each record the audit log is about: its name (kept after a delete) and its row count (0013_audit_subjects). */
export interface AuditSubjectsTable {
  id: Generated<number>
  effect_on: string
  subject_id: number
  name: string | null
  n: number
}

/** Audit rows per day (substr(created_at, 1, 10)), kept by triggers (0012_audit_days). */
export interface AuditDaysTable {
  day: string
  n: number
}
