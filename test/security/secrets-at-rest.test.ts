// Passwords in the sync queue (issue 16, finding 5): queued encrypted, deleted once the hosted
// LMS accepted them, and gone from the files on disk. A laptop creates a user and syncs it to
// the strict stand-in (`serve --hosted`), then changes that user's password, creates another
// and bulk-uploads two more with passwords. The bytes of lms.sqlite and its -wal and -shm are
// searched for every password: while queued, after sync (engine open) and after close. The
// hosted LMS's stored hashes (its SQLite file, read only) verify with the real passwords.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../src/main/engine/password'
import { configure, hostedPasswordHash, openLaptop, startHosted, type Hosted, type Laptop } from '../sync/world'

const stamp = Date.now()
const email = (who: string) => `${who}.${stamp}@example.org`
const PASSWORDS = { first: 'First-Pass-8271', changed: 'Changed-Pass-5519', second: 'Second-Pass-3307', bulkA: 'Bulk-Pass-A-6620', bulkB: 'Bulk-Pass-B-9148' }

let hosted: Hosted
let laptop: Laptop
beforeAll(async () => {
  hosted = await startHosted({ demo: true })
  laptop = await openLaptop()
  configure(laptop, hosted)
})
afterAll(async () => {
  laptop?.dispose()
  await hosted?.stop()
})

/** The data folder's database files that exist now, with the passwords found in each. */
function passwordsOnDisk(dir: string): Record<string, string[]> {
  const found: Record<string, string[]> = {}
  for (const name of ['lms.sqlite', 'lms.sqlite-wal', 'lms.sqlite-shm']) {
    const file = path.join(dir, name)
    if (!fs.existsSync(file)) continue
    const bytes = fs.readFileSync(file)
    found[name] = Object.entries(PASSWORDS).filter(([, p]) => bytes.includes(Buffer.from(p, 'utf8'))).map(([k]) => k)
  }
  return found
}
const nothingOnDisk = (dir: string) => {
  const found = passwordsOnDisk(dir)
  expect(Object.keys(found)).toContain('lms.sqlite')
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])))
}


describe('passwords in the sync queue', () => {
  let firstId: number
  it('are not on disk in clear while queued', async () => {
    firstId = laptop.call('users.create', { firstName: 'First', lastName: 'User', email: email('first'), password: PASSWORDS.first, password_confirmation: PASSWORDS.first }).id
    expect((await laptop.syncNow()).parked).toBe(0)
    laptop.call('users.updatePassword', { id: firstId, password: PASSWORDS.changed, confirmPassword: PASSWORDS.changed })
    laptop.call('users.create', { firstName: 'Second', lastName: 'User', email: email('second'), password: PASSWORDS.second, password_confirmation: PASSWORDS.second })
    laptop.call('users.bulkUpload', {
      userList: [
        { email: email('bulk.a'), first_name: 'Bulk', last_name: 'A', password: PASSWORDS.bulkA },
        { email: email('bulk.b'), first_name: 'Bulk', last_name: 'B', password: PASSWORDS.bulkB },
      ],
    })
    expect(laptop.queue().map((r) => r.operation)).toEqual(['users.updatePassword', 'users.create', 'users.bulkUpload'])
    nothingOnDisk(laptop.dir)
  })

  it('reach the hosted LMS as they were typed', async () => {
    expect((await laptop.syncNow()).parked).toBe(0)
    expect(laptop.queue()).toEqual([])
    for (const [who, password] of [
      ['first', PASSWORDS.changed],
      ['second', PASSWORDS.second],
      ['bulk.a', PASSWORDS.bulkA],
      ['bulk.b', PASSWORDS.bulkB],
    ] as const) {
      const hash = hostedPasswordHash(hosted, email(who))
      expect(hash, `${who} on the hosted LMS`).toEqual(expect.any(String))
      expect(verifyPassword(password, hash!), `${who}'s password`).toBe(true)
    }
  })

  it('are deleted from the records once sent, and from the files, open and closed', () => {
    const records = laptop.engine.sql.raw.prepare('SELECT operation, state, input FROM change_records ORDER BY id').all() as { operation: string; state: string; input: string }[]
    expect(records.map((r) => r.state)).toEqual(['done', 'done', 'done', 'done'])
    for (const r of records) expect(r.input, r.operation).not.toMatch(/Pass-/)
    expect(records.find((r) => r.operation === 'users.bulkUpload')!.input).toContain('bulk.a.')
    nothingOnDisk(laptop.dir)
    laptop.close()
    nothingOnDisk(laptop.dir)
  })
})

// A laptop upgraded with changes still waiting that an older version queued in clear: they are
// sealed at the first open (once), the clear text leaves the files, and the push still sends
// the real password.
describe('passwords an older version queued in clear', () => {
  const OLD = 'Old-Version-Pass-4410'
  it('are sealed at open, leave the files, and still reach the hosted LMS', async () => {
    const old = await openLaptop()
    configure(old, hosted)
    old.call('users.create', { firstName: 'Old', lastName: 'Queue', email: email('old'), password: OLD, password_confirmation: OLD })
    // What a version before sealing wrote: the input in clear, and no mark that waiting records were sealed.
    const raw = old.engine.sql.raw
    const row = raw.prepare("SELECT id, input FROM change_records WHERE operation = 'users.create'").get() as { id: number; input: string }
    const input = JSON.parse(row.input) as Record<string, unknown>
    raw.prepare('UPDATE change_records SET input = ? WHERE id = ?').run(JSON.stringify({ ...input, password: OLD, password_confirmation: OLD }), row.id)
    raw.prepare("DELETE FROM app_meta WHERE key = 'outbox.waiting_secrets_sealed'").run()
    const dir = old.dir
    old.close()
    expect(fs.readFileSync(path.join(dir, 'lms.sqlite')).includes(Buffer.from(OLD)), 'the clear password is in the file before the upgrade').toBe(true)

    const upgraded = await openLaptop({ dir })
    configure(upgraded, hosted)
    const stored = upgraded.engine.sql.raw.prepare('SELECT input FROM change_records WHERE id = ?').get(row.id) as { input: string }
    expect(stored.input).not.toContain(OLD)
    expect(JSON.parse(stored.input).password).toMatch(/^lms-sealed:v1:/)
    for (const name of ['lms.sqlite', 'lms.sqlite-wal']) {
      const file = path.join(dir, name)
      if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(Buffer.from(OLD)), name).toBe(false)
    }
    expect((await upgraded.syncNow()).parked).toBe(0)
    expect(verifyPassword(OLD, hostedPasswordHash(hosted, email('old'))!)).toBe(true)
    upgraded.dispose()
  })
})
