// Two laptops, one hosted LMS: two trainers start from the same strict stand-in (the demo
// world, `serve --hosted`), each through its own fault proxy, and in a seeded random order
// grade submissions (each trainer their own), mark attendance in the same class (both may
// mark one learner: the last mark sent wins), import learners from CSV, and sync through
// random faults (answers lost after commit, timeouts, 500, 503, 429, delays). Then, faults
// off, both sync until settled and once more, and they converge: nothing unsent or parked,
// every grade and imported learner on the hosted LMS exactly once and as its trainer left
// it, every mark one of the last ones made, and both laptops holding what the hosted LMS
// holds. SYNC_SEED=3 replays one seed; SYNC_SEED=1-20 runs more.
import { describe, expect, it } from 'vitest'
import { fakeClock } from '../engine/helpers'
import { request } from '../http/server'
import { startFaultProxy, type Fault, type FaultProxy } from './fault-proxy'
import { randomFault, seedsFrom } from './random-faults'
import { openLaptop, seeded, startHosted, syncUntilSettled, TOKEN, type Laptop } from './world'

const SEEDS = seedsFrom(process.env.SYNC_SEED, 3)
const STEPS = 14
const STATUSES = ['Attended', 'No Show', 'Cancelled', 'Registered'] as const
const auth = { Authorization: `Bearer ${TOKEN}` }

interface Trainer {
  name: 'A' | 'B'
  lap: Laptop
  proxy: FaultProxy
  /** Server status row id → this trainer's last grade of it. */
  grades: Map<number, { points: number; message: string }>
  /** Server registration id → this trainer's last mark. */
  marks: Map<number, string>
  emails: string[]
}

const serverIdOf = (lap: Laptop, entity: string, localId: number) => lap.serverId(entity, localId)
const localIdOf = (lap: Laptop, entity: string, serverId: number) =>
  (lap.engine.sql.raw.prepare('SELECT local_id FROM id_map WHERE entity = ? AND server_id = ?').get(entity, serverId) as { local_id: number } | undefined)?.local_id

describe('two laptops, one hosted LMS', () => {
  it.each(SEEDS)('seed %i: grades, marks and imports from both converge with faults, without duplicates or lost writes', { timeout: 300_000 }, async (seed) => {
    const rng = seeded(seed * 6_271)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]
    const trail: string[] = []
    const hosted = await startHosted({ demo: true })
    const server = async (url: string) => {
      const answer = await request(hosted.server, 'GET', url, { headers: auth })
      if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}: ${answer.text.slice(0, 300)}`)
      return answer.json
    }
    const clock = fakeClock()
    const trainers: Trainer[] = []
    try {
      for (const name of ['A', 'B'] as const) {
        const proxy = await startFaultProxy(hosted.server.port, { defaultHoldMs: 300 })
        const lap = await openLaptop({ clock, timeoutMs: 200, random: seeded(seed + name.charCodeAt(0)), pull: true })
        lap.call('sync.configure', { serverUrl: proxy.url, token: TOKEN })
        trainers.push({ name, lap, proxy, grades: new Map(), marks: new Map(), emails: [] })
      }
      // Both start from the hosted LMS as it is, faults off (a first sync at an ordinary timeout).
      for (const t of trainers) {
        t.lap.close()
        t.lap = await openLaptop({ dir: t.lap.dir, clock, timeoutMs: 10_000, random: seeded(seed), pull: true })
        expect((await t.lap.syncNow()).stoppedBecause).toBeNull()
      }
      // The submitted assignment rows, split between the trainers (each grades their own).
      const rows = (trainers[0].lap.engine.sql.raw
        .prepare(
          `SELECT m.server_id AS server, t.total_points AS total FROM module_status ms JOIN modules t ON t.id = ms.module_id
           JOIN id_map m ON m.entity = 'module_status' AND m.local_id = ms.id WHERE ms.status = 'Submitted' AND t.type = 'assignment' ORDER BY m.server_id`,
        )
        .all() as { server: number; total: number }[])
      expect(rows.length).toBeGreaterThanOrEqual(4)
      const rowsOf = (t: Trainer) => rows.filter((_, i) => i % 2 === (t.name === 'A' ? 0 : 1))
      // The registrations of the demo world's first class, marked by both.
      const registrations = trainers[0].lap.engine.sql.raw
        .prepare("SELECT m.server_id AS server FROM class_enrollments ce JOIN id_map m ON m.entity = 'class_enrollment' AND m.local_id = ce.id JOIN id_map mc ON mc.entity = 'class' AND mc.local_id = ce.class_id AND mc.server_id = 1 ORDER BY m.server_id")
        .all() as { server: number }[]
      expect(registrations.length).toBeGreaterThanOrEqual(4)
      const marked = registrations.slice(0, 6).map((r) => r.server)

      let n = 0
      const act = async (t: Trainer, forced?: number) => {
        const roll = forced ?? rng()
        if (roll < 0.3) {
          const row = pick(rowsOf(t))
          const points = Math.floor(rng() * (row.total + 1))
          const message = `${t.name} ${++n}`
          t.lap.call('assignments.evaluate', { statusRowId: localIdOf(t.lap, 'module_status', row.server)!, evaluation: { pointsAwarded: points, isAccepted: rng() < 0.7, instructorMessage: message } })
          t.grades.set(row.server, { points, message })
          trail.push(`${t.name} grades row ${row.server}: ${points}`)
        } else if (roll < 0.6) {
          const registration = pick(marked)
          const status = pick(STATUSES)
          t.lap.call('classes.updateStatus', { id: localIdOf(t.lap, 'class_enrollment', registration)!, status })
          t.marks.set(registration, status)
          trail.push(`${t.name} marks ${registration}: ${status}`)
        } else if (roll < 0.72) {
          const emails = [1, 2].map((k) => `imp.${seed}.${t.name.toLowerCase()}${++n}.${k}@two.test`)
          const csv = ['first_name,last_name,email', ...emails.map((e, k) => `Imp${k},${t.name},${e}`)].join('\n')
          await t.lap.async.result('import.commit', { contentBase64: Buffer.from(csv).toString('base64') })
          t.emails.push(...emails)
          trail.push(`${t.name} imports ${emails.join(', ')}`)
        } else {
          t.proxy.setChooser((method): Fault | null => {
            const fault = randomFault(rng, 0.3, ['lose-response', 'timeout', '500', '503', '429', 'delay', 'duplicate'])
            // A create the network delivers twice is a second row no client can prevent.
            return fault?.kind === 'duplicate' && method === 'POST' ? null : fault
          })
          clock.advance(Math.floor(rng() * 3 * 60_000))
          const summary = await t.lap.syncNow()
          t.proxy.setChooser(null)
          trail.push(`${t.name} syncs: pushed ${summary.pushed}, ${summary.stoppedBecause ?? 'finished'}`)
        }
      }
      // Each trainer grades, marks and imports at least once; then a random order of more work and syncs.
      for (const t of trainers) for (const kind of [0.1, 0.4, 0.65]) await act(t, kind)
      for (let step = 0; step < STEPS; step++) await act(pick(trainers))

      // Faults off; ordinary timeouts; each syncs until nothing is left to send, then once more to pull the other's.
      for (const t of trainers) {
        await t.proxy.idle()
        t.lap.close()
        t.lap = await openLaptop({ dir: t.lap.dir, clock, timeoutMs: 10_000, random: seeded(seed), pull: true })
      }
      for (let round = 0; round < 6; round++) {
        for (const t of trainers) {
          clock.advance(24 * 60 * 60_000)
          await t.lap.syncNow()
        }
        if (trainers.every((t) => t.lap.status().pending + t.lap.status().sending === 0)) break
      }
      for (const t of trainers) await t.lap.syncNow()

      const context = `seed ${seed}:\n${trail.join('\n')}`
      expect(trainers.every((t) => t.grades.size > 0 && t.marks.size > 0 && t.emails.length > 0)).toBe(true)
      for (const t of trainers) {
        expect(t.lap.queue(), `${t.name}'s unsent records; ${context}`).toEqual([])
        expect(t.lap.parked(), context).toEqual([])
      }

      // Grades: each row's last grade by its trainer is the hosted LMS's, and both laptops hold it.
      for (const t of trainers) {
        for (const [row, grade] of t.grades) {
          const detail = await server(`/api/module/assignment/submissions?statusRowId=${row}`)
          const latest = [...detail.submissions].reverse().find((s: { points_awarded: unknown }) => s.points_awarded !== null)
          expect({ points: latest?.points_awarded, message: latest?.instructor_message }, `row ${row}; ${context}`).toEqual(grade)
          for (const other of trainers) {
            const local = other.lap.engine.sql.raw.prepare('SELECT points_awarded FROM module_status WHERE id = ?').get(localIdOf(other.lap, 'module_status', row)) as { points_awarded: number }
            expect(local.points_awarded, `row ${row} on ${other.name}; ${context}`).toBe(grade.points)
          }
        }
      }

      // Marks: the hosted LMS holds one of the last marks made, and both laptops hold what it holds.
      const users = (await server('/api/users/lookup')) as { id: number; email: string }[]
      for (const registration of new Set([...trainers[0].marks.keys(), ...trainers[1].marks.keys()])) {
        const holders = trainers.map((t) => t.lap.engine.sql.raw.prepare('SELECT user_id FROM class_enrollments WHERE id = ?').get(localIdOf(t.lap, 'class_enrollment', registration)) as { user_id: number })
        const serverUser = serverIdOf(trainers[0].lap, 'user', holders[0].user_id)!
        const theirs = ((await server(`/api/users/enrolled-classes?user_id=${serverUser}&page_size=100&page_number=1`)).records as { id: number; status: string }[]).find((r) => r.id === registration)
        const last = trainers.map((t) => t.marks.get(registration)).filter((m): m is string => m !== undefined)
        expect(last, `registration ${registration}; ${context}`).toContain(theirs?.status)
        for (const t of trainers) {
          const local = t.lap.engine.sql.raw.prepare('SELECT status FROM class_enrollments WHERE id = ?').get(localIdOf(t.lap, 'class_enrollment', registration)) as { status: string }
          expect(local.status, `registration ${registration} on ${t.name}; ${context}`).toBe(theirs?.status)
        }
      }

      // Imports: every learner once on the hosted LMS, once on each laptop, mapped to the same id.
      const emails = users.map((u) => u.email)
      expect(emails.length - new Set(emails).size, `duplicate users on the hosted LMS; ${context}`).toBe(0)
      for (const email of trainers.flatMap((t) => t.emails)) {
        const hostedUser = users.find((u) => u.email === email)
        expect(hostedUser, `${email}; ${context}`).toBeDefined()
        for (const t of trainers) {
          const here = t.lap.engine.sql.raw.prepare('SELECT id FROM users WHERE email_key = ?').all(email) as { id: number }[]
          expect(here, `${email} on ${t.name}; ${context}`).toHaveLength(1)
          expect(serverIdOf(t.lap, 'user', here[0].id), `${email} on ${t.name}; ${context}`).toBe(hostedUser!.id)
        }
      }
    } finally {
      for (const t of trainers) {
        t.lap.dispose()
        await t.proxy.stop()
      }
      await hosted.stop()
    }
  })
})

// The same records changed on both laptops: nothing the trainers did is overwritten
// silently. The second laptop to sync is shown each clash (a grade, a learner's first
// name) with its base and both sides kept, sends neither side until the user chooses, and
// the side chosen reaches the hosted LMS and the other laptop. The same learners imported
// on both laptops exist once on the hosted LMS, even with the second laptop's answers lost.
describe('two laptops, one hosted LMS: the same records changed on both', () => {
  it('shows each clash with both sides kept, sends the side chosen, and imports the same learners once', { timeout: 300_000 }, async () => {
    const hosted = await startHosted({ demo: true })
    const clock = fakeClock()
    const laps: Laptop[] = []
    const server = async (url: string) => {
      const answer = await request(hosted.server, 'GET', url, { headers: auth })
      if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}: ${answer.text.slice(0, 300)}`)
      return answer.json
    }
    try {
      for (let i = 0; i < 2; i++) {
        const lap = await openLaptop({ clock, timeoutMs: 10_000, random: seeded(7 + i), pull: true })
        lap.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
        expect((await lap.syncNow()).stoppedBecause).toBeNull()
        laps.push(lap)
      }
      const [a, b] = laps
      const row = a.engine.sql.raw
        .prepare(
          `SELECT m.server_id AS server, t.total_points AS total FROM module_status ms JOIN modules t ON t.id = ms.module_id
           JOIN id_map m ON m.entity = 'module_status' AND m.local_id = ms.id WHERE ms.status = 'Submitted' AND t.type = 'assignment' ORDER BY m.server_id LIMIT 1`,
        )
        .get() as { server: number; total: number }
      const [learner, other] = a.engine.sql.raw
        .prepare("SELECT m.server_id AS server, u.first_name AS first FROM users u JOIN id_map m ON m.entity = 'user' AND m.local_id = u.id WHERE u.user_type = 'general' ORDER BY m.server_id LIMIT 2")
        .all() as { server: number; first: string }[]
      const grade = (lap: Laptop, points: number, message: string) =>
        lap.call('assignments.evaluate', { statusRowId: localIdOf(lap, 'module_status', row.server)!, evaluation: { pointsAwarded: points, isAccepted: true, instructorMessage: message } })
      const rename = (lap: Laptop, firstName: string, who = learner) => {
        const id = localIdOf(lap, 'user', who.server)!
        const u = lap.engine.sql.raw.prepare('SELECT last_name, email FROM users WHERE id = ?').get(id) as { last_name: string; email: string }
        lap.call('users.update', { id, firstName, lastName: u.last_name, email: u.email })
      }
      const emails = ['same.one@two-laptops.test', 'same.two@two-laptops.test']
      const csvOf = (list: string[]) => Buffer.from(['first_name,last_name,email', ...list.map((e, i) => `Same${i},Learner,${e}`)].join('\n')).toString('base64')
      const onlyB = 'only.b@two-laptops.test'

      grade(a, Math.min(4, row.total), 'Graded on laptop A')
      rename(a, 'Anna')
      await a.async.result('import.commit', { contentBase64: csvOf(emails) })
      grade(b, Math.min(7, row.total), 'Graded on laptop B')
      rename(b, 'Bea')
      rename(b, 'Solo', other)
      await b.async.result('import.commit', { contentBase64: csvOf([...emails, onlyB]) })

      const summaryA = await a.syncNow()
      expect(summaryA.stoppedBecause).toBeNull()
      expect(a.queue()).toEqual([])
      // Laptop B's writes answered, then lost on the way back: whatever it sends is confirmed, not sent twice.
      const uploads = () => hosted.proxy.upstreamCount('POST', /^\/api\/user\/bulkUpload$/)
      const uploadsBefore = uploads()
      hosted.proxy.addRule({ method: 'POST', path: /^\/api\/user\/bulkUpload$/, nth: 1, fault: { kind: 'lose-response' } })
      hosted.proxy.addRule({ method: 'PUT', path: /^\/api\/user\//, nth: 1, fault: { kind: 'lose-response' } })
      await syncUntilSettled(b)
      await b.syncNow()
      hosted.proxy.clearRules()
      // Both faults met a request of B's (the answers it never got were confirmed afterwards).
      expect(hosted.proxy.log.filter((e) => e.fault === 'lose-response').map((e) => e.method).sort()).toEqual(['POST', 'PUT'])

      // B is shown both clashes, with the base and both sides; nothing of B's was sent over A's.
      const conflicts = b.call('sync.conflicts', {})
      const gradeClash = conflicts.find((c) => c.entity === 'evaluation')
      const nameClash = conflicts.find((c) => c.entity === 'user' && c.field === 'first_name')
      expect(gradeClash, JSON.stringify(conflicts)).toMatchObject({ mine: { points: Math.min(7, row.total), message: 'Graded on laptop B' }, theirs: { points: Math.min(4, row.total), message: 'Graded on laptop A' } })
      expect(nameClash, JSON.stringify(conflicts)).toMatchObject({ base: learner.first, mine: 'Bea', theirs: 'Anna' })
      const localB = (sql: string) => b.engine.sql.raw.prepare(sql)
      expect(localB('SELECT points_awarded AS p FROM module_status WHERE id = ?').get(localIdOf(b, 'module_status', row.server))).toEqual({ p: Math.min(7, row.total) })
      expect(localB('SELECT first_name AS f FROM users WHERE id = ?').get(localIdOf(b, 'user', learner.server))).toEqual({ f: 'Bea' })
      const serverGrade = async () => {
        const detail = await server(`/api/module/assignment/submissions?statusRowId=${row.server}`)
        const latest = [...detail.submissions].reverse().find((s: { points_awarded: unknown }) => s.points_awarded !== null)
        return { points: Number(latest?.points_awarded), message: latest?.instructor_message }
      }
      expect(await serverGrade()).toEqual({ points: Math.min(4, row.total), message: 'Graded on laptop A' })
      expect((await server(`/api/user/${learner.server}`)).firstName).toBe('Anna')

      // B keeps its own grade and takes A's name.
      b.call('sync.resolve', { id: gradeClash!.id, choice: 'mine' })
      b.call('sync.resolve', { id: nameClash!.id, choice: 'theirs' })
      await syncUntilSettled(b)
      await a.syncNow()
      for (const lap of laps) {
        expect(lap.queue()).toEqual([])
        expect(lap.parked()).toEqual([])
        expect(lap.call('sync.conflicts', {})).toEqual([])
        const here = lap.engine.sql.raw
        expect(here.prepare('SELECT points_awarded AS p FROM module_status WHERE id = ?').get(localIdOf(lap, 'module_status', row.server))).toEqual({ p: Math.min(7, row.total) })
        expect(here.prepare('SELECT first_name AS f FROM users WHERE id = ?').get(localIdOf(lap, 'user', learner.server))).toEqual({ f: 'Anna' })
      }
      expect(await serverGrade()).toEqual({ points: Math.min(7, row.total), message: 'Graded on laptop B' })
      expect((await server(`/api/user/${learner.server}`)).firstName).toBe('Anna')

      // The learners both imported: once on the hosted LMS, once on each laptop, mapped to it.
      const users = (await server('/api/users/lookup')) as { id: number; email: string }[]
      for (const email of [...emails, onlyB]) {
        const there = users.filter((u) => u.email === email)
        expect(there, email).toHaveLength(1)
        for (const lap of laps) {
          const local = lap.engine.sql.raw.prepare('SELECT id FROM users WHERE email_key = ?').all(email) as { id: number }[]
          expect(local, email).toHaveLength(1)
          expect(lap.serverId('user', local[0].id), email).toBe(there[0].id)
        }
      }
      // B's upload carried only the learner A had not sent, reached the hosted LMS once, and was confirmed by email.
      expect(uploads() - uploadsBefore).toBe(1)
      const sentUpload = hosted.proxy.log.filter((e) => e.method === 'POST' && e.path === '/api/user/bulkUpload').at(-1)!
      expect((JSON.parse(sentUpload.body) as { userList: { email: string }[] }).userList.map((u) => u.email)).toEqual([onlyB])
      // The rename without a clash, its answer lost, is on the hosted LMS and on A.
      expect((await server(`/api/user/${other.server}`)).firstName).toBe('Solo')
      expect(a.engine.sql.raw.prepare('SELECT first_name AS f FROM users WHERE id = ?').get(localIdOf(a, 'user', other.server))).toEqual({ f: 'Solo' })
    } finally {
      for (const lap of laps) lap.dispose()
      await hosted.stop()
    }
  })
})
