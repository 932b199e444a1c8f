// What each operation reads and what each local-only write changes, by entity: the engine
// names the entities of every committed write in a `changed` event, and the renderer's
// queries refetch when an entity they read is named (the way Actual's live queries follow
// their tables). Writes that queue change records are named by those records' entities;
// the second table covers the writes that queue none. A new read fails `tsc` until it is
// listed here; a new local-only write fails test/engine/changed-events.test.ts.
import type { EntityName } from '../contract/operation'
import type { OpName, QueryName } from './index'

/**
 * The sync entities, and local state no change record describes: the change queue and
 * its conflicts (`sync_state`), grading drafts, import batches, the Accredible groups
 * lookup a sync replaces.
 */
export type DataEntity = EntityName | 'sync_state' | 'grading_draft' | 'import_batch' | 'accredible_group'


const none: readonly DataEntity[] = []
const users: readonly DataEntity[] = ['user', 'custom_user_field', 'address']
const courses: readonly DataEntity[] = ['course', 'module', 'category']
const enrollments: readonly DataEntity[] = ['enrollment', 'module_status', 'user', 'course']
const work: readonly DataEntity[] = ['submission', 'evaluation', 'module_status', 'enrollment', 'module', 'user', 'course', 'sync_state', 'grading_draft']
const classes: readonly DataEntity[] = ['class', 'class_enrollment', 'location', 'instructor', 'course', 'user', 'sync_state']
const certificates: readonly DataEntity[] = ['certificate_template', 'user_certificate', 'enrollment', 'user', 'course', 'class_enrollment']
const everything: readonly DataEntity[] = [
  ...new Set([...users, ...courses, ...enrollments, ...work, ...classes, ...certificates, 'announcement', 'badge', 'coupon', 'import_chunk', 'accredible_group'] as const),
]

/** Reads (and jobs that write nothing) that are actions (downloads, checks) list nothing: they are not kept as queries. */
export const READ_ENTITIES: Record<QueryName, readonly DataEntity[]> = {
  'users.tabularList': [...users, 'enrollment', 'course', 'category'],
  'users.lookup': users,
  'userTypes.lookup': none,
  'users.byType': users,
  'users.get': users,
  // Pickers: not in a course (enrollments), in a class (its registrations).
  'users.pick': [...users, 'enrollment', 'class_enrollment'],
  'users.enrolledCourses': enrollments,
  'courses.tabularList': [...courses, 'enrollment'],
  'courses.get': courses,
  'courses.pick': [...courses, 'class'],
  'courses.lookup': courses,
  'courses.name': courses,
  'courses.enrolledStudents': enrollments,
  'courses.enrolledUsersLookup': enrollments,
  'courses.statusLookup': none,
  'courses.gradingRulesLookup': none,
  'courses.durationRulesLookup': none,
  'courses.typeLookup': none,
  'courses.dripLookup': none,
  'activities.verbLookup': none,
  'courses.activities': everything,
  'courses.submissions': work,
  'courses.allSubmissions': work,
  'courses.gradebook': work,
  'courses.progressEdit': enrollments,
  'assignments.list': courses,
  'assignments.get': courses,
  'assignments.details': work,
  'assignments.submissions': work,
  'discussions.list': courses,
  'discussions.get': courses,
  'audit.list': everything,
  'audit.verbLookup': none,
  'app.status': ['sync_state'],
  'app.changes': ['sync_state'],
  'app.openFile': none,
  'app.cancelJob': none,
  // Read once before the first screen (not through the data layer).
  'app.settings': none,
  'grading.draftGet': ['grading_draft', 'evaluation'],
  'sync.status': ['sync_state'],
  'sync.parked': ['sync_state'],
  'sync.pending': ['sync_state'],
  'sync.conflicts': ['sync_state'],
  'certificateTemplates.lookup': certificates,
  'certificateTemplates.tabularList': certificates,
  'certificateTemplates.keysLookup': none,
  'certificateTemplates.fontFamilyLookup': none,
  'certificateTemplates.get': certificates,
  'certificateTemplates.preview': none,
  'userCertificates.list': certificates,
  'certificates.previewDraft': none,
  'certificates.download': none,
  'certificates.candidates': certificates,
  'users.bulkUploadSample': none,
  'users.sources': users,
  'import.dryRun': none,
  'import.cancel': none,
  'import.progress': none,
  'import.batches': ['import_batch', 'user'],
  'import.errorCsv': none,
  'import.choices': [...courses, 'class', 'location', 'custom_user_field'],
  'announcements.tabularList': ['announcement', 'user', 'course'],
  'announcements.get': ['announcement', 'user', 'course'],
  'announcements.forStudent': ['announcement', 'user', 'course', 'enrollment'],
  'badges.tabularList': ['badge'],
  'badges.defaultLookup': none,
  'badges.get': ['badge'],
  'categories.productLookup': ['category'],
  'categories.courseLookup': ['category'],
  'categories.moduleLookup': ['category'],
  'categories.questionLookup': ['category'],
  'categories.userLookup': ['category'],
  'categories.courseList': ['category', 'course'],
  'categories.moduleList': ['category', 'module'],
  'categories.productList': ['category'],
  'categories.questionList': ['category'],
  'categories.get': ['category'],
  'coupons.tabularList': ['coupon'],
  'coupons.lookup': ['coupon'],
  'coupons.typeLookup': none,
  'coupons.get': ['coupon'],
  'accredible.validateKey': none,
  'accredible.groupLookup': ['accredible_group'],
  'twoFactor.get': ['user'],
  'users.customRegistrationFields': ['custom_user_field'],
  'users.customUserFields': users,
  'users.fieldTypeLookup': none,
  'users.customFieldReportsLookup': ['custom_user_field'],
  'users.canDeleteField': users,
  'users.addresses': users,
  'users.defaultAddress': users,
  'users.getAddress': users,
  'users.dashboardStatistics': everything,
  'users.activities': everything,
  'users.orders': enrollments,
  'users.detailedReport': everything,
  'users.report': everything,
  'users.subscriptions': enrollments,
  'membership.userContents': enrollments,
  'users.badges': ['badge', 'user'],
  'users.leaderboard': everything,
  'courses.dropdownList': courses,
  'courses.autoEnrollCourses': courses,
  'courseReports.overview': everything,
  'courseReports.courseDetailed': everything,
  'courseReports.customHeaders': ['custom_user_field'],
  'classes.tabularList': classes,
  'classes.schedules': classes,
  'classes.edit': classes,
  'classes.courseClasses': classes,
  'classes.enrolledStudents': classes,
  'classes.studyMaterial': classes,
  'classes.webinarDetails': classes,
  'classes.webinarLaunch': none,
  'classes.detailedReport': classes,
  'classes.overviewReport': classes,
  'users.enrolledClasses': classes,
  'users.classReports': classes,
  'courses.locationsLookup': ['location'],
  'attendance.classes': classes,
  'attendance.roster': classes,
  'attendance.signInSheet': none,
  'attendance.exportCsv': none,
}

/**
 * Local-only writes (no sync entity in their declaration), and jobs that write (an
 * import's commit keeps its batch): what they change. The change records such a call does
 * queue (a walk-in's enrollment, the imported users) are added to these by the engine.
 */
export const LOCAL_WRITE_ENTITIES: Partial<Record<OpName, readonly DataEntity[]>> = {
  // The language is read once before the first screen and then kept by the renderer's store.
  'app.setLocale': none,
  'import.commit': ['import_batch'],
  'assignments.upload': none,
  'grading.draftSave': ['grading_draft'],
  'grading.draftClear': ['grading_draft'],
  'grading.undoEvaluation': ['evaluation', 'submission', 'module_status', 'grading_draft', 'sync_state'],
  'sync.configure': ['sync_state'],
  'sync.retry': ['sync_state'],
  'sync.discard': ['sync_state'],
  'sync.resolve': ['sync_state', ...everything],
  'sync.reset': ['sync_state'],
  'certificates.issueFinished': ['user_certificate', 'enrollment'],
  'certificates.uploadBackground': none,
  'import.undo': ['import_batch', 'user', 'enrollment', 'class_enrollment'],
  'twoFactor.prepare': ['user'],
  'twoFactor.confirm': ['user'],
  'twoFactor.disable': ['user'],
  'attendance.markUnmarked': ['class_enrollment'],
  'attendance.addWalkIn': ['class_enrollment', 'user'],
  'attendance.note': ['class_enrollment'],
  'attendance.signOff': ['class', 'class_enrollment'],
  'attendance.reopen': ['class', 'class_enrollment'],
}

const readEntities: Partial<Record<string, readonly DataEntity[]>> = READ_ENTITIES
const localWriteEntities: Partial<Record<string, readonly DataEntity[]>> = LOCAL_WRITE_ENTITIES

/** The entities a read follows (empty for an unknown name). */
export function entitiesRead(operation: string): readonly DataEntity[] {
  return readEntities[operation] ?? none
}

/** The entities a local-only write changes, beyond the change records it queues. */
export function entitiesWritten(operation: string): readonly DataEntity[] {
  return localWriteEntities[operation] ?? none
}

/** Change records that stand for many rows: an import chunk is users with their enrollments. */
const IMPLIED: Partial<Record<DataEntity, readonly DataEntity[]>> = {
  import_chunk: ['user', 'enrollment', 'class_enrollment', 'custom_user_field', 'import_batch'],
}

/** The entities with those their change records stand for. */
export function withImplied(entities: Iterable<DataEntity>): Set<DataEntity> {
  const out = new Set<DataEntity>()
  for (const entity of entities) {
    out.add(entity)
    for (const implied of IMPLIED[entity] ?? none) out.add(implied)
  }
  return out
}

/** Every entity some read follows (told after events may have been missed). */
export const ALL_ENTITIES: readonly DataEntity[] = [...new Set(Object.values(READ_ENTITIES).flat())]
