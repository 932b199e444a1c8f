// An import pushed to the strict stand-in hosted LMS through the fault proxy: it goes as
// user/bulkUpload calls in chunks (answered with a message only), every user is found by
// email through GET users/lookup and mapped, and an import undone after it was sent
// deletes those users on the hosted LMS through their mapped ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changeRecords, openTestEngine, type OpenedTestEngine } from '../engine/helpers'
import { serverUsers, startHosted, TOKEN, type Hosted } from './world'

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const users = (n: number, prefix: string) => ['Email;First Name;Last_Name', ...Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org;F${i};L${i}`)].join('\r\n')

let hosted: Hosted
let laptop: OpenedTestEngine
beforeAll(async () => {
  hosted = await startHosted({ demo: true })
  laptop = await openTestEngine({ clock: undefined })
  laptop.engine.sync.stop()
})
afterAll(async () => {
  laptop?.dispose()
  await hosted?.stop()
})

describe('an import synced to the hosted LMS', () => {
  it('goes as user/bulkUpload calls in chunks, and every user is mapped to its server id', async () => {
    laptop.call('sync.configure', { serverUrl: hosted.proxy.url, token: TOKEN })
    const stamp = Date.now()
    const result = await laptop.async.call('import.commit', { contentBase64: b64(users(25, `sync.${stamp}.`)), batchSize: 10 })
    expect(result.created).toBe(25)
    const uploads = changeRecords(laptop.engine).filter((c) => c.operation === 'users.bulkUpload')
    expect(uploads.map((u) => u.input.userList.length)).toEqual([10, 10, 5])
    const summary = await laptop.async.call('sync.now', {})
    expect(summary).toMatchObject({ parked: 0 })
    expect(changeRecords(laptop.engine).filter((c) => c.operation === 'users.bulkUpload').map((c) => c.state)).toEqual(['done', 'done', 'done'])
    expect(hosted.proxy.upstreamCount('POST', /^\/api\/user\/bulkUpload$/)).toBe(3)
    const listed = await serverUsers(hosted, `sync.${stamp}.`)
    expect(listed).toHaveLength(25)
    const serverIdOf = new Map<string, number>(listed.map((r) => [r.email, r.id]))
    const local = laptop.engine.sql.raw.prepare("SELECT u.id, u.email, m.server_id FROM users u LEFT JOIN id_map m ON m.entity = 'user' AND m.local_id = u.id WHERE u.email LIKE ?").all(`sync.${stamp}.%`) as {
      email: string
      server_id: number
    }[]
    expect(local).toHaveLength(25)
    for (const u of local) expect(u.server_id).toBe(serverIdOf.get(u.email))

    // Undone after it was sent: the users are deleted on the hosted LMS through their mapped ids.
    const undo = laptop.call('import.undo', { batchId: result.batchId })
    expect(undo).toMatchObject({ removed: 25, refused: [] })
    expect(changeRecords(laptop.engine).filter((c) => c.operation === 'users.delete' && c.state === 'pending')).toHaveLength(25)
    expect(await laptop.async.call('sync.now', {})).toMatchObject({ parked: 0 })
    expect(await serverUsers(hosted, `sync.${stamp}.`)).toEqual([])
  })
})
