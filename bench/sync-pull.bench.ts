// First pull: a laptop with an empty folder pulls the strict stand-in hosted LMS (`serve
// --hosted`, a child process over loopback) holding 10,000 users, 50,000 enrollments and
// 5,000 submissions: the grading world (1,501 users, 3,000 enrollments in 20 courses,
// 5,000 submitted rows) topped up with users and enrollments in 100 more courses.
// The stand-in's rows are written straight into its SQLite file before it starts (the
// figure is the pull, not the seeding). Peak memory is this process's (the laptop engine
// runs in it), sampled while the pull runs.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLmsEngine } from '../src/main/host/open-engine'
import { serveFolder } from '../test/sync/mirrored-demo'
import { seedGradingWorld } from './grading.bench'
import type { Figure } from './harness'
import { profiled } from './profile'
import { requestNote, startRequestMeter } from './request-meter'
import { processCpuMs } from './sync.bench'

const TOKEN = 'bench-pull-token'

async function seedStandIn(dir: string, totalUsers: number, courses: number, totalEnrollments: number, submissions: number): Promise<void> {
  const engine = await openLmsEngine({ dataDir: dir, log: () => undefined, sync: { intervalMs: 0 } })
  engine.sync.stop()
  seedGradingWorld(engine, submissions)
  const raw = engine.sql.raw
  const users = totalUsers - (raw.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n
  const enrollments = totalEnrollments - (raw.prepare('SELECT count(*) AS n FROM enrollments').get() as { n: number }).n
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
    const firstUser = (raw.prepare("SELECT min(id) AS id FROM users WHERE email LIKE 'pull.%'").get() as { id: number }).id
    const firstCourse = (raw.prepare("SELECT min(id) AS id FROM courses WHERE slug LIKE 'bench-course-%'").get() as { id: number }).id
    const perCourse = Math.ceil(enrollments / courses)
    for (let c = 0; c < courses; c++) {
      for (let k = 0; k < perCourse; k++) enroll.run(firstCourse + c, firstUser + ((c * 97 + k) % users), k % 100, now)
    }
  })()
  engine.close()
}

export async function benchSyncPull(users = 10_000, enrollments = 50_000, courses = 100, submissions = 5_000): Promise<Figure[]> {
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-pull-server-'))
  const laptopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-pull-laptop-'))
  await seedStandIn(serverDir, users, courses, enrollments, submissions)
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
    const laptopCpu = process.cpuUsage()
    const serverCpu = processCpuMs(server.pid)
    const meter = startRequestMeter()
    const summary = await profiled('first-pull', () => engine.invokeAsync('sync.now', {})).finally(() => meter.stop())
    const seconds = (performance.now() - start) / 1000
    const laptopUsed = process.cpuUsage(laptopCpu)
    const serverCpuS = (processCpuMs(server.pid) - serverCpu) / 1000
    if (!summary.ok) throw new Error(summary.error.message)
    const raw = engine.sql.raw
    const count = (table: string) => (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    const pulled = { users: count('users'), enrollments: count('enrollments'), submitted: count('module_status WHERE submission_count > 0') }
    if (pulled.users < users || pulled.enrollments < enrollments || pulled.submitted < submissions) throw new Error(`pulled only ${JSON.stringify(pulled)}: ${JSON.stringify(summary.value)}; ${JSON.stringify(engine.invoke('sync.status', {}))}`.slice(0, 3000))
    return [
      {
        name: `first pull of ${users} users, ${enrollments} enrollments and ${submissions} submissions (${courses + 20} courses) over loopback`,
        unit: 's',
        value: seconds,
        target: '< 15 s',
        note: `${(summary.value as { pulled: number }).pulled} rows merged; ${JSON.stringify(pulled)}; ${(summary.value as { stoppedBecause: string | null }).stoppedBecause ?? 'finished'}; CPU: laptop ${((laptopUsed.user + laptopUsed.system) / 1e6).toFixed(1)} s, stand-in ${serverCpuS.toFixed(1)} s; ${requestNote(meter)}`,
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

