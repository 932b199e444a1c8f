// Table types for kysely, matching migrations/: instructor-led classes: their locations, instructors, registrations and session events.
import type { Generated } from 'kysely'

export interface LocationsTable {
  id: Generated<number>
  name: string
  address: string | null
  created_at: string
}

export interface InstructorsTable {
  id: Generated<number>
  user_id: number | null
  name: string
  email: string | null
  created_at: string
}

export interface ClassesTable {
  id: Generated<number>
  course_id: number
  location_id: number | null
  instructor_id: number | null
  start_at: string
  end_at: string
  class_type: string
  series_id: number | null
  recurrence: string | null
  webinar_provider: string | null
  zoom_meeting_id: string | null
  zoom_host_pwd: string | null
  allow_download: number
  disabled: number
  study_material: string
  signed_off_at: string | null
  signed_off_by_id: number | null
  signed_off_by: string | null
  created_at: string
  updated_at: string
}

export interface ClassEnrollmentsTable {
  id: Generated<number>
  class_id: number
  user_id: number
  group_id: number | null
  status: string
  note: string | null
  registered_at: string
  status_updated_at: string | null
  last_accessed_at: string | null
  certificate_issued_at: string | null
}

export interface ClassSessionEventsTable {
  id: Generated<number>
  class_id: number
  action: string
  by_id: number | null
  by_name: string
  reason: string | null
  at: string
}
