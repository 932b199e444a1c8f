// Every documented answer sync reads, with the schema it is decoded by. Each names its
// documented route; a record reads only keys that route's documented example has
// (test/sync/decoders.test.ts walks these shapes against ../shared/api/endpoints.json).
// `answer`: the whole answer; `record`: each element of its `records` list (a list
// page) or of the answer itself (a list answer); `elements`: elements of a nested list.
import { z } from 'zod'
import {
  idList,
  knownText,
  nullableText,
  optionalBoolean,
  optionalDate,
  optionalList,
  optionalNumber,
  optionalServerId,
  optionalText,
  requiredText,
  serverId,
} from './kit'
import { DURATION_RULES, GRADING_RULES } from '../../../shared/operations/courses'

export interface AnswerDecoder {
  route: string
  /** The whole answer, when it is an object sync reads. */
  answer?: z.ZodObject
  /** Each element of `records` (a list page) or of the answer (a list answer). */
  record?: z.ZodObject
  /** The answer is a list (no `records` around it). */
  list?: true
  /** Elements of lists inside the answer, by key. */
  elements?: Record<string, z.ZodObject>
}

const email = requiredText.transform((s) => s.toLowerCase()).pipe(z.string().regex(/^[^\s@]+@[^\s@]+$/, 'not an email'))
/** An email as the server wrote it (case kept), for storing. */
const emailAsWritten = requiredText.pipe(z.string().regex(/^[^\s@]+@[^\s@]+$/, 'not an email'))

export const ANSWERS = {
  users: {
    route: 'GET api/users/tabularlist',
    record: z.object({ id: serverId, first_name: optionalText, last_name: optionalText, email: emailAsWritten, user_type: optionalText, created_at: optionalDate }),
  },
  user: {
    route: 'GET api/user/{id}',
    answer: z.object({ firstName: optionalText, lastName: optionalText, email: emailAsWritten, lastLoggedIn: optionalText, avatar: optionalText, disabled: optionalBoolean }),
  },
  /** Users with their last login as a date, no id (matched by email). */
  usersReport: {
    route: 'GET api/users/report',
    record: z.object({ email, last_login: optionalDate }),
  },
  usersLookup: {
    route: 'GET api/users/lookup',
    list: true,
    record: z.object({ id: serverId, email }),
  },
  courses: {
    route: 'GET api/courses/tabularlist',
    record: z.object({ id: serverId, name: requiredText, slug: requiredText, status: optionalText }),
  },
  course: {
    route: 'GET api/course/{id}',
    answer: z.object({
      name: requiredText,
      slug: requiredText,
      status: optionalText,
      instructions: nullableText,
      credits: optionalNumber.transform((n) => (n === null ? null : Math.trunc(n))),
      minPassingPercentage: optionalNumber,
      gradingRule: knownText(GRADING_RULES),
      durationRule: knownText(DURATION_RULES),
      durationSpecificDate: optionalDate,
      durationDays: optionalNumber.transform((n) => (n !== null && n >= 1 ? Math.trunc(n) : null)),
      certificateTemplates: idList,
      categories: idList,
      gradeModules: idList,
      modules: optionalList,
    }),
    elements: {
      modules: z.object({
        module_id: serverId,
        name: optionalText,
        type: requiredText,
        icon: optionalText,
        is_locked: optionalBoolean,
        drip_rules: optionalText,
        drip_fixed_date: nullableText,
        drip_interval: optionalNumber,
        drip_interval_unit: optionalText,
        drip_calculation_reference: optionalText,
        minSpentHour: optionalNumber,
        minSpentMinutes: optionalNumber,
      }),
    },
  },
  /** A course's learners with their progress: enrollments without their ids (see enrollmentsOfUser). */
  courseReport: {
    route: 'GET api/course/reports/course-detailed',
    record: z.object({
      email,
      status: optionalText,
      percent_complete: optionalNumber,
      access_status: optionalText,
      registered_on: optionalDate,
      started_on: optionalDate,
      completed_on: optionalDate,
    }),
  },
  /** One learner's enrollments, with their ids. */
  enrollmentsOfUser: {
    route: 'GET api/users/enrolled-courses',
    record: z.object({ id: serverId, courseId: serverId, status: optionalText, accessStatus: optionalText, percentComplete: optionalNumber }),
  },
  assignments: {
    route: 'GET api/modules/assignment',
    record: z.object({ id: serverId, name: requiredText, slug: optionalText, submissionType: optionalText, totalPoints: optionalNumber, icon: optionalText }),
  },
  assignment: {
    route: 'GET api/modules/assignment/{id}',
    answer: z.object({ name: requiredText, slug: optionalText, content: optionalText, totalPoints: optionalNumber, submission_type: optionalText, allowed_filetypes: optionalList }),
  },
  discussions: {
    route: 'GET api/modules/discussion',
    record: z.object({ id: serverId, name: requiredText, slug: optionalText, totalPoints: optionalNumber, icon: optionalText }),
  },
  discussion: {
    route: 'GET api/modules/discussion/{id}',
    answer: z.object({ name: requiredText, slug: optionalText, content: optionalText, totalPoints: optionalNumber, should_be_evaluated: optionalBoolean, minComments: optionalNumber }),
  },
  courseCategories: { route: 'GET api/coursecategory/tabularlist', record: z.object({ id: serverId, name: requiredText }) },
  moduleCategories: { route: 'GET api/modulecategory/tabularlist', record: z.object({ id: serverId, name: requiredText }) },
  productCategories: { route: 'GET api/productcategory/tabularlist', record: z.object({ id: serverId, name: requiredText }) },
  questionCategories: { route: 'GET api/questioncategory/tabularlist', record: z.object({ id: serverId, name: requiredText }) },
  userCategories: { route: 'GET api/categories/user/lookup', list: true, record: z.object({ id: serverId, name: requiredText }) },
  templates: { route: 'GET api/certificate_templates/tabularlist', record: z.object({ id: serverId, name: requiredText }) },
  template: {
    route: 'GET api/certificate_template/{id}',
    answer: z.object({ name: requiredText, bg_url: nullableText, height: optionalNumber, width: optionalNumber, fields: optionalList }),
  },
  /** Learners' latest work per module of a course: which status rows exist, and whose. */
  submissions: {
    route: 'GET api/course/submissions',
    record: z.object({
      status_row_id: serverId,
      module_id: serverId,
      module_type: optionalText,
      email,
      submission_id: optionalServerId,
      submitted_on: optionalText,
    }),
  },
  /** One status row in full: every attempt with its evaluation. */
  submissionRow: {
    route: 'GET api/module/assignment/submissions',
    answer: z.object({ courseId: optionalServerId, status: optionalText, totalPoints: optionalNumber, submissions: optionalList }),
    elements: {
      submissions: z.object({
        id: serverId,
        file_path: nullableText,
        student_message: nullableText,
        instructor_message: nullableText,
        points_awarded: optionalNumber,
        evaluated_by: optionalText,
        submitted_on: optionalDate,
        evaluated_on: optionalDate,
      }),
    },
  },
  /** A learner's modules of one enrollment, with their status row ids (-1: none yet). */
  assignmentDetails: {
    route: 'GET api/module/assignment/details',
    answer: z.object({ otherModules: optionalList }),
    elements: { otherModules: z.object({ module_id: serverId, status_row_id: optionalServerId, status: optionalText }) },
  },
  schedules: {
    route: 'GET api/class/get-class-schedules',
    answer: z.object({ classes: optionalList }),
    elements: {
      classes: z.object({
        id: serverId,
        location_id: optionalServerId,
        location: optionalText,
        instructor_id: optionalServerId,
        instructor: optionalText,
        start_time: optionalDate,
      }),
    },
  },
  classDetails: {
    route: 'GET api/class/edit',
    answer: z.object({
      classDetails: z.object({
        courseId: optionalServerId,
        startTime: optionalDate,
        endTime: optionalDate,
        location: optionalServerId,
        instructor: optionalServerId,
        allowDownload: optionalBoolean,
        webinarProvider: nullableText,
        zoom_meeting_id: nullableText,
        zoom_host_pwd: nullableText,
      }),
    }),
  },
  /** A class's registrations counted by status (the reference documents no element of its `records`). */
  classCounts: {
    route: 'GET api/class/enrolled-students',
    answer: z.object({ recordsTotal: optionalNumber, totalAttended: optionalNumber, totalNoShow: optionalNumber, totalCancelled: optionalNumber }),
  },
  /** One learner's class registrations, with their ids. */
  classesOfUser: {
    route: 'GET api/users/enrolled-classes',
    record: z.object({ id: serverId, classId: serverId, courseId: optionalServerId, status: optionalText }),
  },
  accredibleGroups: {
    route: 'GET api/accredible/group/lookup',
    answer: z.object({ data: optionalList }),
    elements: { data: z.object({ id: serverId, name: requiredText }) },
  },
  announcements: { route: 'GET api/announcement/tabularlist', record: z.object({ id: serverId, heading: requiredText }) },
  badges: { route: 'GET api/badges/tabularlist', record: z.object({ id: serverId, title: requiredText }) },
  coupons: { route: 'GET api/coupons/tabularlist', record: z.object({ id: serverId, code: requiredText }) },
  certificatesOfUser: { route: 'GET api/user-certificates/{id}', record: z.object({ id: serverId, courseId: serverId }) },
  addressesOfUser: {
    route: 'GET api/user/userAddress/{id}',
    list: true,
    record: z.object({
      id: serverId,
      fullName: optionalText,
      addressLine1: optionalText,
      addressLine2: optionalText,
      zipcode: optionalText,
      city: optionalText,
      state: optionalText,
      country: optionalText,
    }),
  },
} satisfies Record<string, AnswerDecoder>

export type AnswerName = keyof typeof ANSWERS
