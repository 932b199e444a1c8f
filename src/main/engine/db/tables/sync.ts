// Table types for kysely, matching migrations/: the change queue, the local-to-hosted id map, idempotency keys, what sync knows of the hosted LMS, and the app's own settings.
import type { Generated } from 'kysely'

export interface ChangeRecordsTable {
  id: Generated<number>
  operation: string
  entity: string
  local_id: number | null
  input: string
  state: string
  attempts: Generated<number>
  last_error: string | null
  created_at: string
  updated_at: string
  idempotency_key: string | null
  next_attempt_at: string | null
  blocked_reason: string | null
  /** A create the hosted LMS accepted whose id is not known yet: it is looked up, never sent again. */
  accepted_at: Generated<string | null>
}

export interface IdMapTable {
  entity: string
  local_id: number
  server_id: number
}

export interface IdempotencyKeysTable {
  key: string
  operation: string
  body_hash: string
  response: string
  created_at: string
}

export interface SyncBaseTable {
  entity: string
  server_id: number
  data: string
  sweep: string
}

export interface SyncConflictsTable {
  id: Generated<number>
  entity: string
  local_id: number
  server_id: number | null
  field: string
  base: string | null
  mine: string | null
  theirs: string | null
  created_at: string
  resolved_at: string | null
  choice: string | null
}

export interface SyncNoticesTable {
  id: Generated<number>
  kind: string
  message: string
  created_at: string
}

export interface AppMetaTable {
  key: string
  value: string
}
