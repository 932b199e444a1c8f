// Sync over a slow link (issue 15): a training site's strict stand-in (`serve --hosted`, a
// child process) holding 1,500 learners, 5,000 submissions and 12 classes, reached through
// a link that adds 100 ms each way and carries 2 Mbit/s each way (link-shaper.ts). An
// empty laptop pulls the site first over loopback (reported); then, through the link, it
// drains 1,000 grades and 200 attendance marks (push alone), and runs a periodic sync with
// nothing changed on either side (pull and push), whose time and bytes are reported.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLmsEngine, type LmsEngine as Engine } from '../src/main/host/open-engine'
import { startFaultProxy } from '../test/sync/fault-proxy'
import { serveFolder } from '../test/sync/mirrored-demo'
import { seedGradingWorld } from './grading.bench'
import type { Figure } from './harness'
import { startLinkShaper } from './link-shaper'
import { requestNote, startRequestMeter } from './request-meter'

const TOKEN = 'bench-link-token'
const LINK = { latencyMs: 100, bitsPerSecond: 2_000_000 }

/** Twelve open classes of the grading world's courses, each with the course's first learners registered. */
export function seedClasses(engine: Engine, classes = 12, perClass = 20): void {
  const raw = engine.sql.raw
  const now = new Date()
  const iso = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString()
  raw.transaction(() => {
    const courses = raw.prepare('SELECT id FROM courses ORDER BY id LIMIT ?').all(classes) as { id: number }[]
    const addClass = raw.prepare('INSERT INTO classes (course_id, start_at, end_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    const register = raw.prepare("INSERT INTO class_enrollments (class_id, user_id, status, registered_at) VALUES (?, ?, 'Registered', ?)")
    for (const c of courses) {
      const classId = Number(addClass.run(c.id, iso(-1), iso(1), iso(-30), iso(-30)).lastInsertRowid)
      const learners = raw.prepare('SELECT user_id FROM enrollments WHERE course_id = ? ORDER BY id LIMIT ?').all(c.id, perClass) as { user_id: number }[]
      for (const l of learners) register.run(classId, l.user_id, iso(-30))
    }
  })()
}

const count = (engine: Engine, sql: string) => (engine.sql.raw.prepare(sql).get() as { n: number }).n

async function syncOnce(engine: Engine): Promise<{ seconds: number; summary: { pushed: number; pulled: number; stoppedBecause: string | null } }> {
  const start = performance.now()
  const result = await engine.invokeAsync('sync.now', {})
  if (!result.ok) throw new Error(result.error.message)
  return { seconds: (performance.now() - start) / 1000, summary: result.value as { pushed: number; pulled: number; stoppedBecause: string | null } }
}

export async function benchSyncLink(grades = 1_000, marks = 200): Promise<Figure[]> {
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-link-server-'))
  const laptopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lms-link-laptop-'))
  const seeded = await openLmsEngine({ dataDir: serverDir, log: () => undefined, sync: { intervalMs: 0 } })
  seeded.sync.stop()
  seedGradingWorld(seeded, 5_000)
  seedClasses(seeded)
  seeded.close()
  const server = await serveFolder(serverDir, TOKEN)
  // The stand-in answers only requests addressed to it: the fault proxy (no faults set) puts
  // its address on each request the link carries.
  const addressed = await startFaultProxy(server.port)
  const link = await startLinkShaper(addressed.port, LINK)
  const open = (pull: boolean) => openLmsEngine({ dataDir: laptopDir, log: () => undefined, sync: { intervalMs: 0, timeoutMs: 120_000, pull } })
  let engine = await open(true)
  engine.sync.stop()
  try {
    const figures: Figure[] = []
    // The first pull, over loopback: what the laptop holds before the trainer works offline.
    engine.invoke('sync.configure', { serverUrl: server.url, token: TOKEN })
    const first = await syncOnce(engine)
    if (first.summary.stoppedBecause) throw new Error(`first pull: ${first.summary.stoppedBecause}`)
    figures.push({
      name: 'first pull of the link site over loopback (1,501 users, 3,000 enrollments, 5,000 submissions, 12 classes)',
      unit: 's',
      value: first.seconds,
      note: `${first.summary.pulled} rows merged`,
    })

    // Offline work: 1,000 grades of distinct submissions and 200 attendance marks.
    const rows = engine.sql.raw
      .prepare("SELECT ms.id AS id, m.total_points AS total FROM module_status ms JOIN modules m ON m.id = ms.module_id WHERE ms.status = 'Submitted' AND m.type = 'assignment' ORDER BY ms.id LIMIT ?")
      .all(grades) as { id: number; total: number }[]
    const registrations = engine.sql.raw.prepare('SELECT id FROM class_enrollments ORDER BY id LIMIT ?').all(marks) as { id: number }[]
    if (rows.length < grades || registrations.length < marks) throw new Error(`the site has ${rows.length} gradable rows and ${registrations.length} registrations`)
    for (const [i, row] of rows.entries()) {
      const result = engine.invoke('assignments.evaluate', { statusRowId: row.id, evaluation: { pointsAwarded: i % (row.total + 1), isAccepted: true, instructorMessage: `Graded offline ${i}` } })
      if (!result.ok) throw new Error(result.error.message)
    }
    for (const [i, r] of registrations.entries()) {
      const result = engine.invoke('classes.updateStatus', { id: r.id, status: i % 5 === 0 ? 'No Show' : 'Attended' })
      if (!result.ok) throw new Error(result.error.message)
    }
    const queued = count(engine, "SELECT count(*) AS n FROM change_records WHERE state = 'pending'")

    // The drain through the link, push alone.
    engine.close()
    engine = await open(false)
    engine.sync.stop()
    engine.invoke('sync.configure', { serverUrl: link.url, token: TOKEN })
    const drainMeter = startRequestMeter(Number(new URL(link.url).port))
    const drain = await syncOnce(engine).finally(() => drainMeter.stop())
    const drained = link.bytes()
    const left = count(engine, "SELECT count(*) AS n FROM change_records WHERE state IN ('pending', 'sending', 'parked')")
    if (left > 0 || drain.summary.stoppedBecause) throw new Error(`the drain left ${left} of ${queued} unsent: ${drain.summary.stoppedBecause ?? 'no reason given'}`)
    figures.push({
      name: `drain ${grades} grades and ${marks} attendance marks over 100 ms each way and 2 Mbit/s`,
      unit: 's',
      value: drain.seconds,
      target: '< 60 s',
      note: `${drain.summary.pushed} of ${queued} sent, ${left} left unsent, ${drain.summary.stoppedBecause ?? 'finished'}; ${(drained.up / 1024).toFixed(0)} KB up, ${(drained.down / 1024).toFixed(0)} KB down; ${requestNote(drainMeter)}`,
    })

    // A periodic sync with nothing changed on either side: the pull's sweep and an empty push.
    engine.close()
    engine = await open(true)
    engine.sync.stop()
    const before = link.bytes()
    const idleMeter = startRequestMeter(Number(new URL(link.url).port))
    const idle = await syncOnce(engine).finally(() => idleMeter.stop())
    const after = link.bytes()
    if (idle.summary.stoppedBecause) throw new Error(`the periodic sync stopped: ${idle.summary.stoppedBecause}`)
    figures.push({
      name: 'periodic sync with nothing changed, over 100 ms each way and 2 Mbit/s',
      unit: 's',
      value: idle.seconds,
      target: '< 30 s',
      note: `${((after.up - before.up) / 1024).toFixed(0)} KB up, ${((after.down - before.down) / 1024).toFixed(0)} KB down; pushed ${idle.summary.pushed}, ${idle.summary.stoppedBecause ?? 'finished'}; ${requestNote(idleMeter, 12)}`,
    })
    figures.push({ name: 'bytes of the periodic sync with nothing changed', unit: 'KB', value: (after.up + after.down - before.up - before.down) / 1024 })

    // The sync above is the first after the drain: the marks it sent changed the counts of
    // their classes, so it reads those classes' learners again (pull-rosters.ts). The next
    // periodic sync, with nothing changed since, is the steady state.
    const again = link.bytes()
    const steadyMeter = startRequestMeter(Number(new URL(link.url).port))
    const steady = await syncOnce(engine).finally(() => steadyMeter.stop())
    const later = link.bytes()
    if (steady.summary.stoppedBecause) throw new Error(`the second periodic sync stopped: ${steady.summary.stoppedBecause}`)
    figures.push({
      name: 'the next periodic sync with nothing changed, over 100 ms each way and 2 Mbit/s',
      unit: 's',
      value: steady.seconds,
      target: '< 30 s',
      note: `${((later.up - again.up) / 1024).toFixed(0)} KB up, ${((later.down - again.down) / 1024).toFixed(0)} KB down; ${requestNote(steadyMeter, 12)}`,
    })
    return figures
  } finally {
    engine.close()
    await link.stop()
    await addressed.stop()
    await server.stop()
    fs.rmSync(serverDir, { recursive: true, force: true })
    fs.rmSync(laptopDir, { recursive: true, force: true })
  }
}
