// Push throughput: 5,000 queued evaluations drained to the strict stand-in (`serve --hosted`,
// a child process) over loopback, no proxy, no faults. Both sides start from the same
// world (the folder is copied, so ids match) and the laptop's id map holds identity rows,
// as after a first pull; every evaluation is a real change and a real request.
// Two shapes of queue: a trainer's grading pile (5,000 submissions graded once each, in
// the grading benchmark's world of 10,000 submissions), and the demo world's 94 submitted
// rows graded over and over (about 53 grades each): every grade of a row waits for the
// one before it, and each row's history the checks read grows long.
import fs from 'node:fs'
import { openLmsEngine } from '../src/main/host/open-engine'
import { gradableRows, mapIdentically, mirroredDemo } from '../test/sync/mirrored-demo'
import { seedGradingWorld } from './grading.bench'
import { settle, type Figure } from './harness'
import { profiled } from './profile'
import { requestNote, startRequestMeter } from './request-meter'

const TOKEN = 'bench-token'

/** A process's CPU time (user + system) in ms, from /proc (Linux); NaN elsewhere. */
export function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    // utime and stime: fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return Number.NaN
  }
}

export async function benchSyncPush(count = 5_000): Promise<Figure[]> {
  const pile = await benchDrain(count, 'pile')
  await settle()
  return [...pile, ...(await benchDrain(count, 'regrades'))]
}

export async function benchDrain(count: number, shape: 'pile' | 'regrades'): Promise<Figure[]> {
  const world = await mirroredDemo(TOKEN, shape === 'pile' ? { seed: (e) => void seedGradingWorld(e) } : {})
  const engine = await openLmsEngine({
    dataDir: world.laptopDir,
    log: () => undefined,
    // The pull is off: this measures the push alone. No timer: the run below is the only one.
    sync: { intervalMs: 0, timeoutMs: 30_000, pull: false },
  })
  engine.sync.stop()
  try {
    mapIdentically(engine)
    const rows = gradableRows(engine)
    if (rows.length === 0) throw new Error('the world has no submitted assignment rows')
    if (shape === 'pile' && rows.length < count) throw new Error(`${rows.length} submitted assignment rows, fewer than ${count}`)
    const what = shape === 'pile' ? `${count} submissions graded once` : `${rows.length} demo submissions graded ${(count / rows.length).toFixed(0)} times each`
    const queueStart = performance.now()
    for (let i = 0; i < count; i++) {
      const row = rows[i % rows.length]
      const round = Math.floor(i / rows.length)
      const result = engine.invoke('assignments.evaluate', {
        statusRowId: row.id,
        evaluation: { pointsAwarded: (round * 7 + i) % (row.totalPoints + 1), isAccepted: round % 3 !== 2, instructorMessage: `Bench round ${round}` },
      })
      if (!result.ok) throw new Error(`evaluate ${row.id}: ${result.error.message}`)
    }
    const queueMs = performance.now() - queueStart
    const queued = (engine.sql.raw.prepare("SELECT count(*) AS n FROM change_records WHERE state = 'pending'").get() as { n: number }).n

    const configured = engine.invoke('sync.configure', { serverUrl: world.server.url, token: TOKEN })
    if (!configured.ok) throw new Error(configured.error.message)
    // Commits of the laptop's database during the drain (each an fsync under synchronous=FULL):
    // a figure the machine's load does not change, unlike the times.
    const sql = engine.sql
    const transaction = sql.transaction.bind(sql)
    let commits = 0
    sql.transaction = <T>(fn: () => T): T => {
      if (!sql.raw.inTransaction) commits++
      return transaction(fn)
    }
    const start = performance.now()
    const laptopCpu = process.cpuUsage()
    const serverCpu = processCpuMs(world.server.pid)
    const meter = startRequestMeter()
    const summary = await profiled(`drain-${shape}`, () => engine.invokeAsync('sync.now', {})).finally(() => meter.stop())
    const seconds = (performance.now() - start) / 1000
    const laptopUsed = process.cpuUsage(laptopCpu)
    const laptopCpuMs = (laptopUsed.user + laptopUsed.system) / 1000
    const serverCpuMs = processCpuMs(world.server.pid) - serverCpu
    sql.transaction = transaction
    if (!summary.ok) throw new Error(summary.error.message)
    const left = (engine.sql.raw.prepare("SELECT count(*) AS n FROM change_records WHERE state IN ('pending', 'sending', 'parked')").get() as { n: number }).n
    const pushed = (summary.value as { pushed: number }).pushed
    return [
      { name: `queue ${count} evaluations locally (engine.invoke), ${what}`, unit: 'ms', value: queueMs },
      {
        name: `push ${queued} queued evaluations to the stand-in over loopback, ${what}`,
        unit: 'changes/s',
        value: pushed / seconds,
        target: '>= 1,000 changes/s',
        note: `${pushed} sent in ${seconds.toFixed(1)} s, ${left} left unsent; ${commits} transactions committed by the laptop; CPU per change: laptop ${(laptopCpuMs / pushed).toFixed(2)} ms, stand-in ${Number.isNaN(serverCpuMs) ? '?' : (serverCpuMs / pushed).toFixed(2)} ms; ${requestNote(meter)}`,
      },
    ]
  } finally {
    engine.close()
    await world.dispose()
  }
}
