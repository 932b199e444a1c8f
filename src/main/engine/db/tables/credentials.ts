// Table types for kysely, matching migrations/: what learners are awarded: certificates (templates, issued ones, backgrounds), badges and Accredible groups.
import type { Generated } from 'kysely'

export interface CertificateTemplatesTable {
  id: Generated<number>
  name: string
  bg_url: string | null
  width: number
  height: number
  fields: string
  version: Generated<number>
  author_id: number | null
  created_at: string
  updated_at: string
}

export interface UserCertificatesTable {
  id: Generated<number>
  user_id: number
  course_id: number
  class_id: number | null
  template_id: number | null
  template_version: number
  template_snapshot: string
  field_values: string
  code: string
  issued_at: string
  expires_at: string | null
  created_at: string
}

export interface CertificateBackgroundsTable {
  url: string
  sha256: string
  mime: string
  fetched_at: string
}

export interface BadgesTable {
  id: Generated<number>
  title: string
  points: number | null
  badge_icon_url: string
  default_icon_url: string | null
  organization_id: string | null
  created_at: string
  updated_at: string
}

export interface UserBadgesTable {
  user_id: number
  badge_id: number
  awarded_at: string
}

export interface AccredibleGroupsTable {
  id: number
  name: string
  pulled_at: string
}
