// Pull and conflicts against a stand-in hosted LMS (`serve --demo`, a second real engine
// over HTTP on 127.0.0.1). Scenarios 8, 9 and 10 of the sync issue. The only things
// replaced are outside the product: a fetch wrapper that changes the server between page
// fetches or drops the connection (a network fault), said where used.
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { clientOf } from '../engine/helpers'
import { useDemoPair, type DemoPair } from './demo-pair'

const pair = useDemoPair()
const { server, openLaptop, syncNow } = pair
let laptop: Engine
let hosted: DemoPair['hosted']
let dir: string
beforeEach(() => {
  hosted = pair.hosted
  dir = pair.dir
})
const open = async (options?: Parameters<DemoPair['openLaptop']>[0]) => (laptop = await openLaptop(options))
const localUserOf = (serverId: number) => pair.localOf<{ id: number; first_name: string; last_name: string; email: string }>('user', 'users', serverId)

describe('pull', () => {
  it('9: edits to different fields of one user, here and on the server, both survive without a conflict', async () => {
    await open()
    expect((await syncNow()).stoppedBecause).toBeNull()
    const local = localUserOf(4)!
    expect(local).toMatchObject({ first_name: 'John', last_name: 'Doe' })

    clientOf(laptop).call('users.update', { id: local.id, firstName: 'Johnny', lastName: 'Doe', email: local.email })
    const remote = await server('GET', '/api/user/4')
    expect((await server('PUT', '/api/user/4', { ...remote.json, lastName: 'Doe-Smith' })).status).toBe(200)

    const summary = await syncNow()
    expect(summary).toMatchObject({ conflicts: 0, stoppedBecause: null })
    expect((await server('GET', '/api/user/4')).json).toMatchObject({ firstName: 'Johnny', lastName: 'Doe-Smith' })
    expect(localUserOf(4)).toMatchObject({ first_name: 'Johnny', last_name: 'Doe-Smith' })
    expect(clientOf(laptop).call('sync.status', {})).toMatchObject({ pending: 0, sending: 0, parked: 0, conflicts: 0 })
  })

  it('pulls the enrollments of every course known on both sides, and enrollments made on the server later', async () => {
    await open()
    expect((await syncNow()).stoppedBecause).toBeNull()
    const localCourse = (laptop.sql.raw.prepare("SELECT local_id FROM id_map WHERE entity = 'course' AND server_id = 1").get() as { local_id: number }).local_id
    const serverStudents = async () =>
      (await server('GET', '/api/course/enrolled-students?course_id=1&group_id=1&page_size=100&page_number=1')).json.records as { id: number; user_id: number; status: string }[]
    const localStudents = () =>
      laptop.sql.raw
        .prepare("SELECT mu.server_id AS user_id, e.status FROM enrollments e JOIN id_map mu ON mu.entity = 'user' AND mu.local_id = e.user_id WHERE e.course_id = ? ORDER BY mu.server_id")
        .all(localCourse) as { user_id: number; status: string }[]
    const byUser = (rows: { user_id: number; status: string }[]) => rows.map((r) => ({ user_id: r.user_id, status: r.status })).sort((a, b) => a.user_id - b.user_id)
    expect(byUser(localStudents())).toEqual(byUser(await serverStudents()))

    expect((await server('POST', '/api/course/enroll/1', { studentIds: [20] })).status).toBe(200)
    await syncNow()
    expect(localStudents().map((r) => r.user_id)).toContain(20)
    expect(byUser(localStudents())).toEqual(byUser(await serverStudents()))
    expect(clientOf(laptop).call('sync.status', {})).toMatchObject({ pending: 0, parked: 0 })
  })

  it('the same field edited both places is a conflict with base, mine and theirs; theirs adopts the server value', async () => {
    await open()
    await syncNow()
    const local = localUserOf(4)!
    clientOf(laptop).call('users.update', { id: local.id, firstName: 'Mine', lastName: 'Doe', email: local.email })
    const remote = await server('GET', '/api/user/4')
    await server('PUT', '/api/user/4', { ...remote.json, firstName: 'Theirs' })

    const summary = await syncNow()
    expect(summary.conflicts).toBe(1)
    const [conflict] = clientOf(laptop).call('sync.conflicts', {})
    expect(conflict).toMatchObject({ field: 'first_name', base: 'John', mine: 'Mine', theirs: 'Theirs' })
    expect(conflict.label).toMatch(/First name/)
    // Until the user chooses, the update is held: the server keeps its value, ours stays here.
    expect((await server('GET', '/api/user/4')).json.firstName).toBe('Theirs')
    expect(localUserOf(4)!.first_name).toBe('Mine')
    expect(clientOf(laptop).call('sync.parked', {})[0]).toMatchObject({ state: 'blocked', reason: expect.stringMatching(/choose mine or theirs/) })
    clientOf(laptop).call('sync.resolve', { id: conflict.id, choice: 'theirs' })
    expect(localUserOf(4)!.first_name).toBe('Theirs')
    await syncNow()
    expect((await server('GET', '/api/user/4')).json.firstName).toBe('Theirs')
    expect(clientOf(laptop).call('sync.conflicts', {})).toEqual([])
  })

  it('10: rows added and deleted between page fetches, and a sweep aborted halfway, converge; nothing is wrongly deleted', async () => {
    let usersPages = 0
    const pagesFetched: number[] = []
    let failPage: number | null = 3
    // Network fault and server-side changes injected between page fetches (outside the product).
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = new URL(String(input))
      // (page_size 1: the check that a run against a new address starts with, not a page of the sweep)
      if (url.pathname === '/api/users/tabularlist' && url.searchParams.get('page_size') !== '1') {
        const page = Number(url.searchParams.get('page_number'))
        usersPages++
        pagesFetched.push(page)
        if (page === failPage) {
          failPage = null
          throw new TypeError('fetch failed')
        }
        if (page === 2 && usersPages === 2) {
          // Between page 1 and page 2: the server deletes user 7 (on page 1) and adds a new one.
          await server('POST', '/api/user/delete', { delete_ids: [7] })
          await server('POST', '/api/user/create', { firstName: 'Late', lastName: 'Comer', email: 'late.comer@example.org', password: 'longpassword', password_confirmation: 'longpassword' })
        }
      }
      return fetch(input, init)
    }
    await open({ fetchImpl, pullPageSize: 10 })
    const first = await syncNow()
    expect(first.stoppedBecause).toMatch(/could not be reached/)
    const cursor = laptop.sql.raw.prepare("SELECT value FROM app_meta WHERE key = 'sync.pull_cursor'").get() as { value: string }
    expect(JSON.parse(cursor.value)).toMatchObject({ index: 0, page: 3 })

    const pagesBefore = pagesFetched.length
    const second = await syncNow()
    expect(second.stoppedBecause).toBeNull()
    // Resumed at page 3: pages 1 and 2 were not fetched again before the rest.
    const serverUsers = (await server('GET', '/api/users/tabularlist?page_size=1000&page_number=1')).json.records as { id: number; email: string }[]
    // The sweep stops at the first page with fewer than 10 rows (empty when the last is full).
    const lastPage = Math.floor(serverUsers.length / 10) + 1
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
    // Then, its first sweep complete, the resumed pull swept users again from page 1: the
    // pages it had read in the first run were as old as that run.
    expect(pagesFetched.slice(pagesBefore)).toEqual([...range(3, lastPage), ...range(1, lastPage)])
    // One more sweep sees what shifted between pages.
    await syncNow()
    const localEmails = (laptop.sql.raw.prepare("SELECT u.email FROM users u JOIN id_map m ON m.entity = 'user' AND m.local_id = u.id").all() as { email: string }[])
      .map((r) => r.email)
      .sort()
    expect(localEmails).toEqual(serverUsers.map((u) => u.email).sort())
    expect(localUserOf(7)).toBeUndefined()
    const notices = clientOf(laptop).call('sync.status', {}).notices
    expect(notices.some((n) => n.kind === 'deleted_on_server' && /was deleted on the hosted LMS/.test(n.message))).toBe(true)
  })
})

describe('deletes on the server win', () => {
  it('a user created here, sent, and deleted on the server before any pull listed it is removed here with its unsent edit', async () => {
    await open()
    await syncNow()
    const created = clientOf(laptop).call('users.create', { firstName: 'Short', lastName: 'Lived', email: 'short.lived@example.org', password: 'long enough pw', password_confirmation: 'long enough pw' })
    // This run pulls first (the user is not on the server yet), then sends the create.
    await syncNow()
    const serverId = laptop.sql.raw.prepare("SELECT server_id FROM id_map WHERE entity = 'user' AND local_id = ?").get(created.id) as { server_id: number }
    expect((await server('POST', '/api/user/delete', { delete_ids: [serverId.server_id] })).status).toBe(200)
    clientOf(laptop).call('users.update', { id: created.id, firstName: 'Renamed', lastName: 'Lived', email: 'short.lived@example.org' })

    await syncNow()
    await syncNow()
    expect(laptop.sql.raw.prepare('SELECT id FROM users WHERE id = ?').get(created.id)).toBeUndefined()
    expect(clientOf(laptop).call('sync.status', {})).toMatchObject({ pending: 0, parked: 0 })
    const notices = clientOf(laptop).call('sync.status', {}).notices
    expect(notices.some((n) => n.kind === 'deleted_on_server' && n.message.includes('short.lived@example.org'))).toBe(true)
  })
})

describe('grades', () => {
  /** A laptop that already holds the hosted world, as after a full sync: same rows, identity id map. */
  async function laptopMirroringServer() {
    const source = new Database(path.join(hosted.dataDir, 'lms.sqlite'), { readonly: true })
    fs.mkdirSync(dir, { recursive: true })
    source.exec(`VACUUM INTO '${path.join(dir, 'lms.sqlite').replace(/'/g, "''")}'`)
    source.close()
    const db = new Database(path.join(dir, 'lms.sqlite'))
    for (const [entity, table] of [['user', 'users'], ['course', 'courses'], ['enrollment', 'enrollments'], ['module', 'modules'], ['module_status', 'module_status']]) {
      db.prepare(`INSERT INTO id_map (entity, local_id, server_id) SELECT ?, id, id FROM ${table}`).run(entity)
    }
    db.prepare('DELETE FROM change_records').run()
    db.close()
    return open()
  }

  const evaluate = (points: number, message: string, isAccepted = true) => ({ statusRowId: 7, evaluation: { pointsAwarded: points, instructorMessage: message, isAccepted } })

  it('8: a pending local grade meets a newer server grade: conflict with both values; mine is then sent', async () => {
    await laptopMirroringServer()
    clientOf(laptop).call('assignments.evaluate', evaluate(80, 'Mine: good work'))
    expect((await server('POST', '/api/module/assignment/evaluate', evaluate(60, 'Theirs: needs more'))).status).toBe(200)

    const summary = await syncNow()
    expect(summary.conflicts).toBe(1)
    const [conflict] = clientOf(laptop).call('sync.conflicts', {})
    expect(conflict).toMatchObject({ entity: 'evaluation', base: { points: null }, mine: { points: 80, message: 'Mine: good work' }, theirs: { points: 60, message: 'Theirs: needs more' } })
    // Held, not sent: the server keeps its grade until the user chooses. (Each attempt carries its evaluation.)
    const latest = async () => ((await server('GET', '/api/module/assignment/submissions?statusRowId=7')).json.submissions as { points_awarded: number | null; instructor_message: string | null }[]).at(-1)
    expect((await latest())?.points_awarded).toBe(60)

    clientOf(laptop).call('sync.resolve', { id: conflict.id, choice: 'mine' })
    await syncNow()
    expect(await latest()).toMatchObject({ points_awarded: 80, instructor_message: 'Mine: good work' })
    expect(clientOf(laptop).call('sync.status', {})).toMatchObject({ pending: 0, sending: 0, conflicts: 0 })
  })

  it('8: choosing theirs adopts the server grade here and sends nothing', async () => {
    await laptopMirroringServer()
    clientOf(laptop).call('assignments.evaluate', evaluate(80, 'Mine'))
    await server('POST', '/api/module/assignment/evaluate', evaluate(55, 'Theirs', false))
    await syncNow()
    const [conflict] = clientOf(laptop).call('sync.conflicts', {})
    clientOf(laptop).call('sync.resolve', { id: conflict.id, choice: 'theirs' })
    const local = clientOf(laptop).call('assignments.submissions', { statusRowId: 7 })
    expect(local.status).toBe('Rejected')
    expect(local.evaluations[0]).toMatchObject({ points_awarded: 55, is_accepted: false })
    await syncNow()
    const remote = (await server('GET', '/api/module/assignment/submissions?statusRowId=7')).json
    expect(remote.submissions.at(-1)).toMatchObject({ points_awarded: 55, instructor_message: 'Theirs' })
    // Nothing was sent: the laptop's grade was dropped.
    expect(pair.proxy.upstreamCount('POST', /^\/api\/module\/assignment\/evaluate$/)).toBe(0)
    expect(clientOf(laptop).call('sync.status', {})).toMatchObject({ pending: 0, conflicts: 0 })
  })
})
