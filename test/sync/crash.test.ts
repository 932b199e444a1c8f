// Issue 4, scenario 4: the laptop process is killed at named points of a create, for real:
// a child process runs the engine and is SIGKILLed (crash-child.ts) —
//   before send:     the record is already `sending` with its attempt counted, no request left;
//   after send:      the stand-in committed, the answer is held by the proxy when the kill comes;
//   after response:  the answer arrived, the mapping and `done` were never committed.
// Then a NEW engine opens the same data folder (the restart) and syncs with faults off:
// no duplicate on the server, nothing lost, the queue empty.
// The stand-in is the strict one, which (like the real hosted LMS) honours no
// Idempotency-Key, so only the laptop's look-up before a resend can prevent a duplicate.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../http/server'
import {
  configure,
  expectQueueEmpty,
  newCourse,
  newUser,
  openLaptop,
  serverCourses,
  serverEnrollments,
  serverUsersByEmail,
  startHosted,
  syncUntilSettled,
  uniqueToken,
  type Hosted,
  type Laptop,
} from './world'

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-child.ts')

let hosted: Hosted
const laptops: Laptop[] = []
beforeAll(async () => {
  hosted = await startHosted()
})
afterAll(async () => {
  for (const laptop of laptops) laptop.dispose()
  await hosted?.stop()
})

interface ChildRun {
  signal: NodeJS.Signals | null
  code: number | null
  stdout: string
  stderr: string
}

/** Runs one sync in a child process that dies at `killAt`; for 'after-send' this test kills it once the stand-in has the request. */
async function crashingSync(dir: string, killAt: 'before-send' | 'after-send' | 'after-response', target: RegExp): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, killAt === 'after-send' ? 'none' : killAt, target.source], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  const exited = new Promise<ChildRun>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })))
  if (killAt === 'after-send') {
    const from = hosted.proxy.log.length
    const deadline = Date.now() + 30_000
    while (!hosted.proxy.log.slice(from).some((e) => e.method === 'POST' && target.test(e.path) && e.forwarded > 0)) {
      if (Date.now() > deadline || child.exitCode !== null) break
      await new Promise((r) => setTimeout(r, 10))
    }
    child.kill('SIGKILL')
  }
  const run = await exited
  return { ...run, stdout, stderr }
}

const TARGETS = {
  'the user create': { path: /^\/api\/user\/create$/, operation: 'users.create' },
  'the enrollment': { path: /^\/api\/course\/enroll\/\d+$/, operation: 'courses.enroll' },
} as const

describe('scenario 4: the process is killed during a create, then restarted', () => {
  const cases = (['before-send', 'after-send', 'after-response'] as const).flatMap((point) =>
    (Object.keys(TARGETS) as (keyof typeof TARGETS)[]).map((target) => [point, target] as const),
  )

  it.each(cases)('killed %s of %s: no duplicate, nothing lost, queue empty after a sync', async (point, targetName) => {
    const { path: target, operation } = TARGETS[targetName]
    hosted.proxy.clearRules()
    const token = uniqueToken('crash')
    const email = `${token}@example.org`
    const slug = `crash-${token}`

    // The laptop's work, queued and configured, then the app is closed.
    const before = await openLaptop()
    configure(before, hosted)
    const userId = before.call('users.create', newUser(email)).id
    const courseId = before.call('courses.create', newCourse(`Crash ${token}`, slug)).id
    before.call('courses.enroll', { id: courseId, studentIds: [userId] })
    before.close()
    const creates = (re: RegExp) => hosted.proxy.upstreamCount('POST', re)
    const createsBefore = creates(target)

    if (point === 'after-send') hosted.proxy.addRule({ method: 'POST', path: target, fault: { kind: 'timeout', forward: true, holdMs: 30_000 } })
    const run = await crashingSync(before.dir, point, target)
    expect(run.signal, `child stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe('SIGKILL')
    expect(run.stdout).toMatch(/^request \//m)
    expect(run.stdout).not.toMatch(/^result /m)
    hosted.proxy.clearRules()
    await hosted.proxy.idle()
    // The stand-in got the request at every point but "before send".
    expect(creates(target) - createsBefore).toBe(point === 'before-send' ? 0 : 1)

    // Restart: a new engine on the same folder.
    const lap = await openLaptop({ dir: before.dir })
    laptops.push(lap)
    const crashed = lap.queue().find((r) => r.operation === operation)
    expect(crashed).toMatchObject({ state: 'sending', attempts: 1 })

    await syncUntilSettled(lap)

    const users = await serverUsersByEmail(hosted, email)
    expect(users).toHaveLength(1)
    const courses = (await serverCourses(hosted, token)).filter((c) => c.slug === slug)
    expect(courses).toHaveLength(1)
    const enrollments = await serverEnrollments(hosted, courses[0].id)
    expect(enrollments.map((e) => e.user_id)).toEqual([users[0].id])
    expect(lap.serverId('user', userId)).toBe(users[0].id)
    expect(lap.serverId('course', courseId)).toBe(courses[0].id)
    const enrollment = lap.engine.sql.raw.prepare('SELECT id FROM enrollments WHERE user_id = ? AND course_id = ?').get(userId, courseId) as { id: number }
    expect(lap.serverId('enrollment', enrollment.id)).toBe(enrollments[0].id)
    // One request of the crashed create reached the stand-in in all: never a blind resend.
    expect(creates(target) - createsBefore).toBe(1)
    expectQueueEmpty(lap)
  })
})
