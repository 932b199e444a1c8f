// The courses domain's public module: course reads, a course's modules, enrolling students and
// a free course slug, which other domains (progress, reports, certificates, imports) use.
export { ENROLLED_STUDENT_ORDER, ENROLLMENT_COLUMNS, enrolledStudentFilters, enrolledStudentsScope, enrollmentDates, missingCourseIds, requireCourse } from './queries'
export { listModules, type PlacedModule } from './modules'
export { courseEnrollments, enrollUsers, removeEnrollments, splitByEnrollments } from './enrollment'
export { freeSlug } from './handlers'
