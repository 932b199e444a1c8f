// The reports domain's public module: the enrollment facts both the user and course reports show.
export { certificateHolders, enrollmentTotals, hoursMinutesText, timeSpentByEnrollment } from './enrollment-facts'
