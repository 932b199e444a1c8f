// The course administration domain's public module: enrolling a new user into the courses
// marked auto-enroll, which user/create runs.
export { enrollIntoAutoEnrollCourses } from './handlers'
