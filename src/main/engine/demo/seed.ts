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
import { DEMO_COURSES, seedCourses } from './seed-courses'

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

type DaysAgo = (days: number, hours?: number) => string

export function seedDemoWorld(sql: Sql, now: Date, dataDir: string): void {
  const random = prng(20200803)
  const daysAgo: DaysAgo = (d, h = 9) => new Date(now.getTime() - d * 86_400_000 - h * 3_600_000).toISOString()
  const users = demoUsers(random, daysAgo)
  seedUsers(sql, users)
  seedCourses(sql, (id) => (users[id - 1] ? `${users[id - 1].first} ${users[id - 1].last}` : undefined))
  seedEnrollments(sql, users, random, daysAgo)
  seedGrading(sql, dataDir, now, random)
  seedCatalog(sql, now)
  seedClasses(sql, now)
  seedCertificates(sql, now, dataDir)
  // Keep last: it reads rows the other seeds made (badges).
  seedAdmin(sql, now)
}

/** The reference's users 1-4, staff, and a learner for each first name (random last logins, in a fixed sequence). */
function demoUsers(random: () => number, daysAgo: DaysAgo): SeedUser[] {
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
  return users
}

function seedUsers(sql: Sql, users: readonly SeedUser[]): void {
  // One hash shared by the demo accounts keeps seeding fast; the password is in the README.
  const demoHash = hashPassword('demo-password')
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
}

/** The reference's documented enrollments (ids 1, 6, 7, 8, 12), and learners spread over the other courses with their activity. */
function seedEnrollments(sql: Sql, users: readonly SeedUser[], random: () => number, daysAgo: DaysAgo): void {
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
    const course = DEMO_COURSES[courseId - 1]
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
}
