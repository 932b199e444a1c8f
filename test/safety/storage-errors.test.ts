// A full disk and a read-only data folder are told as such (to IPC callers as codes
// disk_full and read_only, over HTTP as 507 and 503), for writes and reads alike, in one
// log line a minute instead of a stack trace per request; the engine keeps answering and
// works again once the disk does.
// How the faults are made: a full disk for real on a small tmpfs where this process may
// mount one, and everywhere by `PRAGMA max_page_count` (SQLite's own limit: it answers
// SQLITE_FULL exactly as for a full disk). A read-only folder for real (file modes, or the
// immutable attribute as root); a database that becomes read-only while open for real as root
// (the immutable attribute bites on open files), else by `PRAGMA query_only` (SQLITE_READONLY).
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ErrorPayload } from '../../src/shared/contract/result'
import { openLmsEngine, type LmsEngine as Engine } from '../../src/main/host/open-engine'
import { DATABASE_FILE } from '../../src/main/engine/db/open'
import { startLmsServer } from '../../src/main/server/http-server'
import { clientOf, fakeClock, removeDir, tempDir, validCourse, validUser, type TestClock } from '../engine/helpers'
import { request } from '../http/server'
import { fillDisk, makeReadOnly, readOnlyMethod, smallDisk } from './disk-faults'
import { spawnServe } from './serve-process'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1')
const upload = (name = 'essay.pdf', bytes = PDF) => ({ file: { name, contentBase64: bytes.toString('base64') } })

async function openIn(dir: string, clock: TestClock = fakeClock()): Promise<{ engine: Engine; logs: string[] }> {
  const logs: string[] = []
  const engine = await openLmsEngine({ dataDir: dir, demo: true, clock, log: (line) => logs.push(line), sync: { intervalMs: 0 } })
  await engine.backupInProgress
  cleanups.push(() => engine.close())
  return { engine, logs }
}
function folder(): string {
  const dir = tempDir('lms-disk-')
  cleanups.push(() => removeDir(dir))
  return dir
}
const stackLines = (logs: string[]) => logs.filter((l) => /\n\s+at /.test(l))

describe('a full disk', () => {
  it('(max_page_count) writes answer disk_full, reads go on, 200 failures log one line a minute, and writes work once there is room', async () => {
    const clock = fakeClock()
    const { engine, logs } = await openIn(folder(), clock)
    const raw = engine.sql.raw
    raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true })}`)
    let created = 0
    let first: ErrorPayload | null = null
    for (let i = 0; i < 500 && !first; i++) {
      const result = clientOf(engine).result('users.create', validUser({ email: `full-${i}@example.com` }))
      if (result.ok) created++
      else first = result.error
    }
    expect(first).toEqual({
      code: 'disk_full',
      status: 507,
      message: 'The disk holding the data folder is full: this change was not saved. Free some space on it and try again; everything saved before is kept.',
    })
    // Cheaper writes than a user's (no password hashing) for the repeats.
    for (let i = 0; i < 200; i++) expect(clientOf(engine).fails('courses.create', validCourse({ slug: `full-course-${i}` })).code).toBe('disk_full')
    expect(clientOf(engine).call('users.get', { id: 1 }).id).toBe(1)
    expect(logs.filter((l) => l.includes('disk holding the data folder is full'))).toHaveLength(1)
    expect(stackLines(logs)).toEqual([])
    clock.advance(61_000)
    expect(clientOf(engine).fails('users.create', validUser()).code).toBe('disk_full')
    const full = logs.filter((l) => l.includes('disk holding the data folder is full'))
    expect(full).toHaveLength(2)
    expect(full[1]).toMatch(/\(200 more like it since the last one logged\)$/)
    // Nothing half-saved: the users are exactly those answered ok.
    raw.pragma('max_page_count = 1073741823')
    const { id } = clientOf(engine).call('users.create', validUser())
    expect(clientOf(engine).call('users.lookup', {}).filter((u) => u.email.startsWith('full-'))).toHaveLength(created)
    expect(clientOf(engine).call('users.get', { id }).id).toBe(id)
  })

  const disk = smallDisk(6 * 1024 * 1024)
  if (disk) disk.unmount()
  it.skipIf(!disk)('(a real tmpfs filled up) writes and uploads answer disk_full, over HTTP 507 with the message, and work again once space is freed', async () => {
    const small = smallDisk(6 * 1024 * 1024)!
    cleanups.push(() => small.unmount())
    const { engine, logs } = await openIn(path.join(small.dir, 'data'))
    const server = await startLmsServer({ engine, port: 0, log: (line) => logs.push(line) })
    cleanups.push(() => server.close())
    const freeSpace = fillDisk(small.dir)
    let answer = await request(server, 'POST', '/api/user/create', { body: validUser() })
    for (let i = 0; i < 50 && answer.status === 200; i++) answer = await request(server, 'POST', '/api/user/create', { body: validUser() })
    expect(answer.status).toBe(507)
    expect(answer.json).toEqual({ message: expect.stringMatching(/^The disk holding the data folder is full: this change was not saved\./) })
    expect(clientOf(engine).fails('assignments.upload', upload('big.pdf', Buffer.concat([PDF, Buffer.alloc(256 * 1024, 7)])))).toMatchObject({ code: 'disk_full' })
    expect((await request(server, 'GET', '/api/users/lookup')).status).toBe(200)
    expect(stackLines(logs)).toEqual([])
    freeSpace()
    expect((await request(server, 'POST', '/api/user/create', { body: validUser() })).status).toBe(200)
    clientOf(engine).call('assignments.upload', upload())
  })
})

describe.skipIf(!readOnlyMethod)(`a read-only data folder (${readOnlyMethod})`, () => {
  it('is refused at open with what to do, by the engine and by serve', async () => {
    const dir = folder()
    ;(await openIn(dir)).engine.close()
    cleanups.pop()
    const files = fs.readdirSync(dir).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile())
    cleanups.push(makeReadOnly([...files, dir]))
    await expect(openLmsEngine({ dataDir: dir, log: () => undefined })).rejects.toThrow(
      /^The data folder cannot be written \(the disk is read-only, or your account may not write there\)\. Use a folder on a writable disk/,
    )
    const serve = spawnServe(['--port', '0', '--data', dir])
    cleanups.push(() => serve.stop())
    expect(await Promise.race([serve.exited, serve.listening.then(() => 'listening')])).toBe(1)
    expect(serve.stderr()).toMatch(/The data folder cannot be written/)
  })

  it('an uploads folder that cannot be written: the upload answers read_only and the engine goes on', async () => {
    const dir = folder()
    const { engine } = await openIn(dir)
    clientOf(engine).call('assignments.upload', upload())
    const uploads = path.join(dir, 'uploads')
    const undo = makeReadOnly([uploads])
    cleanups.push(undo)
    expect(clientOf(engine).fails('assignments.upload', upload('other.pdf', Buffer.concat([PDF, Buffer.from('other')])))).toEqual({
      code: 'read_only',
      status: 503,
      message:
        'The data folder cannot be written (the disk is read-only, or your account may not write there): this change was not saved. Everything saved before is kept and can still be read.',
    })
    undo()
    clientOf(engine).call('assignments.upload', upload('other.pdf', Buffer.concat([PDF, Buffer.from('other')])))
  })
})

const immutable = readOnlyMethod === 'immutable attribute'
it(`a database that becomes read-only while open (${immutable ? 'immutable attribute on the folder and its WAL' : 'PRAGMA query_only'}): writes answer read_only, reads go on, writes work again after`, async () => {
  const dir = folder()
  const { engine, logs } = await openIn(dir)
  clientOf(engine).call('users.create', validUser())
  const undo = immutable
    ? makeReadOnly([dir, path.join(dir, `${DATABASE_FILE}-wal`)])
    : (engine.sql.raw.pragma('query_only = ON'), () => engine.sql.raw.pragma('query_only = OFF'))
  cleanups.push(undo)
  for (let i = 0; i < 20; i++) expect(clientOf(engine).fails('users.create', validUser()).code).toBe('read_only')
  expect(clientOf(engine).call('users.get', { id: 1 }).id).toBe(1)
  expect(logs.filter((l) => l.includes('cannot be written'))).toHaveLength(1)
  undo()
  clientOf(engine).call('users.create', validUser())
})
