// Table types for kysely, matching migrations/: courses, their categories, modules and announcements; enrollments and each learner's progress.
import type { Generated } from 'kysely'

export interface CategoriesTable {
  id: Generated<number>
  name: string
  type: string
  created_at: string
  author_id: number | null
  updated_by_id: number | null
  updated_at: string | null
}

export interface CoursesTable {
  id: Generated<number>
  name: string
  slug: string
  status: string
  course_type: string
  instructions: string | null
  featured_image_url: string | null
  completion_redirection_url: string | null
  credits: number | null
  min_passing_percentage: number | null
  grading_rule: string
  duration_rule: string
  duration_specific_date: string | null
  duration_days: number | null
  certificate_templates: string
  certificate_expires_after: number | null
  certificate_expires_after_grace_period: number | null
  author_id: number | null
  created_at: string
  updated_at: string
  /** The name's sort key, kept by triggers (migrations/0014_name_sort_keys). */
  name_key: Generated<string>
}

export interface CourseCategoriesTable {
  course_id: number
  category_id: number
}

export interface ModulesTable {
  id: Generated<number>
  name: string
  slug: string
  type: string
  icon: string
  content: string | null
  total_points: number | null
  submission_type: string | null
  allowed_filetypes: string
  should_be_evaluated: number
  min_comments: number | null
  author_id: number | null
  created_at: string
  updated_at: string
}

export interface CourseModulesTable {
  id: Generated<number>
  course_id: number
  module_id: number
  position: number
  is_locked: number
  drip_rules: string
  drip_fixed_date: string | null
  drip_interval: number | null
  drip_interval_unit: string
  drip_calculation_reference: string
  min_spent_hour: number
  min_spent_minutes: number
  is_grade_module: number
}

export interface EnrollmentsTable {
  id: Generated<number>
  course_id: number
  user_id: number
  group_id: number | null
  status: string
  percent_complete: number
  access_status: string
  registered_at: string
  started_at: string | null
  completed_at: string | null
  expire_at: string | null
  last_accessed_at: string | null
}

export interface CourseActivitiesTable {
  id: Generated<number>
  course_id: number
  user_id: number | null
  student_name: string
  verb: string
  message: string
  created_at: string
}

export interface ModuleStatusTable {
  id: Generated<number>
  enrollment_id: number
  module_id: number
  status: string
  started_at: string | null
  completed_at: string | null
  last_accessed_at: string | null
  time_spent_seconds: Generated<number>
  access_count: Generated<number>
  points_awarded: number | null
  evaluated_by_id: number | null
  evaluated_at: string | null
  last_submitted_at: string | null
  submission_count: Generated<number>
  updated_at: string
}

export interface AutoEnrollCoursesTable {
  course_id: number
  created_at: string
}

export interface AnnouncementsTable {
  id: Generated<number>
  heading: string
  content: string
  expiry: string | null
  sending_rules: string
  user_ids: string
  course_ids: string
  author_id: number | null
  created_at: string
  updated_at: string
}
