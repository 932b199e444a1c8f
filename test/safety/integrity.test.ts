// A damaged database is refused, never opened silently: damaged pages in the middle of a
// real file, a file truncated to 0 bytes, a file that is not a database, a database that is
// missing while its backups are there. The refusal says what happened and names the latest
// backup; restoring it brings the data back and keeps the damaged file. Damage found while
// the engine runs (by the check the open had no time for, or by SQLite answering
// SQLITE_CORRUPT) stops writes and keeps reads.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src/main/engine/db/open'
import { DamagedDatabaseError } from '../../src/main/engine/db/integrity'
import { openLmsEngine, type LmsEngine as Engine, type LmsEngineOptions as EngineOptions } from '../../src/main/host/open-engine'
import { clientOf, fakeClock, removeDir, tempDir, validUser, type TestClock } from '../engine/helpers'
import { request } from '../http/server'
import { corruptPageInTheMiddle, sha256Of } from './damage'
import { spawnServe, type ServeProcess } from './serve-process'

const DAY = 24 * 60 * 60 * 1000
const dirs: string[] = []
const engines: Engine[] = []
const processes: ServeProcess[] = []
afterEach(async () => {
  while (engines.length) engines.pop()!.close()
  await Promise.all(processes.splice(0).map((p) => p.stop()))
  for (const dir of dirs.splice(0)) removeDir(dir)
})

function folder(): string {
  const dir = tempDir('lms-damage-')
  dirs.push(dir)
  return dir
}
async function open(dir: string, clock: TestClock, options: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = await openLmsEngine({ dataDir: dir, clock, log: () => undefined, sync: { intervalMs: 0 }, ...options })
  engines.push(engine)
  return engine
}
async function closeAfterBackup(engine: Engine): Promise<void> {
  await engine.backupInProgress
  engines.splice(engines.indexOf(engine), 1)
  engine.close()
}
const emails = (engine: Engine) => clientOf(engine).call('users.lookup', {}).map((u) => u.email)

/**
 * A demo site with a user made before the day's backup ("kept") and one after it ("lost"),
 * closed cleanly, with its backup taken on the second day.
 */
async function siteWithBackup(): Promise<{ dir: string; clock: TestClock; kept: string; lost: string; file: string }> {
  const dir = folder()
  const clock = fakeClock()
  const first = await open(dir, clock, { demo: true })
  const kept = validUser().email
  clientOf(first).call('users.create', validUser({ email: kept }))
  await closeAfterBackup(first)
  clock.advance(DAY)
  const second = await open(dir, clock)
  await second.backupInProgress
  const lost = validUser().email
  clientOf(second).call('users.create', validUser({ email: lost }))
  await closeAfterBackup(second)
  return { dir, clock, kept, lost, file: path.join(dir, DATABASE_FILE) }
}

describe('a damaged database is refused at open', () => {
  it('damaged pages in the middle: refused naming the problem and the latest backup, the file untouched; restoring brings the data back', async () => {
    const site = await siteWithBackup()
    corruptPageInTheMiddle(site.file)
    const damagedHash = sha256Of(site.file)

    const refused = await open(site.dir, site.clock).then(
      () => null,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(DamagedDatabaseError)
    const message = (refused as Error).message
    expect(message).toMatch(/is damaged: .+\. It was not opened and nothing was written to it\./)
    expect(message).toMatch(/The latest backup is from 2024-05-02 10:00 UTC \(backups\/lms-2024-05-02T10-00-00-000Z-daily\.sqlite\)/)
    expect(sha256Of(site.file)).toBe(damagedHash)
    // The lock went with the refusal: the next open is not "already open".
    const restored = await open(site.dir, site.clock, { restoreBackup: 'latest' })
    expect(restored.restored?.name).toBe('lms-2024-05-02T10-00-00-000Z-daily.sqlite')
    expect(emails(restored)).toContain(site.kept)
    expect(emails(restored)).not.toContain(site.lost) // made after the backup: a restore cannot know it
    clientOf(restored).call('users.create', validUser())
    // The damaged file is kept, byte for byte.
    const aside = fs.readdirSync(path.join(site.dir, 'damaged'))
    expect(aside).toHaveLength(1)
    expect(sha256Of(path.join(site.dir, 'damaged', aside[0]!, DATABASE_FILE))).toBe(damagedHash)
  })

  it('a database truncated to 0 bytes is not a new empty site: serve exits naming the backup, and --restore-backup latest brings the data back', async () => {
    const site = await siteWithBackup()
    fs.truncateSync(site.file, 0)
    const refused = spawnServe(['--port', '0', '--data', site.dir])
    processes.push(refused)
    expect(await Promise.race([refused.exited, refused.listening.then(() => 'listening')])).toBe(1)
    expect(refused.stderr()).toMatch(/is damaged: the file is empty \(0 bytes\)/)
    expect(refused.stderr()).toMatch(/The latest backup is from 2024-05-02 10:00 UTC/)
    expect(refused.stderr()).toMatch(/run again with --restore-backup latest/)
    expect(fs.statSync(site.file).size).toBe(0)

    const listed = spawnServe(['--data', site.dir, '--list-backups'])
    processes.push(listed)
    expect(await listed.exited).toBe(0)
    expect(listed.stdout()).toMatch(/^lms-2024-05-02T10-00-00-000Z-daily\.sqlite\t2024-05-02T10:00:00\.000Z\tdaily$/m)

    const serve = spawnServe(['--port', '0', '--data', site.dir, '--restore-backup', 'latest'])
    processes.push(serve)
    const url = await serve.listening
    expect(serve.stdout()).toMatch(/Restored the backup lms-2024-05-02T10-00-00-000Z-daily\.sqlite/)
    const users = await request({ port: Number(new URL(url).port) }, 'GET', '/api/users/lookup')
    expect((users.json as { email: string }[]).map((u) => u.email)).toContain(site.kept)
  })

  it('a file that is not a database, and a database missing beside its backups, are refused too', async () => {
    const site = await siteWithBackup()
    const fd = fs.openSync(site.file, 'r+')
    fs.writeSync(fd, Buffer.from('this is no database at all'), 0, 26, 0)
    fs.closeSync(fd)
    await expect(open(site.dir, site.clock)).rejects.toThrow(/is damaged: the file does not start like an SQLite database/)
    fs.rmSync(site.file)
    await expect(open(site.dir, site.clock)).rejects.toThrow(/is damaged: the file is missing, although this folder holds backups of it/)
    expect(fs.existsSync(site.file)).toBe(false)
  })

  it('a restore skips a backup that is itself damaged and takes the newest good one', async () => {
    const site = await siteWithBackup()
    site.clock.advance(DAY)
    await closeAfterBackup(await open(site.dir, site.clock))
    const backups = fs.readdirSync(path.join(site.dir, 'backups')).sort()
    expect(backups).toEqual(['lms-2024-05-01T10-00-00-000Z-daily.sqlite', 'lms-2024-05-02T10-00-00-000Z-daily.sqlite', 'lms-2024-05-03T10-00-00-000Z-daily.sqlite'])
    corruptPageInTheMiddle(path.join(site.dir, 'backups', backups[2]!))
    corruptPageInTheMiddle(site.file)
    const restored = await open(site.dir, site.clock, { restoreBackup: 'latest' })
    expect(restored.restored?.name).toBe(backups[1])
    expect(emails(restored)).toContain(site.kept)
  })
})

describe('damage found while the engine runs', () => {
  it('SQLITE_CORRUPT from a read: that read and every later write answer "damaged"; reads of other tables still answer', async () => {
    const site = await siteWithBackup()
    corruptPageInTheMiddle(site.file, 'users')
    // No time for the check at open: the damage is met by a read first.
    const engine = await open(site.dir, site.clock, { checkBudgetMs: 0 })
    const read = clientOf(engine).fails('users.lookup', {})
    expect(read).toMatchObject({ code: 'damaged', status: 503 })
    expect(read.message).toMatch(/The database is damaged \(.+\); changes are refused so that nothing more is written to it\. Restart the app/)
    expect(clientOf(engine).fails('courses.create', { name: 'X', slug: 'x', status: 'publish', gradingRule: 'no_grading', durationRule: 'unlimited' })).toMatchObject({
      code: 'damaged',
    })
    clientOf(engine).call('courses.get', { id: 1 })
  })

  it('the check the open had no time for finds the damage between calls, and writes stop', async () => {
    const site = await siteWithBackup()
    corruptPageInTheMiddle(site.file, 'user_certificates')
    const engine = await open(site.dir, site.clock, { checkBudgetMs: 0 })
    // Nothing these writes touch is damaged: only the check can find it.
    clientOf(engine).call('users.create', validUser())
    await expect.poll(() => clientOf(engine).result('users.create', validUser()), { timeout: 10_000 }).toMatchObject({ ok: false, error: { code: 'damaged' } })
  })
})

describe('rolling backups', () => {
  it('one a day at most, the newest seven kept, each a whole copy that opens on its own', async () => {
    const dir = folder()
    const clock = fakeClock()
    for (let day = 0; day < 9; day++) {
      for (const hour of [0, 5]) {
        clock.set(new Date(Date.UTC(2024, 4, 1 + day, 8 + hour)).toISOString())
        const engine = await open(dir, clock, { demo: day === 0 && hour === 0 })
        await engine.backupInProgress
        clientOf(engine).call('users.create', validUser({ email: `day${day}-${hour}@example.com` }))
        await closeAfterBackup(engine)
      }
    }
    const backups = fs.readdirSync(path.join(dir, 'backups')).sort()
    expect(backups).toEqual([3, 4, 5, 6, 7, 8, 9].map((d) => `lms-2024-05-0${d}T08-00-00-000Z-daily.sqlite`))
    // The backup of day 9, taken at its first open, holds what the day before wrote and nothing after.
    const copy = await open(folderWith(path.join(dir, 'backups', backups[6]!)), clock)
    expect(emails(copy)).toEqual(expect.arrayContaining(['day7-5@example.com']))
    expect(emails(copy)).not.toContain('day8-0@example.com')
  })

  it('a backup is taken before a migration, with the schema as it was', async () => {
    const dir = folder()
    const { openDatabase } = await import('../../src/main/engine/db/open')
    const { migrations } = await import('../../migrations/index')
    const names = Object.keys(migrations)
    const older = await openDatabase(dir, { migrations: Object.fromEntries(names.slice(0, -1).map((n) => [n, migrations[n]!])), now: fakeClock() })
    older.close()
    const clock = fakeClock('2024-05-01T10:00:00.000Z')
    await closeAfterBackup(await open(dir, clock))
    const backups = fs.readdirSync(path.join(dir, 'backups')).sort()
    expect(backups[0]).toBe(`lms-2024-05-01T10-00-00-000Z-before-${names.at(-1)}.sqlite`)
    const Database = (await import('better-sqlite3')).default
    const copy = new Database(path.join(dir, 'backups', backups[0]!), { readonly: true })
    try {
      expect((copy.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number }).n).toBe(names.length - 1)
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    } finally {
      copy.close()
    }
  })
})

/** A fresh folder holding a copy of one backup as its database. */
function folderWith(backup: string): string {
  const dir = folder()
  fs.copyFileSync(backup, path.join(dir, DATABASE_FILE))
  return dir
}
