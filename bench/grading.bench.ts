// Grading through the engine on a database with 10,000 submissions: evaluate (one write
// transaction each, with its change record) and the grading queue page of 50.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLmsEngine, type LmsEngine as Engine } from '../src/main/host/open-engine'
import { machineLoad, percentile, timeRunsWithCpu, type Figure } from './harness'

interface World {
  /** Queue rows not yet graded, in random order: evaluate targets. */
  ungraded: { statusRowId: number; totalPoints: number; type: string; comments: number; minComments: number }[]
  counts: Record<string, number>
}

/** A small deterministic generator, so every run seeds the same world. */
function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Seeds with SQL in one transaction: 1,500 learners in 2 of 20 courses each (3,000
 * enrollments, launched: a status row per module); each course has 3 assignments, an
 * evaluated discussion and a text module. 10,000 of the 12,000 gradable rows have work
 * submitted; about 45 % of those are graded (a tenth of them rejected). Everything seeded
 * counts as already synced: its change records are 'done'.
 */
export function seedGradingWorld(engine: Engine, submissionCount = 10_000): World {
  const raw = engine.sql.raw
  const random = mulberry32(42)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const base = Date.UTC(2024, 0, 1)
  const iso = (minutes: number) => new Date(base + minutes * 60_000).toISOString()
  const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Emma', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam', 'Mona', 'Nils', 'Olga', 'Priya']
  const LAST = ['Archer', 'Baker', 'Cole', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Khan', 'Lopez', 'Meyer', 'Nowak']
  const counts: Record<string, number> = {}
  const ungraded: World['ungraded'] = []

  raw.transaction(() => {
    const user = raw.prepare(
      `INSERT INTO users (first_name, last_name, email, email_key, user_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    const trainer = Number(user.run('Tara', 'Trainer', 'tara.trainer@example.org', 'tara.trainer@example.org', 'staff', iso(0), iso(0)).lastInsertRowid)
    raw.prepare("INSERT INTO app_meta (key, value) VALUES ('actor_user_id', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(trainer))
    const learners: number[] = []
    for (let i = 0; i < 1500; i++) {
      const first = FIRST[i % FIRST.length]
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length]
      const email = `${first}.${last}.${i}@example.org`.toLowerCase()
      learners.push(Number(user.run(first, last, email, email, 'general', iso(i), iso(i)).lastInsertRowid))
    }

    const module = raw.prepare(
      `INSERT INTO modules (name, slug, type, icon, content, total_points, submission_type, allowed_filetypes, should_be_evaluated, min_comments, created_at, updated_at)
       VALUES (?, ?, ?, '', ?, ?, ?, '[]', ?, ?, ?, ?)`,
    )
    const course = raw.prepare(
      `INSERT INTO courses (name, slug, status, grading_rule, duration_rule, created_at, updated_at) VALUES (?, ?, 'publish', ?, 'unlimited', ?, ?)`,
    )
    const placement = raw.prepare('INSERT INTO course_modules (course_id, module_id, position, is_grade_module) VALUES (?, ?, ?, ?)')
    type Placed = { id: number; type: string; points: number; minComments: number }
    const courses: { id: number; modules: Placed[] }[] = []
    for (let c = 0; c < 20; c++) {
      const courseId = Number(course.run(`Course ${c + 1}`, `course-${c + 1}`, pick(['no_grading', 'avg_all_modules', 'avg_specific_modules']), iso(c), iso(c)).lastInsertRowid)
      const modules: Placed[] = []
      const add = (name: string, type: string, points: number, minComments: number, evaluated: number) => {
        const id = Number(
          module.run(name, `${type}-${c}-${modules.length}`, type, `<p>${name}</p>`, type === 'text' ? null : points, type === 'assignment' ? 'text' : null, evaluated, type === 'discussion' ? minComments : null, iso(c), iso(c)).lastInsertRowid,
        )
        placement.run(courseId, id, modules.length, type === 'assignment' ? 1 : 0)
        modules.push({ id, type, points, minComments })
      }
      add(`Welcome to course ${c + 1}`, 'text', 0, 0, 0)
      for (let a = 1; a <= 3; a++) add(`Assignment ${a} of course ${c + 1}`, 'assignment', pick([10, 20, 50, 100]), 0, 1)
      add(`Discussion of course ${c + 1}`, 'discussion', 10, 2, 1)
      courses.push({ id: courseId, modules })
    }

    const enrollment = raw.prepare(
      `INSERT INTO enrollments (course_id, user_id, status, percent_complete, access_status, registered_at, started_at) VALUES (?, ?, 'In Progress', 0, 'Allowed', ?, ?)`,
    )
    const status = raw.prepare(
      `INSERT INTO module_status (enrollment_id, module_id, status, started_at, completed_at, last_accessed_at, points_awarded, evaluated_by_id, evaluated_at, last_submitted_at, submission_count, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const gradable: { enrollmentId: number; module: Placed; at: number }[] = []
    let minute = 10_000
    for (const learner of learners) {
      const first = Math.floor(random() * courses.length)
      for (const c of [courses[first], courses[(first + 1 + Math.floor(random() * (courses.length - 1))) % courses.length]]) {
        minute += 1
        const enrollmentId = Number(enrollment.run(c.id, learner, iso(minute), iso(minute)).lastInsertRowid)
        for (const m of c.modules) {
          if (m.type === 'text') status.run(enrollmentId, m.id, 'Completed', iso(minute), iso(minute), iso(minute), null, null, null, null, 0, iso(minute))
          else gradable.push({ enrollmentId, module: m, at: minute + Math.floor(random() * 100_000) })
        }
      }
    }
    // Shuffle, then the first submissionCount rows have work submitted.
    for (let i = gradable.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[gradable[i], gradable[j]] = [gradable[j], gradable[i]]
    }
    const submission = raw.prepare(`INSERT INTO submissions (status_row_id, kind, content, submitted_at) VALUES (?, ?, ?, ?)`)
    const evaluation = raw.prepare(
      `INSERT INTO evaluations (status_row_id, submission_id, points, message, accepted, evaluated_by_id, evaluated_by, evaluated_at) VALUES (?, ?, ?, ?, ?, ?, 'Tara Trainer', ?)`,
    )
    const change = raw.prepare(
      `INSERT INTO change_records (operation, entity, local_id, input, state, attempts, created_at, updated_at) VALUES (?, ?, ?, '{}', 'done', 1, ?, ?)`,
    )
    gradable.forEach((g, i) => {
      const { module: m } = g
      if (i >= submissionCount) {
        status.run(g.enrollmentId, m.id, 'Not Started', null, null, null, null, null, null, null, 0, iso(g.at))
        return
      }
      const comments = m.type === 'discussion' ? 1 + Math.floor(random() * 3) : 1
      const submittedAt = iso(g.at)
      const roll = random()
      const graded = roll < 0.45
      const accepted = graded && roll < 0.405 && (m.type !== 'discussion' || comments >= m.minComments)
      const points = graded ? Math.round(m.points * (accepted ? 0.6 + random() * 0.4 : random() * 0.4)) : null
      const evaluatedAt = graded ? iso(g.at + 60 + Math.floor(random() * 5000)) : null
      const rowStatus = graded ? (accepted ? 'Completed' : 'Rejected') : 'Submitted'
      const statusRowId = Number(
        status.run(g.enrollmentId, m.id, rowStatus, submittedAt, accepted ? evaluatedAt : null, submittedAt, points, graded ? trainer : null, evaluatedAt, submittedAt, comments, evaluatedAt ?? submittedAt).lastInsertRowid,
      )
      let lastSubmission = 0
      for (let k = 0; k < comments; k++) {
        lastSubmission = Number(submission.run(statusRowId, m.type === 'discussion' ? 'comment' : 'text', 'A realistic answer of a few sentences about the hazards seen.', submittedAt).lastInsertRowid)
        if (m.type === 'assignment') change.run('assignments.submit', 'submission', lastSubmission, submittedAt, submittedAt)
      }
      if (graded) {
        const evaluationId = Number(evaluation.run(statusRowId, lastSubmission, points, accepted ? 'Well done.' : 'Please resubmit.', accepted ? 1 : 0, trainer, evaluatedAt).lastInsertRowid)
        change.run('assignments.evaluate', 'evaluation', evaluationId, evaluatedAt, evaluatedAt)
      } else {
        ungraded.push({ statusRowId, totalPoints: m.points, type: m.type, comments, minComments: m.minComments })
      }
    })
    // Enrollments follow their module statuses (5 modules per course).
    raw.exec(`UPDATE enrollments SET percent_complete = ROUND((SELECT COUNT(*) FROM module_status ms WHERE ms.enrollment_id = enrollments.id AND ms.status = 'Completed') * 100.0 / 5, 2)`)
  })()
  raw.exec('ANALYZE')
  for (const table of ['users', 'enrollments', 'module_status', 'submissions', 'evaluations', 'change_records']) {
    counts[table] = (raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
  }
  counts.queue = (raw.prepare('SELECT COUNT(*) AS n FROM module_status WHERE submission_count > 0').get() as { n: number }).n
  return { ungraded, counts }
}

function invokeOk(engine: Engine, name: string, input: unknown): unknown {
  const result = engine.invoke(name, input)
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`)
  return result.value
}

export async function benchGrading(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-bench-grading-'))
  const engine = await openLmsEngine({ dataDir: dir })
  const figures: Figure[] = []
  const percentiles = (name: string, runs: { wall: number[]; cpu: number[] }, target?: string, note?: string) => {
    figures.push({ name: `${name} p50`, unit: 'ms', value: percentile(runs.wall, 50), note: `cpu ${percentile(runs.cpu, 50).toFixed(2)} ms` })
    figures.push({
      name: `${name} p95`,
      unit: 'ms',
      value: percentile(runs.wall, 95),
      ...(target ? { target } : {}),
      note: [`cpu ${percentile(runs.cpu, 95).toFixed(2)} ms`, note].filter(Boolean).join('; '),
    })
  }
  try {
    figures.push(machineLoad('at the start of the grading benchmark'))
    const t0 = performance.now()
    const world = seedGradingWorld(engine)
    figures.push({
      name: `seed ${world.counts.queue} submitted rows (SQL, one transaction)`,
      unit: 'ms',
      value: performance.now() - t0,
      note: `${world.counts.submissions} submissions, ${world.counts.evaluations} evaluations, ${world.counts.change_records} change records`,
    })

    const queueCases: [string, Record<string, unknown>, boolean][] = [
      ['grading queue page of 50, default order', { page_size: 50, page_number: 1 }, true],
      ['grading queue page of 50, ungradedOnly', { page_size: 50, page_number: 1, search_param: JSON.stringify({ ungradedOnly: true }) }, true],
      ['grading queue page of 50, one course, ungraded', { page_size: 50, page_number: 1, search_param: JSON.stringify({ courseId: 3, ungradedOnly: true }) }, false],
      ['grading queue page 20 of 50 by last_name', { page_size: 50, page_number: 20, order_by: JSON.stringify({ colName: 'last_name', direction: 'asc' }) }, false],
      ['grading queue page of 50, nameOrEmail search', { page_size: 50, page_number: 1, search_param: JSON.stringify({ nameOrEmail: 'grace' }) }, false],
      ['grading queue page of 50, unsyncedOnly', { page_size: 50, page_number: 1, search_param: JSON.stringify({ unsyncedOnly: true }) }, false],
    ]
    const timeQueue = (label: string) => {
      for (const [name, input, primary] of queueCases) {
        const runs = timeRunsWithCpu(() => invokeOk(engine, 'courses.allSubmissions', input), 200)
        percentiles(`${name}${label}`, runs, primary ? '< 10 ms' : undefined)
      }
    }
    timeQueue('')

    // The floor under any write: one transaction changing one row, committed with fsync.
    const probe = engine.sql.raw.prepare("INSERT INTO app_meta (key, value) VALUES ('bench_probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    const commit = timeRunsWithCpu((i) => engine.sql.raw.transaction(() => probe.run(String(i)))(), 300)
    percentiles('one-row write transaction (synchronous=FULL)', commit, undefined, 'the commit and its fsync alone')

    // 1,000 evaluations of distinct ungraded rows, as shipped: synchronous = FULL, so each
    // evaluation's transaction waits for its fsync.
    const targets = world.ungraded
    const random = mulberry32(7)
    let next = 0
    const evaluateNext = () => {
      const target = targets[next++ % targets.length]
      const accept = random() < 0.8 && (target.type !== 'discussion' || target.comments >= target.minComments)
      invokeOk(engine, 'assignments.evaluate', {
        statusRowId: target.statusRowId,
        evaluation: { instructorMessage: accept ? 'Clear and complete.' : 'Please add the steps in order.', pointsAwarded: Math.round(target.totalPoints * random()), isAccepted: accept },
      })
    }
    const synchronous = Number(engine.sql.raw.pragma('synchronous', { simple: true }))
    if (synchronous !== 2) throw new Error(`expected the engine to open with synchronous=FULL (2), found ${synchronous}`)
    percentiles('assignments.evaluate (synchronous=FULL, as shipped)', timeRunsWithCpu(evaluateNext, 1000, 20), '< 5 ms', 'each grade fsynced')

    // The same work without waiting for the disk on every commit, to show the fsync's share.
    engine.sql.raw.pragma('synchronous = NORMAL')
    percentiles('assignments.evaluate (synchronous=NORMAL, comparison only)', timeRunsWithCpu(evaluateNext, 1000, 20), undefined, 'not what ships')
    engine.sql.raw.pragma('synchronous = FULL')

    // The queue again, with 2,040 more grades and their unsent change records.
    timeQueue(' (after 2,040 evaluations)')
    figures.push(machineLoad('at the end of the grading benchmark'))
  } finally {
    engine.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return figures
}

// Run alone: `npx tsx bench/grading.bench.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { report } = await import('./harness')
  report(await benchGrading())
}
