// Demo classes: the locations, instructors, classes and registrations the Class group's
// documented examples name (classes 1, 2, 56, 57; registrations 2, 3 and 11; instructors 2,
// 6 and 8; courses 19 and 34), and today's 40-learner class for the Attendance screen.
import type { Sql } from '../db/sql'

type Status = 'Registered' | 'Attended' | 'No Show' | 'Cancelled'

export function seedClasses(sql: Sql, now: Date): void {
  const created = new Date(now.getTime() - 30 * 86_400_000).toISOString()
  seedPlacesAndInstructors(sql, created)
  seedClassCourses(sql)
  seedSessions(sql, now, created)
  seedRegistrations(sql, created)
}

function seedPlacesAndInstructors(sql: Sql, created: string): void {
  const locations = [
    { id: 1, name: 'Virtual', address: null },
    { id: 2, name: 'Cherry Hill', address: '1 Cherry Hill Plaza, NJ' },
    { id: 3, name: 'New Jersey Training Centre', address: '200 Market St, Newark, NJ' },
    { id: 4, name: 'Riverside Community Hall', address: '14 River Rd' },
  ]
  for (const l of locations) sql.run(sql.qb.insertInto('locations').values({ ...l, created_at: created }))

  const instructors = [
    { id: 1, user_id: 1, name: 'Aom Staff', email: 'staff@demo.aomlms.com' },
    { id: 2, user_id: 5, name: 'Nora Lindqvist', email: 'nora.lindqvist@demo.aomlms.com' },
    { id: 6, user_id: 6, name: 'Sam Okoye', email: 'sam.okoye@demo.aomlms.com' },
    { id: 8, user_id: 7, name: 'Priya Raman', email: 'priya.raman@demo.aomlms.com' },
  ]
  for (const i of instructors) sql.run(sql.qb.insertInto('instructors').values({ ...i, created_at: created }))
}

/** The instructor-led courses the reference's class examples name. */
function seedClassCourses(sql: Sql): void {
  for (const c of [
    { id: 19, name: 'Test ILT course', slug: 'test-ilt-course' },
    { id: 34, name: 'Professional Development', slug: 'professional-development' },
  ]) {
    sql.run(
      sql.qb.insertInto('courses').values({
        ...c,
        status: 'publish',
        course_type: 'instructor_led',
        instructions: `Attend a session of ${c.name} in person or online.`,
        featured_image_url: null,
        completion_redirection_url: null,
        credits: 5,
        min_passing_percentage: null,
        grading_rule: 'no_grading',
        duration_rule: 'unlimited',
        duration_specific_date: null,
        duration_days: null,
        certificate_templates: '[1]',
        certificate_expires_after: null,
        certificate_expires_after_grace_period: null,
        author_id: 1,
        created_at: '2023-12-20T09:00:00.000Z',
        updated_at: '2023-12-20T09:00:00.000Z',
      }),
    )
  }
}

function seedSessions(sql: Sql, now: Date, created: string): void {
  /** A local time `days` from today, so "today's class" is today wherever the demo runs. */
  const day = (days: number, hour: number, minute = 0) =>
    new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, minute).toISOString()
  const fixed = (y: number, m: number, d: number, h: number, mi = 0) => new Date(y, m - 1, d, h, mi).toISOString()
  const classes = [
    // Today's class: 40 learners, nobody marked yet.
    { id: 1, course: 1, start: day(0, 9), end: day(0, 17), location: 2, instructor: 2, material: [{ media_id: 2, name: 'first-aid-handbook.pdf', type: 'Documents' }] },
    { id: 2, course: 3, start: day(7, 10), end: day(7, 16), location: 3, instructor: 6 },
    { id: 3, course: 3, start: day(-1, 9), end: day(-1, 12), location: 3, instructor: 6, signedOffBy: { id: 5, name: 'Nora Lindqvist' } },
    { id: 4, course: 1, start: day(3, 14), end: day(3, 15, 30), location: 1, instructor: 8, webinar: 'zoom' },
    { id: 5, course: 2, start: day(14, 9), end: day(14, 13), location: 4, instructor: 2 },
    // Course 1's classes sit at Cherry Hill twice, then online: courses/locations/lookup answers positions 0 and 2.
    { id: 7, course: 1, start: day(2, 9), end: day(2, 12), location: 2, instructor: 2 },
    { id: 6, course: 19, start: day(1, 13), end: day(1, 17), location: 4, instructor: 1 },
    { id: 56, course: 34, start: fixed(2024, 1, 1, 9), end: fixed(2024, 1, 31, 21), location: 3, instructor: 8 },
    { id: 57, course: 34, start: fixed(2024, 1, 11, 21), end: fixed(2024, 1, 31, 4), location: 2, instructor: 2 },
    { id: 58, course: 19, start: fixed(2024, 1, 3, 10), end: fixed(2024, 1, 3, 16), location: 2, instructor: 6 },
    { id: 59, course: 19, start: fixed(2024, 1, 10, 10), end: fixed(2024, 1, 10, 16), location: 1, instructor: 6, webinar: 'zoom' },
  ]
  for (const c of classes) {
    const signed = 'signedOffBy' in c ? c.signedOffBy : undefined
    const signedAt = signed ? new Date(new Date(c.end).getTime() + 15 * 60_000).toISOString() : null
    sql.run(
      sql.qb.insertInto('classes').values({
        id: c.id,
        course_id: c.course,
        location_id: c.location,
        instructor_id: c.instructor,
        start_at: c.start,
        end_at: c.end,
        class_type: 'onetime',
        series_id: null,
        recurrence: null,
        webinar_provider: 'webinar' in c ? (c.webinar ?? null) : null,
        zoom_meeting_id: 'webinar' in c ? '72624398242' : null,
        zoom_host_pwd: null,
        allow_download: 0,
        disabled: 0,
        study_material: JSON.stringify('material' in c ? c.material : []),
        signed_off_at: signedAt,
        signed_off_by_id: signed?.id ?? null,
        signed_off_by: signed?.name ?? null,
        created_at: created,
        updated_at: created,
      }),
    )
    if (signed && signedAt) {
      sql.run(sql.qb.insertInto('class_session_events').values({ class_id: c.id, action: 'signed_off', by_id: signed.id, by_name: signed.name, reason: null, at: signedAt }))
    }
  }
}

function seedRegistrations(sql: Sql, created: string): void {
  const register = (id: number | undefined, classId: number, userId: number, status: Status = 'Registered', note: string | null = null) => {
    sql.run(
      sql.qb.insertInto('class_enrollments').values({
        ...(id ? { id } : {}),
        class_id: classId,
        user_id: userId,
        group_id: null,
        status,
        note,
        registered_at: created,
        status_updated_at: status === 'Registered' ? null : created,
        last_accessed_at: null,
        certificate_issued_at: null,
      }),
    )
  }
  // The documented registrations: 2 (class 2, removed and certified by the examples), 3 (class 1), 11 (a webinar).
  register(1, 2, 4)
  register(2, 2, 3)
  register(3, 1, 3)
  register(11, 4, 3)
  // Today's class: Demo Student and 39 more learners.
  for (let userId = 8; userId <= 46; userId++) register(undefined, 1, userId)
  for (let userId = 10; userId <= 15; userId++) register(undefined, 2, userId)
  const yesterday: Status[] = ['Attended', 'Attended', 'Attended', 'No Show', 'Attended', 'Cancelled', 'Attended', 'Attended', 'No Show', 'Attended', 'Attended', 'Attended']
  yesterday.forEach((status, i) => register(undefined, 3, 20 + i, status, i === 3 ? 'Called in sick' : i === 4 ? 'Arrived 20 minutes late' : null))
  for (let userId = 16; userId <= 19; userId++) register(undefined, 4, userId)
  for (let userId = 32; userId <= 37; userId++) register(undefined, 5, userId)
  for (let userId = 38; userId <= 42; userId++) register(undefined, 6, userId)
  register(undefined, 56, 8, 'Attended')
  register(undefined, 56, 9, 'No Show')
  register(undefined, 57, 3)
  register(undefined, 58, 10, 'Attended')
  register(undefined, 59, 11)
}
