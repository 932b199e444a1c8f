// Every domain's handler table, registered in one place. The tables are imported where they
// are declared (.dependency-cruiser.cjs lets this file alone do so): a domain's index.ts does
// not load its handlers, or domains that use each other (users and courses) would import
// each other's index in a cycle.
import { appHandlers } from './domains/app/handlers'
import { auditHandlers } from './domains/audit/handlers'
import { certificateHandlers } from './domains/certificates/handlers'
import { candidateHandlers } from './domains/certificates/candidates'
import { attendanceHandlers } from './domains/classes/attendance'
import { pickerHandlers } from './domains/pickers/handlers'
import { classHandlers } from './domains/classes/handlers'
import { courseHandlers } from './domains/courses/handlers'
import { userHandlers } from './domains/users/handlers'
import { assignmentHandlers } from './domains/assignments/handlers'
import { discussionHandlers } from './domains/discussions/handlers'
import { gradingHandlers } from './domains/grading/handlers'
import { importHandlers } from './domains/import/handlers'
import { progressHandlers } from './domains/progress/handlers'
import { announcementHandlers } from './domains/announcements/handlers'
import { badgeHandlers } from './domains/badges/handlers'
import { categoryHandlers } from './domains/categories/handlers'
import { couponHandlers } from './domains/coupons/handlers'
import { accredibleHandlers } from './domains/accredible/handlers'
import { twoFactorHandlers } from './domains/two-factor/handlers'
import { userFieldHandlers } from './domains/user-fields/handlers'
import { userAddressHandlers } from './domains/user-addresses/handlers'
import { userReportHandlers } from './domains/user-reports/handlers'
import { userAccountHandlers } from './domains/user-account/handlers'
import { courseAdminHandlers } from './domains/course-admin/handlers'
import { courseReportHandlers } from './domains/course-reports/handlers'

/** Every domain's handlers (exported for the test that every declared list is a defineList). */
export const ENGINE_HANDLERS = [
  userHandlers,
  courseHandlers,
  progressHandlers,
  assignmentHandlers,
  discussionHandlers,
  gradingHandlers,
  auditHandlers,
  appHandlers,
  importHandlers,
  classHandlers,
  attendanceHandlers,
  pickerHandlers,
  announcementHandlers,
  badgeHandlers,
  categoryHandlers,
  couponHandlers,
  accredibleHandlers,
  twoFactorHandlers,
  userFieldHandlers,
  userAddressHandlers,
  userReportHandlers,
  userAccountHandlers,
  courseAdminHandlers,
  courseReportHandlers,
  certificateHandlers,
  candidateHandlers,
]
