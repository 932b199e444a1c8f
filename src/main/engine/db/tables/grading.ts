// Table types for kysely, matching migrations/: submissions, their evaluations, uploaded files and unsaved grading drafts.
import type { Generated } from 'kysely'

export interface SubmissionsTable {
  id: Generated<number>
  status_row_id: number
  kind: string
  content: string | null
  file_url: string | null
  submitted_at: string
}

export interface EvaluationsTable {
  id: Generated<number>
  status_row_id: number
  submission_id: number | null
  points: number
  message: string | null
  accepted: number
  evaluated_by_id: number | null
  evaluated_by: string
  evaluated_at: string
  undone_at: string | null
  restores_evaluation_id: number | null
}

export interface UploadsTable {
  sha256: string
  name: string
  mime: string
  size: number
  created_at: string
}

export interface GradingDraftsTable {
  status_row_id: number
  points: string
  message: string
  updated_at: string
}
