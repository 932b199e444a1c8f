// Table types for kysely, matching migrations/: CSV imports: each batch, its chunks queued as bulk uploads, and the users it wrote (for undo).
import type { Generated } from 'kysely'

export interface ImportBatchesTable {
  id: Generated<number>
  source: 'file' | 'api'
  file_name: string | null
  mode: 'add_new' | 'add_update' | 'update_only'
  options: string
  state: 'running' | 'done' | 'cancelled' | 'undone'
  created: Generated<number>
  updated: Generated<number>
  skipped: Generated<number>
  failed: Generated<number>
  created_at: string
  finished_at: string | null
  undone_at: string | null
  undo_report: string | null
}

export interface ImportChunksTable {
  id: Generated<number>
  batch_id: number
}

export interface ImportBatchUsersTable {
  batch_id: number
  user_id: number
  action: 'created' | 'updated'
  chunk_id: number | null
  email_key: string
  row_number: number
  before: string | null
  written_at: string
  undone_at: string | null
}
