// Issue 4, scenario 12, both directions: randomized runs with fixed seeds, each against
// its own strict stand-in hosted LMS (`serve --hosted`, a real engine over HTTP on
// 127.0.0.1 answering only as the reference documents, no Idempotency-Key) behind the
// fault proxy. Each seed interleaves local writes on the laptop (users created and edited,
// courses created and edited, enrollments added and removed), writes made directly on the
// server by "someone else" (the same, plus users and courses deleted), and syncs (push and
// pull) through random faults: answers lost after commit, timeouts with and without
// commit, 500, 503, 429, duplicated reads and updates (a create delivered twice is a
// second row no client can prevent), delays, and restarts of the laptop. Then,
// faults off, it syncs until settled, choosing mine or theirs at random for every
// conflict shown, and checks: the queue is empty, nothing is parked, the laptop and the
// server hold the same users, courses and enrollments with the same values, and no
// natural key is duplicated on either side.
//
// Local deletes of users and courses are in the push run (randomized.test.ts): here a
// server-side enrollment could make the hosted LMS keep a row the laptop deleted, which
// is shown to the user as a parked delete rather than converging by itself.
//
// A failing seed replays alone: SYNC_SEED=17 npx vitest run test/sync/randomized-pull.test.ts
import { describe, expect, it } from 'vitest'
import { fakeClock } from '../engine/helpers'
import { request } from '../http/server'
import type { Fault } from './fault-proxy'
import { randomFault, seedsFrom } from './random-faults'
import { createOnServer, expectQueueEmpty, openLaptop, seeded, serverCourses, serverEnrollments, serverUsers, startHosted, TOKEN, type Laptop } from './world'

const SEEDS = seedsFrom(process.env.SYNC_SEED)
const STEPS = 20
const auth = { Authorization: `Bearer ${TOKEN}` }

function localState(lap: Laptop) {
  const raw = lap.engine.sql.raw
  return {
    users: raw.prepare('SELECT id, first_name, last_name, email FROM users ORDER BY id').all() as { id: number; first_name: string; last_name: string; email: string }[],
    courses: raw.prepare('SELECT id, name, slug, status FROM courses ORDER BY id').all() as { id: number; name: string; slug: string; status: 'draft' | 'publish' }[],
    enrollments: raw.prepare('SELECT id, user_id, course_id FROM enrollments ORDER BY id').all() as { id: number; user_id: number; course_id: number }[],
  }
}

describe.concurrent('scenario 12 (push and pull): randomized writes on both sides, faults and restarts converge', () => {
  // Five seeds run at once, each with its own stand-in: on a loaded two-core machine one takes up to a minute.
  it.each(SEEDS)('seed %i', { timeout: 240_000 }, async (seed) => {
    const rng = seeded(seed * 104_729)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]
    const chance = (p: number) => rng() < p
    const tag = `p${seed}`
    const trail: string[] = []
    const hosted = await startHosted({ demo: false })
    const server = async (method: string, url: string, body?: unknown) => {
      const answer = await request(hosted.server, method, url, { body, headers: auth })
      if (answer.status !== 200) throw new Error(`${method} ${url} answered ${answer.status}: ${answer.text.slice(0, 300)}`)
      return answer.json
    }
    const clock = fakeClock()
    const open = (dir?: string, timeoutMs = 150) => openLaptop({ dir, clock, timeoutMs, random: seeded(seed), pull: true })
    let lap = await open()
    lap.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
    let counter = 0

    const faultFor = (method: string): Fault | null => {
      const fault = randomFault(rng, 0.3, ['lose-response', 'timeout', '500', '503', '429', 'delay', 'duplicate'])
      return fault?.kind === 'duplicate' && method === 'POST' ? null : fault
    }

    const localWrite = () => {
      const { users, courses, enrollments } = localState(lap)
      const roll = rng()
      const n = ++counter
      if (roll < 0.2 && users.length < 6) {
        const email = `l${n}.${tag}@rand.test`
        lap.call('users.create', { firstName: `L${n}`, lastName: 'Laptop', email, password: 'random password', password_confirmation: 'random password' })
        trail.push(`laptop: create user ${email}`)
      } else if (roll < 0.4 && users.length) {
        const u = pick(users)
        lap.call('users.update', { id: u.id, firstName: `L${n}`, lastName: u.last_name, email: u.email })
        trail.push(`laptop: rename user ${u.email} to L${n}`)
      } else if (roll < 0.5 && courses.length < 3) {
        lap.call('courses.create', { name: `LC${n} ${tag}`, slug: `lc${n}-${tag}`, status: 'draft', gradingRule: 'no_grading', durationRule: 'unlimited' })
        trail.push(`laptop: create course lc${n}`)
      } else if (roll < 0.6 && courses.length) {
        const c = pick(courses)
        lap.call('courses.update', { id: c.id, name: `LC${n} ${tag}`, slug: c.slug, status: c.status, gradingRule: 'no_grading', durationRule: 'unlimited' })
        trail.push(`laptop: rename course ${c.slug} to LC${n}`)
      } else if (roll < 0.85 && users.length && courses.length) {
        const u = pick(users)
        const c = pick(courses)
        if (!enrollments.some((e) => e.user_id === u.id && e.course_id === c.id)) {
          lap.call('courses.enroll', { id: c.id, studentIds: [u.id] })
          trail.push(`laptop: enroll ${u.email} in ${c.slug}`)
        }
      } else if (enrollments.length) {
        const e = pick(enrollments)
        lap.call('courses.remove', { id: e.course_id, enrollmentIds: [e.id] })
        trail.push(`laptop: remove enrollment ${e.id}`)
      }
    }

    const serverWrite = async () => {
      const users = await serverUsers(hosted, '')
      const courses = await serverCourses(hosted, '')
      const roll = rng()
      const n = ++counter
      if (roll < 0.2 && users.length < 6) {
        const email = `s${n}.${tag}@rand.test`
        await createOnServer(hosted, { firstName: `S${n}`, lastName: 'Server', email })
        trail.push(`server: create user ${email}`)
      } else if (roll < 0.35 && users.length) {
        const u = pick(users)
        const detail = await server('GET', `/api/user/${u.id}`)
        await server('PUT', `/api/user/${u.id}`, { ...detail, firstName: `S${n}` })
        trail.push(`server: rename user ${u.email} to S${n}`)
      } else if (roll < 0.45 && users.length) {
        const u = pick(users)
        const answer = await server('POST', '/api/user/delete', { delete_ids: [u.id] })
        trail.push(`server: delete user ${u.email} (${answer.message})`)
      } else if (roll < 0.55 && courses.length < 3) {
        await server('POST', '/api/course', { name: `SC${n} ${tag}`, slug: `sc${n}-${tag}`, status: 'draft', gradingRule: 'no_grading', durationRule: 'unlimited' })
        trail.push(`server: create course sc${n}`)
      } else if (roll < 0.65 && courses.length) {
        const c = pick(courses)
        const detail = await server('GET', `/api/course/${c.id}`)
        await server('PUT', `/api/course/${c.id}`, { ...detail, name: `SC${n} ${tag}`, status: chance(0.5) ? 'publish' : 'draft' })
        trail.push(`server: rename course ${c.slug} to SC${n}`)
      } else if (roll < 0.7 && courses.length) {
        const c = pick(courses)
        const answer = await server('POST', '/api/course/delete', { delete_ids: [c.id] })
        trail.push(`server: delete course ${c.slug} (${answer.message})`)
      } else if (roll < 0.9 && users.length && courses.length) {
        const u = pick(users)
        const c = pick(courses)
        const enrolled = await serverEnrollments(hosted, c.id)
        if (!enrolled.some((e) => e.user_id === u.id)) {
          await server('POST', `/api/course/enroll/${c.id}`, { studentIds: [u.id] })
          trail.push(`server: enroll ${u.email} in ${c.slug}`)
        }
      } else if (courses.length) {
        const c = pick(courses)
        const enrolled = await serverEnrollments(hosted, c.id)
        if (enrolled.length) {
          const e = pick(enrolled)
          await server('POST', `/api/course/remove/${c.id}`, { enrollmentIds: [e.id] })
          trail.push(`server: remove ${e.email} from ${c.slug}`)
        }
      }
    }

    try {
      for (let step = 0; step < STEPS; step++) {
        const roll = rng()
        if (roll < 0.35) localWrite()
        else if (roll < 0.65) await serverWrite()
        else if (roll < 0.95) {
          hosted.proxy.setChooser(faultFor)
          clock.advance(Math.floor(rng() * 5 * 60_000))
          const running = lap.syncNow()
          if (chance(0.3)) {
            await new Promise((r) => setTimeout(r, Math.floor(rng() * 20)))
            localWrite()
          }
          const summary = await running
          trail.push(`sync: pushed ${summary.pushed}, pulled ${summary.pulled}, conflicts ${summary.conflicts}, ${summary.stoppedBecause ?? 'finished'}`)
          hosted.proxy.setChooser(null)
        } else {
          lap.close()
          lap = await open(lap.dir)
          trail.push('restart')
        }
      }

      hosted.proxy.setChooser(null)
      await hosted.proxy.idle()
      lap.close()
      lap = await open(lap.dir, 10_000)
      // Settle: sync, answer every conflict shown (mine or theirs at random), until quiet.
      for (let run = 0; run < 12; run++) {
        clock.advance(24 * 60 * 60_000)
        const summary = await lap.syncNow()
        const conflicts = lap.call('sync.conflicts', {})
        for (const c of conflicts) {
          const choice = chance(0.5) ? 'mine' : 'theirs'
          lap.call('sync.resolve', { id: c.id, choice })
          trail.push(`resolve ${c.label}: ${choice}`)
        }
        const status = lap.status()
        if (!conflicts.length && summary.stoppedBecause === null && status.pending + status.sending + status.parked === 0) break
      }

      const context = `seed ${seed}:\n${trail.join('\n')}\nqueue: ${JSON.stringify(lap.queue(), null, 1)}`
      expect(lap.parked(), context).toEqual([])
      expectQueueEmpty(lap)
      expect(lap.call('sync.conflicts', {}), context).toEqual([])

      const local = localState(lap)
      const mapped = (entity: string, id: number) => lap.serverId(entity, id)
      const onServerUsers = await serverUsers(hosted, '')
      const emails = onServerUsers.map((u) => u.email)
      expect(new Set(emails).size, `duplicate emails on the server; ${context}`).toBe(emails.length)
      expect(new Set(local.users.map((u) => u.email)).size, `duplicate emails here; ${context}`).toBe(local.users.length)
      expect([...emails].sort(), context).toEqual(local.users.map((u) => u.email).sort())
      for (const u of local.users) {
        const s = onServerUsers.find((x) => x.email === u.email)!
        expect(mapped('user', u.id), context).toBe(s.id)
        expect([s.first_name, s.last_name], `${u.email}; ${context}`).toEqual([u.first_name, u.last_name])
      }
      const onServerCourses = await serverCourses(hosted, '')
      const slugs = onServerCourses.map((c) => c.slug)
      expect(new Set(slugs).size, `duplicate slugs on the server; ${context}`).toBe(slugs.length)
      expect([...slugs].sort(), context).toEqual(local.courses.map((c) => c.slug).sort())
      for (const c of local.courses) {
        const s = onServerCourses.find((x) => x.slug === c.slug)!
        expect(mapped('course', c.id), context).toBe(s.id)
        expect([s.name, s.status], `${c.slug}; ${context}`).toEqual([c.name, c.status])
        const serverSide = (await serverEnrollments(hosted, s.id)).map((e) => e.user_id).sort()
        const localSide = local.enrollments.filter((e) => e.course_id === c.id).map((e) => mapped('user', e.user_id)).sort()
        expect(serverSide, `enrollments of ${c.slug}; ${context}`).toEqual(localSide)
      }
    } finally {
      lap.dispose()
      await hosted.stop()
    }
  })
})
