// The demo world: the records the API reference's examples name (users 1-4, "course 1"
// with id 1, enrollments 1 and 6, ...) plus enough realistic, deterministic data that
// every screen has something real to show. Seeded only into an empty, separate folder.
import type { Sql } from '../db/sql'
import { hashPassword } from '../password'
import { seedGrading } from './seed-grading'
import { seedClasses } from './seed-classes'
import { seedCatalog } from './seed-catalog'
import { seedAdmin } from './seed-admin'
import { seedCertificates } from './seed-certificates'

function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FIRST = ['Amara', 'Ben', 'Chloé', 'Daniel', 'Emma', 'Farid', 'Grace', 'Hiro', 'Isla', 'José', 'Kofi', 'Lena', 'Łukasz', 'Maya', 'Noah', 'Olivia', 'Priya', 'Quinn', 'Rafael', 'Sofia', 'Tomás', 'Uma', 'Victor', 'Wen', 'Xavier', 'Yara', 'Zoë', 'Aisha', 'Bruno', 'Clara', 'Dmitri', 'Elif', 'Fatima', 'Gustav', 'Hana', 'Ivan', 'Jana', 'Karim', 'Lucía', 'Mateo', 'Nadia', 'Oscar']
const LAST = ['Okafor', 'Carter', 'Dubois', 'Kim', 'Schmidt', 'Haddad', 'Nguyen', 'Tanaka', 'Murphy', 'García', 'Mensah', 'Novak', 'Kowalski', 'Patel', 'Williams', 'Rossi', 'Sharma', 'Byrne', 'Silva', 'Andersson', 'Fernández', 'Iyer', 'Petrov', 'Wang', 'Moreau', 'Haddad', 'Jensen', 'Rahman', 'Costa', 'Bauer', 'Volkov', 'Yılmaz', 'Hassan', 'Lind', 'Sato', 'Horvat', 'Dvořák', 'Aziz', 'Romero', 'López', 'Ali', 'Berg']

const emailOf = (first: string, last: string, n: number) =>
  `${first}.${last}.${n}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ı/g, 'i')
    .toLowerCase() + '@example.org'

interface SeedUser {
  id: number
  first: string
  last: string
  email: string
  type: string
  created: string
  lastLogin: string | null
}

export function seedDemoWorld(sql: Sql, now: Date, dataDir: string): void {
  const random = prng(20200803)
  const daysAgo = (d: number, h = 9) => new Date(now.getTime() - d * 86_400_000 - h * 3_600_000).toISOString()
  // One hash shared by the demo accounts keeps seeding fast; the password is in the README.
  const demoHash = hashPassword('demo-password')

  const users: SeedUser[] = [
    { id: 1, first: 'Aom', last: 'Staff', email: 'staff@demo.aomlms.com', type: 'admin', created: '2020-08-03T09:30:00.000Z', lastLogin: daysAgo(0, 0.02) },
    { id: 2, first: 'Client', last: 'Admin', email: 'admin@demo.aomlms.com', type: 'owner', created: '2020-08-03T09:31:00.000Z', lastLogin: null },
    { id: 3, first: 'Demo', last: 'Student', email: 'student@demo.aomlms.com', type: 'general', created: '2020-08-03T09:31:30.000Z', lastLogin: daysAgo(5) },
    { id: 4, first: 'John', last: 'Doe', email: 'john.doe@demo.aomlms.com', type: 'general', created: '2020-08-06T07:20:00.000Z', lastLogin: daysAgo(2) },
    { id: 5, first: 'Nora', last: 'Lindqvist', email: 'nora.lindqvist@demo.aomlms.com', type: 'staff', created: '2021-02-11T10:00:00.000Z', lastLogin: daysAgo(1) },
    { id: 6, first: 'Sam', last: 'Okoye', email: 'sam.okoye@demo.aomlms.com', type: 'staff', created: '2021-05-20T10:00:00.000Z', lastLogin: daysAgo(3) },
    { id: 7, first: 'Priya', last: 'Raman', email: 'priya.raman@demo.aomlms.com', type: 'group_admin', created: '2022-01-09T10:00:00.000Z', lastLogin: null },
  ]
  FIRST.forEach((first, i) => {
    const last = LAST[(i * 7) % LAST.length]
    const created = daysAgo(400 - i * 8)
    users.push({
      id: users.length + 1,
      first,
      last,
      email: emailOf(first, last, i + 1),
      type: 'general',
      created,
      lastLogin: random() < 0.2 ? null : daysAgo(Math.floor(random() * 60), Math.floor(random() * 20)),
    })
  })
  // Names the certificate and import work must handle: non-Latin scripts.
  users.push({ id: users.length + 1, first: '芳', last: '王', email: 'wang.fang@example.org', type: 'general', created: daysAgo(30), lastLogin: daysAgo(4) })

  for (const u of users) {
    sql.run(
      sql.qb.insertInto('users').values({
        id: u.id,
        first_name: u.first,
        last_name: u.last,
        email: u.email,
        email_key: u.email.toLowerCase(),
        password_hash: demoHash,
        user_type: u.type,
        disabled: u.id === users.length - 3 ? 1 : 0,
        custom_user_metas: '[]',
        last_login_at: u.lastLogin,
        created_at: u.created,
        updated_at: u.created,
      }),
    )
    sql.run(
      sql.qb.insertInto('audit_activities').values({
        performed_by_id: 1,
        performed_by: 'Aom Staff',
        effect_on: 'User',
        subject: 'User',
        subject_id: u.id,
        action: 'Created',
        details: '[]',
        created_at: u.created,
      }),
    )
  }

  const categories = [
    { id: 1, name: 'Compliance', type: 'course' },
    { id: 2, name: 'Health & Safety', type: 'course' },
    { id: 3, name: 'Soft Skills', type: 'course' },
    { id: 4, name: 'Onboarding', type: 'course' },
  ]
  for (const c of categories) sql.run(sql.qb.insertInto('categories').values({ ...c, created_at: '2020-08-01T08:00:00.000Z' }))

  const courses = [
    { id: 1, name: 'course 1', slug: 'course-1', status: 'publish', type: 'self_paced', grading: 'no_grading', created: '2020-08-03T09:08:00.000Z', author: 1, categories: [], certificates: [1], expires: null },
    { id: 2, name: 'Workplace Safety Essentials', slug: 'workplace-safety-essentials', status: 'publish', type: 'self_paced', grading: 'avg_all_modules', created: '2021-03-01T09:00:00.000Z', author: 5, categories: [1, 2], certificates: [1], expires: 12 },
    { id: 3, name: 'First Aid at Work', slug: 'first-aid-at-work', status: 'publish', type: 'instructor_led', grading: 'avg_specific_modules', created: '2021-06-14T09:00:00.000Z', author: 6, categories: [2], certificates: [1], expires: 36 },
    { id: 4, name: 'Customer Service Excellence', slug: 'customer-service-excellence', status: 'draft', type: 'self_paced', grading: 'no_grading', created: '2022-02-02T09:00:00.000Z', author: 5, categories: [3], certificates: [], expires: null },
    { id: 5, name: 'Data Protection Basics', slug: 'data-protection-basics', status: 'publish', type: 'self_paced', grading: 'avg_all_modules', created: '2022-09-19T09:00:00.000Z', author: 1, categories: [1, 4], certificates: [1], expires: 24 },
    { id: 6, name: 'Induction Basics', slug: 'induction-basics', status: 'publish', type: 'self_paced', grading: 'no_grading', created: '2023-01-07T07:49:00.000Z', author: 1, categories: [4], certificates: [], expires: null },
  ]
  const icons: Record<string, string> = { text: 'el-icon-tickets', video: 'el-icon-video-play', assignment: 'el-icon-edit-outline', quiz: 'el-icon-discover', discussion: 'el-icon-chat-line-round', class: 'el-icon-date' }
  // The module library. Ids 1-13 are the ones the reference's examples name.
  type SeedModule = { id: number; name: string; type: string; content?: string; points?: number; submission?: 'text' | 'file'; filetypes?: string[]; evaluated?: boolean; minComments?: number }
  const library: SeedModule[] = [
    { id: 1, name: 'test', type: 'text', content: 'Welcome to the course.' },
    { id: 2, name: 'assignment 1', type: 'assignment', content: 'Hola', points: 100, submission: 'text' },
    { id: 4, name: 'assign', type: 'assignment', content: 'Desc', points: 50, submission: 'file', filetypes: ['pdf', 'image'] },
    { id: 7, name: 'First-quiz', type: 'quiz' },
    { id: 9, name: 'My-video-lesson', type: 'video' },
    { id: 10, name: 'Essay on LMS', type: 'assignment', content: 'A brief description', points: 25, submission: 'text' },
    { id: 13, name: 'First-discussion', type: 'discussion', content: 'A brief description', points: 20, evaluated: true, minComments: 3 },
    { id: 14, name: 'Hazards around you', type: 'text', content: 'Spot the hazards in your workplace.' },
    { id: 15, name: 'Manual handling', type: 'video' },
    { id: 16, name: 'Risk assessment task', type: 'assignment', content: 'Write a risk assessment for one task you do every week.', points: 40, submission: 'text' },
    { id: 17, name: 'Safety quiz', type: 'quiz' },
    { id: 18, name: 'Share a near miss', type: 'discussion', content: 'Describe a near miss and what changed after it.', points: 10, evaluated: true, minComments: 2 },
    { id: 19, name: 'Before the class', type: 'text', content: 'What to bring to the practical session.' },
    { id: 20, name: 'CPR practical', type: 'class' },
    { id: 21, name: 'Scenario write-up', type: 'assignment', content: 'Describe how you would respond to the scenario shown in class.', points: 30, submission: 'file', filetypes: ['pdf', 'image', 'text'] },
    { id: 22, name: 'Final check', type: 'quiz' },
    { id: 23, name: 'Listening well', type: 'video' },
    { id: 24, name: 'Difficult conversations', type: 'discussion', content: 'How do you calm an upset customer?', points: 0, evaluated: false },
    { id: 25, name: 'What is personal data', type: 'text', content: 'Personal data is any information about an identifiable person.' },
    { id: 26, name: 'Breach report exercise', type: 'assignment', content: 'Report the breach described in the brief.', points: 20, submission: 'text' },
    { id: 27, name: 'GDPR quiz', type: 'quiz' },
  ]
  const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  for (const m of library) {
    sql.run(
      sql.qb.insertInto('modules').values({
        id: m.id,
        name: m.name,
        slug: slugOf(m.name),
        type: m.type,
        icon: `<i class="${icons[m.type] ?? 'el-icon-tickets'}"></i>`,
        content: m.content ?? null,
        total_points: m.points ?? null,
        submission_type: m.submission ?? null,
        allowed_filetypes: JSON.stringify(m.filetypes ?? []),
        should_be_evaluated: m.evaluated ? 1 : 0,
        min_comments: m.minComments ?? null,
        author_id: 1,
        created_at: '2020-08-09T07:25:00.000Z',
        updated_at: '2020-08-09T07:25:00.000Z',
      }),
    )
  }
  const placements: Record<number, number[]> = { 1: [1, 2, 4, 7, 9, 10, 13], 6: [1, 9], 2: [14, 15, 16, 17, 18], 3: [19, 20, 21, 22], 4: [23, 24], 5: [25, 26, 2, 27] }
  const typeOf = new Map(library.map((m) => [m.id, m.type]))
  for (const c of courses) {
    sql.run(
      sql.qb.insertInto('courses').values({
        id: c.id,
        name: c.name,
        slug: c.slug,
        status: c.status,
        course_type: c.type,
        instructions: c.id === 1 ? null : `Work through the modules of ${c.name} in order.`,
        featured_image_url: null,
        completion_redirection_url: null,
        credits: c.id === 1 ? null : 10 * c.id,
        min_passing_percentage: c.id === 1 ? null : 70,
        grading_rule: c.grading,
        duration_rule: 'unlimited',
        duration_specific_date: null,
        duration_days: null,
        certificate_templates: JSON.stringify(c.certificates),
        certificate_expires_after: c.expires,
        certificate_expires_after_grace_period: c.expires ? 30 : null,
        author_id: c.author,
        created_at: c.created,
        updated_at: c.created,
      }),
    )
    for (const categoryId of c.categories) sql.run(sql.qb.insertInto('course_categories').values({ course_id: c.id, category_id: categoryId }))
    placements[c.id].forEach((moduleId, position) => {
      const type = typeOf.get(moduleId) ?? 'text'
      sql.run(
        sql.qb.insertInto('course_modules').values({
          course_id: c.id,
          module_id: moduleId,
          position,
          is_locked: 0,
          drip_rules: 'immediately',
          drip_fixed_date: null,
          drip_interval: null,
          drip_interval_unit: 'day',
          drip_calculation_reference: 'registration_date',
          min_spent_hour: 0,
          min_spent_minutes: 0,
          is_grade_module: c.grading === 'avg_specific_modules' && (type === 'assignment' || type === 'quiz') ? 1 : 0,
        }),
      )
    })
    sql.run(
      sql.qb.insertInto('audit_activities').values({
        performed_by_id: c.author,
        performed_by: users[c.author - 1] ? `${users[c.author - 1].first} ${users[c.author - 1].last}` : 'Aom Staff',
        effect_on: 'Course',
        subject: 'Course',
        subject_id: c.id,
        action: 'Created',
        details: '[]',
        created_at: c.created,
      }),
    )
  }

  const nameOf = (id: number) => `${users[id - 1].first} ${users[id - 1].last}`
  const activity = (courseId: number, userId: number, verb: string, message: string, at: string) =>
    sql.run(
      sql.qb.insertInto('course_activities').values({ course_id: courseId, user_id: userId, student_name: nameOf(userId), verb, message, created_at: at }),
    )
  const enroll = (
    id: number | undefined,
    courseId: number,
    userId: number,
    status: 'Not Started' | 'In Progress' | 'Completed',
    registered: string,
    access: 'Allowed' | 'Revoked' = 'Allowed',
  ) => {
    const course = courses[courseId - 1]
    const started = status === 'Not Started' ? null : new Date(new Date(registered).getTime() + 3_600_000).toISOString()
    const completed = status === 'Completed' ? new Date(new Date(registered).getTime() + 2 * 3_600_000).toISOString() : null
    const percent = status === 'Completed' ? 100 : status === 'In Progress' ? Math.round(10 + random() * 80) : 0
    sql.run(
      sql.qb.insertInto('enrollments').values({
        ...(id ? { id } : {}),
        course_id: courseId,
        user_id: userId,
        group_id: null,
        status,
        percent_complete: percent,
        access_status: access,
        registered_at: registered,
        started_at: started,
        completed_at: completed,
        expire_at: null,
        last_accessed_at: completed ?? started,
      }),
    )
    activity(courseId, userId, 'ENROLLED', `${nameOf(userId)} is enrolled to ${course.name}`, registered)
    if (started) activity(courseId, userId, 'STARTED', `${nameOf(userId)} has started ${course.name}`, started)
    if (completed) activity(courseId, userId, 'COMPLETED', `${course.name} was completed`, completed)
  }

  // The documented enrollments of course 1: Demo Student (id 1, completed) and John Doe (id 6).
  enroll(1, 1, 3, 'Completed', '2020-08-03T10:00:00.000Z')
  enroll(6, 1, 4, 'Not Started', '2020-08-09T08:00:00.000Z')
  // Ids 7 and 8 are course 1's too: the documented course/remove/1 example removes enrollments [8, 7].
  enroll(7, 1, 8, 'In Progress', daysAgo(20))
  enroll(8, 1, 9, 'Not Started', daysAgo(12))
  // The documented courses/launch?registrationId=12 example opens a course not yet started.
  enroll(12, 6, 10, 'Not Started', daysAgo(6))
  const statuses = ['Not Started', 'In Progress', 'Completed'] as const
  const students = users.filter((u) => u.type === 'general' && u.id > 4)
  students.forEach((u, i) => {
    for (const courseId of [2, 3, 5]) {
      if ((i + courseId) % 4 === 0) continue
      const status = statuses[Math.floor(random() * 3)]
      enroll(undefined, courseId, u.id, status, daysAgo(120 - i * 2 - courseId), i % 17 === 5 && courseId === 5 ? 'Revoked' : 'Allowed')
    }
  })
  enroll(undefined, 2, 3, 'In Progress', daysAgo(40))
  enroll(undefined, 2, 4, 'Completed', daysAgo(35))
  // The documented course-progress/edit/6?userId=3 example.
  enroll(undefined, 6, 3, 'Not Started', daysAgo(10))
  seedGrading(sql, dataDir, now, random)
  seedCatalog(sql, now)
  seedClasses(sql, now)
  seedCertificates(sql, now, dataDir)
  // Keep last: it reads rows the other seeds made (badges).
  seedAdmin(sql, now)
}
