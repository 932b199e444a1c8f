// Audit Logs group: who created, updated or deleted users and courses.
import { z } from 'zod'
import { defineOperation, returns } from '../contract/operation'
import { id, listParams, type ListPage } from '../contract/list-params'

export const AUDIT_VERBS = ['login', 'created', 'updated', 'deleted'] as const
/** What an audit row can be about (its `effect_on`). */
export const AUDIT_RECORD_TYPES = ['User', 'Course'] as const
export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number]

export interface AuditRecord {
  id: number
  performed_by: string
  effect_on: string
  subject: string
  action: string
  created_at: string
  details: unknown[]
  // Beyond the documented shape: which record the row is about.
  subject_id: number | null
  /** The record's name now, or the last one it had if it was deleted; null if never known. */
  subject_name: string | null
  /** Whether the record is still here (it can be opened). */
  subject_exists: boolean
}

export const auditActivities = defineOperation({
  name: 'audit.list',
  summary: 'Audit log in pages',
  kind: 'read',
  method: 'GET',
  route: 'api/audit-activities',
  input: z.object(
    listParams(
      ['created_at', 'id', 'performed_by', 'action', 'subject'] as const,
      z.object({
        performed_by: z.string().max(255).optional(),
        user_id: z.union([id, z.literal(''), z.null()]).optional(),
        activityName: z.union([z.enum(AUDIT_VERBS), z.literal('')]).optional(),
        dates: z.array(z.string().max(40)).max(2).optional(),
        // Beyond the documented filters: the record the row is about, by type, by id (of
        // that type) or by a part of its name.
        effect_on: z.union([z.enum(AUDIT_RECORD_TYPES), z.literal('')]).optional(),
        subject_id: z.union([id, z.literal(''), z.null()]).optional(),
        subject_name: z.string().max(255).optional(),
      }),
    ),
  ),
  output: returns<ListPage<AuditRecord> & { performedOnList: unknown[] }>(),
})

export const auditVerbLookup = defineOperation({
  name: 'audit.verbLookup',
  summary: 'Audit actions',
  kind: 'read',
  method: 'GET',
  route: 'api/audit-activities/verb/lookup',
  input: z.object({}),
  output: returns<{ db_value: string; display_value: string }[]>(),
})

export const auditOperations = [auditActivities, auditVerbLookup] as const
