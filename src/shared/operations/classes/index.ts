// Class group: instructor-led class sessions of a course, learners registered in them and
// their attendance (Registered, Attended, No Show, Cancelled), plus the class operations the
// Users and Courses groups document. Attendance-screen extras are in ../attendance.ts.
import { classesCreate, classesCourseClasses, classesDelete, classesDeleteCourseClasses, classesEdit, classesSchedules, classesTabularList, classesUpdate, coursesLocationsLookup } from './sessions'
import { classesAssignCertificate, classesEnroll, classesEnrolledStudents, classesRemove, classesUpdateStatus, usersUpdateClassStatus } from './roster'
import { classesStudyMaterial, classesWebinarDetails, classesWebinarLaunch, usersEnrolledClasses } from './registrations'
import { classesDetailedReport, classesOverviewReport, usersClassReports } from './reports'

export { CLASS_STATUSES, classStatus, dateTime, DAY_NAMES, recurrenceSchema, type ClassStatus, type Recurrence } from './fields'
export * from './sessions'
export * from './roster'
export * from './registrations'
export * from './reports'

export const classOperations = [
  classesTabularList,
  classesSchedules,
  classesCreate,
  classesEdit,
  classesUpdate,
  classesCourseClasses,
  classesEnroll,
  classesEnrolledStudents,
  classesUpdateStatus,
  classesRemove,
  classesAssignCertificate,
  classesStudyMaterial,
  classesDelete,
  classesDeleteCourseClasses,
  classesWebinarDetails,
  classesWebinarLaunch,
  classesDetailedReport,
  classesOverviewReport,
  usersUpdateClassStatus,
  usersEnrolledClasses,
  usersClassReports,
  coursesLocationsLookup,
] as const
