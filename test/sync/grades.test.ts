// Grades pushed to the hosted LMS: the bulk of offline work. Both sides start from the same
// demo world (mirrored-demo.ts), so the laptop's submitted rows have server ids. Two grades
// of one submission must arrive in the order given even when the first fails, and a pile
// of grades sent side by side through faults must leave each submission's last grade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestClock } from '../engine/helpers'
import { request } from '../http/server'
import { startFaultProxy, type FaultProxy } from './fault-proxy'
import { gradableRows, mapIdentically, mirroredDemo, type MirroredDemo } from './mirrored-demo'
import { expectQueueEmpty, openLaptop, seeded, syncUntilSettled, TOKEN, type Laptop } from './world'

let world: MirroredDemo
let proxy: FaultProxy
let lap: Laptop
beforeAll(async () => {
  world = await mirroredDemo(TOKEN)
  proxy = await startFaultProxy(world.server.port)
  lap = await openLaptop({ dir: world.laptopDir, timeoutMs: 400 })
  mapIdentically(lap.engine)
  lap.call('sync.configure', { serverUrl: proxy.url, token: TOKEN })
})
afterAll(async () => {
  lap?.close()
  await proxy?.stop()
  await world?.dispose()
})

const EVALUATE = /^\/api\/module\/assignment\/evaluate$/

/** The grade the stand-in holds for a status row, read through its documented route. */
async function serverGrade(statusRowId: number): Promise<{ status: string; points: number | null; message: string | null }> {
  const answer = await request(world.server, 'GET', `/api/module/assignment/submissions?statusRowId=${statusRowId}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  })
  const graded = [...(answer.json.submissions as { points_awarded: number | null; instructor_message: string | null }[])].reverse().find((s) => s.points_awarded !== null)
  return { status: answer.json.status, points: graded?.points_awarded ?? null, message: graded?.instructor_message ?? null }
}

const evaluate = (statusRowId: number, points: number, message: string, isAccepted = true) =>
  lap.call('assignments.evaluate', { statusRowId, evaluation: { pointsAwarded: points, isAccepted, instructorMessage: message } })

describe('grades pushed to the hosted LMS', () => {
  it('two grades of one submission keep their order when the first one fails', async () => {
    proxy.clearRules()
    const [row] = gradableRows(lap.engine)
    evaluate(row.id, 1, 'first grade')
    evaluate(row.id, 2, 'second grade')
    proxy.addRule({ method: 'POST', path: EVALUATE, nth: 1, fault: { kind: 'status', status: 500 } })

    await lap.syncNow()
    // The second waits behind the first instead of going ahead of it.
    expect(proxy.upstreamCount('POST', EVALUATE)).toBe(0)
    expect(lap.queue().map((r) => [r.state, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
    ])

    await syncUntilSettled(lap)
    expect(await serverGrade(row.id)).toMatchObject({ status: 'Completed', points: 2, message: 'second grade' })
    expect(lap.status()).toMatchObject({ conflicts: 0 })
    expectQueueEmpty(lap)
  })

  it('a pile of grades sent side by side through faults leaves each submission its last grade', async () => {
    proxy.clearRules()
    const rows = gradableRows(lap.engine).slice(1, 25)
    const last = new Map<number, { points: number; message: string; accepted: boolean }>()
    for (let round = 0; round < 3; round++) {
      for (const row of rows) {
        const points = (row.id * 3 + round) % (row.totalPoints + 1)
        const message = `round ${round} of ${row.id}`
        const accepted = (row.id + round) % 4 !== 0
        evaluate(row.id, points, message, accepted)
        last.set(row.id, { points, message, accepted })
      }
    }
    // Network faults on grade requests, chosen by a seeded random source.
    const random = seeded(99)
    proxy.setChooser((method, path) => {
      if (method !== 'POST' || !EVALUATE.test(path)) return null
      const roll = random()
      if (roll < 0.15) return { kind: 'status', status: 500 }
      if (roll < 0.25) return { kind: 'lose-response' }
      if (roll < 0.3) return { kind: 'timeout', forward: random() < 0.5, holdMs: 1_000 }
      if (roll < 0.35) return { kind: 'status', status: 429, retryAfter: '5' }
      return { kind: 'delay', ms: Math.floor(random() * 20) }
    })
    const clock = lap.clock as TestClock
    try {
      for (let i = 0; i < 12 && lap.status().pending + lap.status().sending > 0; i++) {
        clock.advance(10 * 60_000)
        await lap.syncNow()
      }
    } finally {
      proxy.setChooser(null)
    }
    await proxy.idle()
    await syncUntilSettled(lap)

    for (const row of rows) {
      const want = last.get(row.id)!
      expect(await serverGrade(row.id), `status row ${row.id}`).toMatchObject({
        status: want.accepted ? 'Completed' : 'Rejected',
        points: want.points,
        message: want.message,
      })
    }
    expect(lap.status()).toMatchObject({ conflicts: 0 })
    expectQueueEmpty(lap)
  })

  it('a submission graded again in one run is read once before its first grade; the next run reads it again and holds a grade changed there', async () => {
    proxy.clearRules()
    const row = gradableRows(lap.engine)[30]
    const READ = new RegExp(`^/api/module/assignment/submissions\\?statusRowId=${row.id}$`)
    const reads = proxy.upstreamCount('GET', READ)
    const sends = proxy.upstreamCount('POST', EVALUATE)
    for (const [i, points] of [1, 2, 3].entries()) evaluate(row.id, points, `same run ${i}`)
    await lap.syncNow()
    expectQueueEmpty(lap)
    // One read before the first grade; the two after it follow this run's own accepted grade.
    expect(proxy.upstreamCount('GET', READ) - reads).toBe(1)
    expect(proxy.upstreamCount('POST', EVALUATE) - sends).toBe(3)
    expect(await serverGrade(row.id)).toMatchObject({ status: 'Completed', points: 3, message: 'same run 2' })

    // Graded on the hosted LMS meanwhile: a new run reads the row again and holds the laptop's grade.
    const changed = await request(world.server, 'POST', '/api/module/assignment/evaluate', {
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: { statusRowId: row.id, evaluation: { pointsAwarded: 0, isAccepted: false, instructorMessage: 'changed on the hosted LMS' } },
    })
    expect(changed.status).toBe(200)
    evaluate(row.id, 4, 'after the hosted change')
    await lap.syncNow()
    expect(proxy.upstreamCount('GET', READ) - reads).toBe(2)
    expect(await serverGrade(row.id)).toMatchObject({ status: 'Rejected', points: 0, message: 'changed on the hosted LMS' })
    expect(lap.status()).toMatchObject({ conflicts: 1 })
  })
  it('a grade sent, then changed here before the next run: the change is sent, no conflict with the laptop\'s own grade', async () => {
    proxy.clearRules()
    const row = gradableRows(lap.engine)[31]
    const conflictsBefore = lap.status().conflicts
    evaluate(row.id, 5, 'first sent')
    const unsentOfRow = () => lap.queue().filter((r) => r.input.statusRowId === row.id)
    await lap.syncNow()
    expect(unsentOfRow()).toEqual([])
    evaluate(row.id, 6, 'changed my mind')
    await lap.syncNow()
    expect(await serverGrade(row.id)).toMatchObject({ status: 'Completed', points: 6, message: 'changed my mind' })
    expect(lap.status().conflicts).toBe(conflictsBefore)
    expect(unsentOfRow()).toEqual([])
  })
})
