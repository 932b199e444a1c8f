// Push throughput: 5,000 queued evaluations drained to the stand-in hosted LMS (`serve`,
// a child process) over loopback, no proxy, no faults. Both sides start from the same demo
// world (the folder is copied, so ids match) and the laptop's id map holds identity rows,
// as after a first pull; the evaluations go to the demo's submitted assignment rows in
// turn, with varying points, so every one is a real change and a real request.
import { Engine } from '../src/main/engine/engine'
import { gradableRows, mapIdentically, mirroredDemo } from '../test/sync/mirrored-demo'
import type { Figure } from './harness'

const TOKEN = 'bench-token'

export async function benchSyncPush(count = 5_000): Promise<Figure[]> {
  const world = await mirroredDemo(TOKEN)
  const engine = await Engine.open({
    dataDir: world.laptopDir,
    log: () => undefined,
    // The pull is off: this measures the push alone. No timer: the run below is the only one.
    sync: { intervalMs: 0, timeoutMs: 30_000, pull: false },
  })
  engine.sync.stop()
  try {
    mapIdentically(engine)
    const rows = gradableRows(engine)
    if (rows.length === 0) throw new Error('the demo world has no submitted assignment rows')
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
    const start = performance.now()
    const summary = await engine.invokeAsync('sync.now', {})
    const seconds = (performance.now() - start) / 1000
    if (!summary.ok) throw new Error(summary.error.message)
    const left = (engine.sql.raw.prepare("SELECT count(*) AS n FROM change_records WHERE state IN ('pending', 'sending', 'parked')").get() as { n: number }).n
    const pushed = (summary.value as { pushed: number }).pushed
    return [
      { name: `queue ${count} evaluations locally (engine.invoke)`, unit: 'ms', value: queueMs },
      {
        name: `push ${queued} queued evaluations to the stand-in over loopback`,
        unit: 'changes/s',
        value: pushed / seconds,
        target: '>= 500 changes/s',
        note: `${pushed} sent in ${seconds.toFixed(1)} s, ${left} left unsent`,
      },
    ]
  } finally {
    engine.close()
    await world.dispose()
  }
}
