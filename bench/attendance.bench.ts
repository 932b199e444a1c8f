// Attendance through the engine on the demo world plus a 500-learner class: one mark (a
// write transaction with its change record), the whole roster read, mark-all, and the
// sign-in sheet PDF for today's 40 learners and for 500.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLmsEngine } from '../src/main/host/open-engine'
import { machineLoad, percentile, timeRuns, type Figure } from './harness'

function must<T>(result: { ok: true; value: unknown } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message)
  return result.value as T
}

async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn()
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    await fn()
    out.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return out.sort((a, b) => a - b)
}

export async function benchAttendance(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-bench-attendance-'))
  const engine = await openLmsEngine({ dataDir: dir, demo: true, log: () => undefined })
  engine.sync.stop()
  try {
    const figures: Figure[] = [machineLoad('before attendance')]
    const raw = engine.sql.raw
    const at = new Date().toISOString()
    // A big class: 500 learners added with SQL (fixtures, not what is measured).
    const big = must<{ id: number }>(
      engine.invoke('classes.create', { courseId: 3, instructor: 2, location: 3, type: 'onetime', starttime: '2030-01-07 09:00', endTime: '2030-01-07 17:00' }),
    ).id
    raw.transaction(() => {
      const user = raw.prepare('INSERT INTO users (first_name, last_name, email, email_key, user_type, custom_user_metas, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      const reg = raw.prepare("INSERT INTO class_enrollments (class_id, user_id, status, registered_at) VALUES (?, ?, 'Registered', ?)")
      for (let i = 0; i < 500; i++) {
        const email = `bench.attendance.${i}@example.org`
        const id = Number(user.run(`Learner${i}`, `Bench ${i}`, email, email, 'general', '[]', at, at).lastInsertRowid)
        reg.run(big, id, at)
      }
    })()
    const regs = (raw.prepare('SELECT id FROM class_enrollments WHERE class_id = ?').all(big) as { id: number }[]).map((r) => r.id)
    const statuses = ['Attended', 'No Show', 'Cancelled', 'Registered']

    const mark = timeRuns((i) => must(engine.invoke('classes.updateStatus', { id: regs[i % regs.length], status: statuses[Math.floor(i / regs.length) % 4] })), 400)
    figures.push({ name: 'attendance: one mark (classes.updateStatus with its change record) p50', unit: 'ms', value: percentile(mark, 50) })
    figures.push({ name: 'attendance: one mark p95', unit: 'ms', value: percentile(mark, 95), target: '< 50 ms (40 learners by keyboard in < 2 min)' })

    const roster40 = timeRuns(() => must(engine.invoke('attendance.roster', { classId: 1 })), 100)
    figures.push({ name: 'attendance: roster read, 40 learners, p95', unit: 'ms', value: percentile(roster40, 95) })
    const roster500 = timeRuns(() => must(engine.invoke('attendance.roster', { classId: big })), 50)
    figures.push({ name: 'attendance: roster read, 500 learners, p95', unit: 'ms', value: percentile(roster500, 95) })

    raw.prepare("UPDATE class_enrollments SET status = 'Registered' WHERE class_id = ?").run(big)
    const markAll = timeRuns(() => must(engine.invoke('attendance.markUnmarked', { classId: big })), 1, 0)
    figures.push({ name: 'attendance: mark all unmarked, 500 learners', unit: 'ms', value: markAll[0], note: 'one change record per learner' })

    const pdf40 = await timeAsync(async () => must(await engine.invokeAsync('attendance.signInSheet', { classId: 1 })), 5)
    figures.push({ name: 'attendance: sign-in sheet PDF, 40 learners, median', unit: 'ms', value: percentile(pdf40, 50) })
    const pdf500 = await timeAsync(async () => must(await engine.invokeAsync('attendance.signInSheet', { classId: big })), 3)
    figures.push({ name: 'attendance: sign-in sheet PDF, 500 learners, median', unit: 'ms', value: percentile(pdf500, 50) })
    figures.push(machineLoad('after attendance'))
    return figures
  } finally {
    engine.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
