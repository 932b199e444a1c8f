// Table types for kysely, matching migrations/ (test/engine/schema-drift.test.ts compares them
// with a freshly migrated database). The tables are declared by domain in ./tables/; this is
// the one DB interface every query is typed by, and the row types the engine passes around.
// Generated<> marks columns SQLite fills in.
import type { Insertable, Selectable, Updateable } from 'kysely'
import type { CustomUserFieldsTable, UserAddressesTable, UserMembershipsTable, UserSubscriptionsTable, UserTwoFactorTable, UsersTable } from './tables/users'
import type { AnnouncementsTable, AutoEnrollCoursesTable, CategoriesTable, CourseActivitiesTable, CourseCategoriesTable, CourseModulesTable, CoursesTable, EnrollmentsTable, ModuleStatusTable, ModulesTable } from './tables/courses'
import type { EvaluationsTable, GradingDraftsTable, SubmissionsTable, UploadsTable } from './tables/grading'
import type { AuditActivitiesTable, AuditDaysTable, AuditPerformersTable, AuditSubjectsTable, ListCountsTable } from './tables/audit'
import type { AppMetaTable, ChangeRecordsTable, IdMapTable, IdempotencyKeysTable, SyncBaseTable, SyncConflictsTable, SyncNoticesTable } from './tables/sync'
import type { AccredibleGroupsTable, BadgesTable, CertificateBackgroundsTable, CertificateTemplatesTable, UserBadgesTable, UserCertificatesTable } from './tables/credentials'
import type { ClassEnrollmentsTable, ClassSessionEventsTable, ClassesTable, InstructorsTable, LocationsTable } from './tables/classes'
import type { CouponsTable, OrdersTable } from './tables/coupons'
import type { ImportBatchUsersTable, ImportBatchesTable, ImportChunksTable } from './tables/import'

export type * from './tables/users'
export type * from './tables/courses'
export type * from './tables/grading'
export type * from './tables/audit'
export type * from './tables/sync'
export type * from './tables/credentials'
export type * from './tables/classes'
export type * from './tables/coupons'
export type * from './tables/import'

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
