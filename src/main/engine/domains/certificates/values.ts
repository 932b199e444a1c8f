// The values a certificate prints, from real rows. Names, course and instructor are frozen
// with an issued certificate; the dates come from its row (the issue date can be changed).
import type { Sql } from '../../db/sql'
import type { CourseRow, UserRow } from '../../db/schema'
import { dateText } from '../../format'
import { documentDate } from '../../documents'
import { DEFAULT_LOCALE, type Locale } from '../../../../shared/i18n/locales'
import { fullName, userNameOf } from '../users/index'

export type CertificateValues = Record<string, string>

/** Values that do not depend on the dates: what an issued certificate freezes. */
export function frozenValues(sql: Sql, user: Pick<UserRow, 'first_name' | 'last_name'>, course: Pick<CourseRow, 'name' | 'credits' | 'author_id'>, code: string): CertificateValues {
  const author = course.author_id
    ? sql.first(userNameOf(course.author_id))
    : undefined
  return {
    student_first_name: user.first_name,
    student_last_name: user.last_name,
    student_full_name: fullName(user),
    course_name: course.name,
    instructor_name: author ? fullName(author) : '',
    certificate_code: code,
    course_credit: course.credits === null ? '' : String(course.credits),
  }
}

/**
 * The frozen values with the dates of the certificate's row, written in the chosen language:
 * English as the hosted LMS prints them ("Jan 31, 2024"), the others as their speakers write
 * a date in full ("31 janvier 2024").
 */
export function withDates(values: CertificateValues, issuedAt: string, expiresAt: string | null, locale: Locale = DEFAULT_LOCALE): CertificateValues {
  const date = (iso: string) => (locale === DEFAULT_LOCALE ? dateText(iso) : documentDate(locale, iso, 'longDate'))
  return { ...values, issue_date: date(issuedAt), expiry_date: expiresAt ? date(expiresAt) : '' }
}

/** Issue date plus the course's certificateExpiresAfter months; null when certificates never expire. */
export function expiryOf(issuedAt: Date, months: number | null): string | null {
  if (!months || months <= 0) return null
  const d = new Date(issuedAt.getTime())
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  // Jan 31 + 1 month is the last day of February, not March 3.
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, lastDay))
  return d.toISOString()
}

/** What the preview prints when no real learner is chosen. */
export const SAMPLE_VALUES: CertificateValues = {
  student_first_name: 'Zoë',
  student_last_name: 'Kowalski',
  student_full_name: 'Zoë Łukasz Kowalski',
  course_name: 'Sample Course',
  instructor_name: 'Aom Staff',
  certificate_code: 'SAMPLE-0000-0000',
  course_credit: '10',
}
