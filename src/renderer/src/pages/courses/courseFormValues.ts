// The course form's values and how they map to and from the engine's course shape.
import type { CourseDetails, COURSE_STATUSES } from '../../../../shared/operations/courses'
import type { OpInput } from '../../../../shared/operations/index'

export interface CourseValues {
  name: string
  slug: string
  status: (typeof COURSE_STATUSES)[number]
  courseType: string
  gradingRule: string
  minPassingPercentage: number | string
  durationRule: string
  durationSpecificDate: string
  durationDays: number | string
  credits: number | string
  instructions: string
}

export const EMPTY_COURSE: CourseValues = {
  name: '',
  slug: '',
  status: 'draft',
  courseType: 'self_paced',
  gradingRule: 'no_grading',
  minPassingPercentage: '',
  durationRule: 'unlimited',
  durationSpecificDate: '',
  durationDays: '',
  credits: '',
  instructions: '',
}

export const COURSE_FIELDS = [
  'name',
  'slug',
  'status',
  'courseType',
  'gradingRule',
  'minPassingPercentage',
  'durationRule',
  'durationSpecificDate',
  'durationDays',
  'credits',
  'instructions',
] as const

export function valuesFromCourse(c: CourseDetails): CourseValues {
  return {
    name: c.name,
    slug: c.slug,
    status: c.status === 'publish' ? 'publish' : 'draft',
    courseType: c.courseType,
    gradingRule: c.gradingRule,
    minPassingPercentage: c.minPassingPercentage ?? '',
    durationRule: c.durationRule,
    durationSpecificDate: c.durationSpecificDate?.slice(0, 10) ?? '',
    durationDays: c.durationDays ?? '',
    credits: c.credits ?? '',
    instructions: c.instructions ?? '',
  }
}

type CourseBody = OpInput<'courses.create'>

/**
 * The body for courses.create, or for courses.update on top of the loaded course: the
 * update replaces every scalar, so fields this form does not show are sent back as loaded.
 */
export function courseBody(v: CourseValues, loaded: CourseDetails | null): CourseBody {
  const usesDate = v.durationRule === 'on_specific_date'
  const usesDays = v.durationRule === 'x_days_after_start' || v.durationRule === 'x_days_after_enrollment'
  const kept: Partial<CourseBody> = loaded
    ? {
        featuredImageUrl: loaded.featuredImageUrl,
        completionRedirectionUrl: loaded.completionRedirectionUrl,
        certificateExpiresAfter: loaded.certificateExpiresAfter,
        certificateExpiresAfterGracePeriod: loaded.certificateExpiresAfterGracePeriod,
      }
    : {}
  return {
    ...kept,
    name: v.name,
    slug: v.slug,
    status: v.status,
    courseType: v.courseType as CourseBody['courseType'],
    gradingRule: v.gradingRule as CourseBody['gradingRule'],
    minPassingPercentage: v.gradingRule === 'no_grading' ? null : v.minPassingPercentage === '' ? null : Number(v.minPassingPercentage),
    durationRule: v.durationRule as CourseBody['durationRule'],
    durationSpecificDate: usesDate ? v.durationSpecificDate || null : null,
    durationDays: usesDays ? (v.durationDays === '' ? null : Number(v.durationDays)) : null,
    credits: v.credits === '' ? null : Number(v.credits),
    instructions: v.instructions.trim() ? v.instructions : null,
  }
}
