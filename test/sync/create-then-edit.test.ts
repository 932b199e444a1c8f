// A row created or edited here, sent, then edited here again before the next pull: the
// hosted LMS holds what this laptop sent, so the new edit is no conflict with it (it was
// one: the pull compared the server's value with the base of the last pull). A change made
// on the hosted LMS after this laptop's is still a conflict, told against what was sent.
import { describe, expect, it } from 'vitest'
import { request } from '../http/server'
import {
  createOnServer,
  expectQueueEmpty,
  newCourse,
  newUser,
  serverCourses,
  serverUser,
  serverUsersByEmail,
  syncUntilSettled,
  TOKEN,
  uniqueToken,
  type Laptop,
  useStandIn,
} from './world'

const world = useStandIn()

const localUser = (lap: Laptop, serverId: number) =>
  lap.engine.sql.raw.prepare("SELECT local_id AS id FROM id_map WHERE entity = 'user' AND server_id = ?").get(serverId) as { id: number }

describe('created here, sent, edited here before a pull', () => {
  it('a user: the edit reaches the hosted LMS, no conflict', async () => {
    const lap = await world.laptop({ pull: true })
    await lap.syncNow()
    const email = `${uniqueToken('cte')}@example.org`
    const id = lap.call('users.create', newUser(email, 'First')).id
    expect((await lap.syncNow()).conflicts).toBe(0)
    lap.call('users.update', { id, firstName: 'Second', lastName: 'Edited', email })
    const summaries = await syncUntilSettled(lap)
    expect(summaries.reduce((n, s) => n + s.conflicts, 0)).toBe(0)
    expect(lap.call('sync.conflicts', {})).toEqual([])
    const [u] = await serverUsersByEmail(world.hosted, email)
    expect(await serverUser(world.hosted, u.id)).toMatchObject({ firstName: 'Second', lastName: 'Edited' })
    expectQueueEmpty(lap)
  })

  // Whether a user is disabled is read from GET user/{id}, a hundred users a run; until a
  // run reads this one, the laptop has no base for it. The create sends none, and a new
  // user starts enabled on both sides: disabling it here is an edit, not a conflict.
  it('a user created here, sent, then disabled here before its details were read: no conflict, disabled on the hosted LMS', async () => {
    const lap = await world.laptop({ pull: true })
    await lap.syncNow()
    const email = `${uniqueToken('ctd')}@example.org`
    const id = lap.call('users.create', newUser(email, 'Soon')).id
    await lap.syncNow()
    const serverId = (await serverUsersByEmail(world.hosted, email))[0].id
    // The case under test: no run has read this user's details yet.
    const read = lap.engine.sql.raw.prepare("SELECT count(*) AS n FROM sync_base WHERE entity = 'user:details' AND server_id = ?").get(serverId) as { n: number }
    expect(read.n).toBe(0)
    lap.call('users.update', { id, firstName: 'Soon', lastName: 'Disabled', email, disabled: true })
    const summaries = await syncUntilSettled(lap)
    expect(summaries.reduce((n, s) => n + s.conflicts, 0)).toBe(0)
    expect(lap.call('sync.conflicts', {})).toEqual([])
    expect(await serverUser(world.hosted, serverId)).toMatchObject({ lastName: 'Disabled', disabled: true })
    expect(lap.call('users.get', { id })).toMatchObject({ disabled: true })
    expectQueueEmpty(lap)
  })

  it('a user disabled on the hosted LMS, renamed here before a run read its details: renamed there and still disabled', async () => {
    const lap = await world.laptop({ pull: true })
    const email = `${uniqueToken('dis')}@example.org`
    const serverId = await createOnServer(world.hosted, { firstName: 'Kept', lastName: 'Off', email })
    const there = await request(world.hosted.server, 'GET', `/api/user/${serverId}`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect((await request(world.hosted.server, 'PUT', `/api/user/${serverId}`, { headers: { authorization: `Bearer ${TOKEN}` }, body: { ...there.json, disabled: true } })).status).toBe(200)
    // A network fault (mocked) on this user's detail route: the run lists the user but cannot read whether it is disabled.
    world.hosted.proxy.addRule({ method: 'GET', path: new RegExp(`^/api/user/${serverId}$`), fault: { kind: 'status', status: 503 } })
    await lap.syncNow()
    world.hosted.proxy.clearRules()
    const { id } = localUser(lap, serverId)
    expect(lap.call('users.get', { id })).toMatchObject({ firstName: 'Kept', disabled: false })
    const read = lap.engine.sql.raw.prepare("SELECT count(*) AS n FROM sync_base WHERE entity = 'user:details' AND server_id = ?").get(serverId) as { n: number }
    expect(read.n).toBe(0)
    // As the user form saves a rename: the switch untouched, so disabled is not said.
    lap.call('users.update', { id, firstName: 'Renamed', lastName: 'Off', email })
    // On a large site the run that sends the rename may not read this user's details (a
    // hundred a run), so the queued rename must not say disabled: the push reads the hosted
    // LMS's own (GET user/{id}, which PUT needs anyway) instead of sending this laptop's guess.
    const queued = lap.engine.sql.raw.prepare("SELECT input FROM change_records WHERE operation = 'users.update' AND local_id = ? AND state = 'pending'").all(id) as { input: string }[]
    expect(queued.map((r) => Object.keys(JSON.parse(r.input) as object).sort())).toEqual([['customUserMetas', 'email', 'firstName', 'id', 'lastName']])
    await syncUntilSettled(lap)
    expect(lap.call('sync.conflicts', {})).toEqual([])
    expect(await serverUser(world.hosted, serverId)).toMatchObject({ firstName: 'Renamed', disabled: true })
    expectQueueEmpty(lap)
  })

  it('disabled here, then renamed here before a sync: the rename keeps the disabling, and both reach the hosted LMS', async () => {
    const lap = await world.laptop({ pull: true })
    const email = `${uniqueToken('drn')}@example.org`
    const serverId = await createOnServer(world.hosted, { firstName: 'Soon', lastName: 'Off', email })
    await lap.syncNow()
    const { id } = localUser(lap, serverId)
    lap.call('users.update', { id, firstName: 'Soon', lastName: 'Off', email, disabled: true })
    lap.call('users.update', { id, firstName: 'Renamed', lastName: 'Off', email })
    expect(lap.call('users.get', { id })).toMatchObject({ firstName: 'Renamed', disabled: true })
    await syncUntilSettled(lap)
    expect(lap.call('sync.conflicts', {})).toEqual([])
    expect(await serverUser(world.hosted, serverId)).toMatchObject({ firstName: 'Renamed', disabled: true })
    expectQueueEmpty(lap)
  })

  it('a pulled user edited, sent, then edited again before a pull: no conflict', async () => {
    const lap = await world.laptop({ pull: true })
    const email = `${uniqueToken('ute')}@example.org`
    const serverId = await createOnServer(world.hosted, { firstName: 'Server', lastName: 'Made', email })
    await lap.syncNow()
    const { id } = localUser(lap, serverId)
    lap.call('users.update', { id, firstName: 'One', lastName: 'Made', email })
    expect((await lap.syncNow()).conflicts).toBe(0)
    lap.call('users.update', { id, firstName: 'Two', lastName: 'Made', email })
    await syncUntilSettled(lap)
    expect(lap.call('sync.conflicts', {})).toEqual([])
    expect(await serverUser(world.hosted, serverId)).toMatchObject({ firstName: 'Two' })
    expectQueueEmpty(lap)
  })

  it('changed on the hosted LMS after this laptop sent its edit, and edited here again: a conflict whose base is what was sent', async () => {
    const lap = await world.laptop({ pull: true })
    const email = `${uniqueToken('utc')}@example.org`
    const serverId = await createOnServer(world.hosted, { firstName: 'Server', lastName: 'Made', email })
    await lap.syncNow()
    const { id } = localUser(lap, serverId)
    lap.call('users.update', { id, firstName: 'One', lastName: 'Made', email })
    await lap.syncNow()
    const remote = await request(world.hosted.server, 'GET', `/api/user/${serverId}`, { headers: { authorization: `Bearer ${TOKEN}` } })
    const put = await request(world.hosted.server, 'PUT', `/api/user/${serverId}`, { headers: { authorization: `Bearer ${TOKEN}` }, body: { ...remote.json, firstName: 'Theirs' } })
    expect(put.status).toBe(200)
    lap.call('users.update', { id, firstName: 'Two', lastName: 'Made', email })

    await lap.syncNow()
    expect(lap.call('sync.conflicts', {})).toMatchObject([{ field: 'first_name', base: 'One', mine: 'Two', theirs: 'Theirs' }])
    expect(await serverUser(world.hosted, serverId)).toMatchObject({ firstName: 'Theirs' })
  })

  it('a course: the edit reaches the hosted LMS, no conflict', async () => {
    const lap = await world.laptop({ pull: true })
    await lap.syncNow()
    const name = uniqueToken('Course cte')
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
    const id = lap.call('courses.create', newCourse(name, slug)).id
    expect((await lap.syncNow()).conflicts).toBe(0)
    lap.call('courses.update', { ...newCourse(`${name} edited`, slug), id })
    const summaries = await syncUntilSettled(lap)
    expect(summaries.reduce((n, s) => n + s.conflicts, 0)).toBe(0)
    expect(lap.call('sync.conflicts', {})).toEqual([])
    expect((await serverCourses(world.hosted, `${name} edited`)).length).toBe(1)
    expectQueueEmpty(lap)
  })
})
