// Table types for kysely, matching migrations/. Generated<> marks columns SQLite fills in.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface UsersTable {
  id: Generated<number>
  first_name: string
  last_name: string
  email: string
  email_key: string
  password_hash: string | null
  user_type: string
  disabled: number
  custom_user_metas: string
  last_login_at: string | null
  created_at: string
  updated_at: string
  /** Sort keys kept by triggers (migrations/0014_name_sort_keys); sort by these, never by the names. */
  first_name_key: Generated<string>
  last_name_key: Generated<string>
}

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

export interface CertificateBackgroundsTable {
  url: string
  sha256: string
  mime: string
  fetched_at: string
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

export interface CouponsTable {
  id: Generated<number>
  code: string
  code_key: string
  type: string
  value: number
  usage_limit: number | null
  expiry: string | null
  allowed_emails: string | null
  notes: string | null
  created_at: string
  updated_at: string
}

export interface OrdersTable {
  id: Generated<number>
  user_id: number | null
  coupon_id: number | null
  total: number
  created_at: string
}

export interface AccredibleGroupsTable {
  id: number
  name: string
  pulled_at: string
}

export interface UserTwoFactorTable {
  user_id: number
  secret: string
  prepared_at: string
  confirmed_at: string | null
}

export interface CustomUserFieldsTable {
  id: Generated<number>
  type: string
  label: string
  user_meta_key: string
  default_value: string | null
  is_required: number
  option_label: string
  on_registration_page: number
  on_certificate: number
  report_exports: string
  display_order: number
  created_at: string
  updated_at: string
}

export interface UserAddressesTable {
  id: Generated<number>
  user_id: number
  address_type: string | null
  is_default: number
  full_name: string
  address_line1: string
  address_line2: string | null
  zipcode: string
  city: string
  state: string | null
  country: string
  created_at: string
  updated_at: string
}

export interface UserMembershipsTable {
  user_id: number
  plan_id: number
  name: string
  expired_at: string | null
  updated_at: string
}

export interface UserSubscriptionsTable {
  id: Generated<number>
  user_id: number
  item: string
  total: string
  status: string
  created_at: string
}

export interface AutoEnrollCoursesTable {
  course_id: number
  created_at: string
}

export interface AppMetaTable {
  key: string
  value: string
}

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

export interface DB {
  custom_user_fields: CustomUserFieldsTable
  user_addresses: UserAddressesTable
  user_memberships: UserMembershipsTable
  user_subscriptions: UserSubscriptionsTable
  auto_enroll_courses: AutoEnrollCoursesTable
  announcements: AnnouncementsTable
  badges: BadgesTable
  user_badges: UserBadgesTable
  coupons: CouponsTable
  orders: OrdersTable
  accredible_groups: AccredibleGroupsTable
  user_two_factor: UserTwoFactorTable
  app_meta: AppMetaTable
  users: UsersTable
  categories: CategoriesTable
  courses: CoursesTable
  course_categories: CourseCategoriesTable
  modules: ModulesTable
  course_modules: CourseModulesTable
  enrollments: EnrollmentsTable
  course_activities: CourseActivitiesTable
  audit_activities: AuditActivitiesTable
  list_counts: ListCountsTable
  audit_performers: AuditPerformersTable
  audit_days: AuditDaysTable
  audit_subjects: AuditSubjectsTable
  change_records: ChangeRecordsTable
  module_status: ModuleStatusTable
  submissions: SubmissionsTable
  evaluations: EvaluationsTable
  uploads: UploadsTable
  grading_drafts: GradingDraftsTable
  id_map: IdMapTable
  idempotency_keys: IdempotencyKeysTable
  sync_base: SyncBaseTable
  sync_conflicts: SyncConflictsTable
  sync_notices: SyncNoticesTable
  certificate_templates: CertificateTemplatesTable
  user_certificates: UserCertificatesTable
  certificate_backgrounds: CertificateBackgroundsTable
  locations: LocationsTable
  instructors: InstructorsTable
  classes: ClassesTable
  class_enrollments: ClassEnrollmentsTable
  class_session_events: ClassSessionEventsTable
  import_batches: ImportBatchesTable
  import_chunks: ImportChunksTable
  import_batch_users: ImportBatchUsersTable
}

export type UserRow = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type CourseRow = Selectable<CoursesTable>
export type NewCourse = Insertable<CoursesTable>
export type ModuleRow = Selectable<ModulesTable>
export type CourseModuleLinkRow = Selectable<CourseModulesTable>
export type EnrollmentRow = Selectable<EnrollmentsTable>
export type ChangeRecordRow = Selectable<ChangeRecordsTable>
export type ModuleStatusRow = Selectable<ModuleStatusTable>
export type EvaluationRow = Selectable<EvaluationsTable>
