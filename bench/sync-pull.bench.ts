// First pull: a laptop with an empty folder pulls a stand-in hosted LMS (`serve`, a child
// process over loopback) holding 10,000 users and 50,000 enrollments in 100 courses.
// The stand-in's rows are written straight into its SQLite file before it starts (the
// figure is the pull, not the seeding). Peak memory is this process's (the laptop engine
// runs in it), sampled while the pull runs.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLmsEngine } from '../src/main/host/open-engine'
import { serveFolder } from '../test/sync/mirrored-demo'
import type { Figure } from './harness'

const TOKEN = 'bench-pull-token'

async function seedStandIn(dir: string, users: number, courses: number, enrollments: number): Promise<void> {
  const engine = await openLmsEngine({ dataDir: dir, log: () => undefined, sync: { intervalMs: 0 } })
  engine.sync.stop()
  const raw = engine.sql.raw
  const now = new Date().toISOString()
  raw.transaction(() => {
    const user = raw.prepare(
      "INSERT INTO users (first_name, last_name, email, email_key, password_hash, user_type, disabled, custom_user_metas, last_login_at, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, 'general', 0, '[]', NULL, ?, ?)",
    )
    for (let i = 1; i <= users; i++) user.run(`First${i}`, `Last${i}`, `pull.${i}@bench.test`, `pull.${i}@bench.test`, now, now)
    const course = raw.prepare(
      "INSERT INTO courses (name, slug, status, course_type, grading_rule, duration_rule, certificate_templates, created_at, updated_at) VALUES (?, ?, 'publish', 'self_paced', 'no_grading', 'unlimited', '[]', ?, ?)",
    )
    for (let i = 1; i <= courses; i++) course.run(`Bench course ${i}`, `bench-course-${i}`, now, now)
    const enroll = raw.prepare(
      "INSERT INTO enrollments (course_id, user_id, status, percent_complete, access_status, registered_at) VALUES (?, ?, 'In Progress', ?, 'Allowed', ?)",
    )
    const firstUser = (raw.prepare('SELECT min(id) AS id FROM users').get() as { id: number }).id
    const firstCourse = (raw.prepare('SELECT min(id) AS id FROM courses').get() as { id: number }).id
    const perCourse = enrollments / courses
    for (let c = 0; c < courses; c++) {
      for (let k = 0; k < perCourse; k++) enroll.run(firstCourse + c, firstUser + ((c * 97 + k) % users), k % 100, now)
    }
  })()
  engine.close()
}

export async function benchSyncPull(users = 10_000, enrollments = 50_000, courses = 100): Promise<Figure[]> {
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-pull-server-'))
  const laptopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-pull-laptop-'))
  await seedStandIn(serverDir, users, courses, enrollments)
  const server = await serveFolder(serverDir, TOKEN)
  const engine = await openLmsEngine({ dataDir: laptopDir, log: () => undefined, sync: { intervalMs: 0, timeoutMs: 60_000 } })
  engine.sync.stop()
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  try {
    const configured = engine.invoke('sync.configure', { serverUrl: server.url, token: TOKEN })
    if (!configured.ok) throw new Error(configured.error.message)
    const rssBefore = process.memoryUsage().rss
    const start = performance.now()
    const summary = await engine.invokeAsync('sync.now', {})
    const seconds = (performance.now() - start) / 1000
    if (!summary.ok) throw new Error(summary.error.message)
    const raw = engine.sql.raw
    const count = (table: string) => (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    const pulled = { users: count('users'), enrollments: count('enrollments') }
    if (pulled.users < users || pulled.enrollments < enrollments) throw new Error(`pulled only ${JSON.stringify(pulled)}`)
    return [
      {
        name: `first pull of ${users} users and ${enrollments} enrollments (${courses} courses) over loopback`,
        unit: 's',
        value: seconds,
        target: '< 10 s',
        note: `${(summary.value as { pulled: number }).pulled} rows merged`,
      },
      {
        name: 'peak RSS of the laptop process during the first pull',
        unit: 'MB',
        value: peak / 1024 / 1024,
        note: `${((peak - rssBefore) / 1024 / 1024).toFixed(0)} MB above the start of the pull`,
      },
    ]
  } finally {
    clearInterval(sampler)
    engine.close()
    await server.stop()
    fs.rmSync(serverDir, { recursive: true, force: true })
    fs.rmSync(laptopDir, { recursive: true, force: true })
  }
}

