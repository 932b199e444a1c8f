// What must hold whatever happens: data and its change record commit together or not at
// all, a database from a newer app is refused untouched, the registry and handler table
// refuse inconsistent declarations at start-up.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE, SchemaTooNewError } from '../../src/main/engine/db/open'
import { openLmsEngine, type LmsEngine as Engine } from '../../src/main/host/open-engine'
import { joinHandlers } from '../../src/main/engine/handlers'
import { indexOperations, operations, operationsByName, type AnyOperation } from '../../src/shared/operations/index'
import { clientOf, count, err, ok, openTestEngine, removeDir, tempDir, validCourse, validUser, type GroupCall, type OpenedTestEngine } from './helpers'

const opened: OpenedTestEngine[] = []
afterEach(() => {
  while (opened.length) opened.pop()?.dispose()
})
async function engineFor(demo = false): Promise<OpenedTestEngine> {
  const t = await openTestEngine({ demo })
  opened.push(t)
  return t
}

function failChangeRecords(engine: Engine): void {
  engine.sql.raw.exec("CREATE TRIGGER boom BEFORE INSERT ON change_records BEGIN SELECT RAISE(ABORT, 'boom'); END")
}

describe('one transaction for the data and its change record', () => {
  it('a failing change record insert leaves no user, no audit entry and answers 500', async () => {
    const t = await engineFor()
    failChangeRecords(t.engine)
    const password = 'never-in-the-log-1'
    const e = t.fails('users.create', validUser({ password, password_confirmation: password }))
    expect(e).toEqual({ code: 'internal', status: 500, message: 'The operation failed inside the engine; nothing was saved.' })
    expect(count(t.engine, 'users')).toBe(0)
    expect(count(t.engine, 'audit_activities')).toBe(0)
    expect(count(t.engine, 'change_records')).toBe(0)
    // The failure is logged with the operation, never with the input (it holds a password).
    expect(t.logs.join('\n')).toContain('users.create failed')
    expect(t.logs.join('\n')).not.toContain(password)

    // The engine keeps answering, and works again once the fault is gone.
    t.engine.sql.raw.exec('DROP TRIGGER boom')
    const { id } = t.call('users.create', validUser())
    expect(count(t.engine, 'users')).toBe(1)
    expect(count(t.engine, 'change_records', 'local_id = ?', id)).toBe(1)
  })

  it('a failure on the second enrollment of a call undoes the first, its activity and its record', async () => {
    const t = await engineFor()
    const a = t.call('users.create', validUser()).id
    const b = t.call('users.create', validUser()).id
    const course = t.call('courses.create', validCourse()).id
    const before = { changes: count(t.engine, 'change_records'), activities: count(t.engine, 'course_activities') }
    // Fail only the second change record of the next call.
    t.engine.sql.raw.exec(
      `CREATE TRIGGER boom BEFORE INSERT ON change_records WHEN (SELECT count(*) FROM change_records) >= ${before.changes + 1}
       BEGIN SELECT RAISE(ABORT, 'boom'); END`,
    )
    expect(t.fails('courses.enroll', { id: course, studentIds: [a, b] }).status).toBe(500)
    expect(count(t.engine, 'enrollments')).toBe(0)
    expect(count(t.engine, 'course_activities')).toBe(before.activities)
    expect(count(t.engine, 'change_records')).toBe(before.changes)
  })

  it('a failing course update keeps the old course', async () => {
    const t = await engineFor(true)
    failChangeRecords(t.engine)
    expect(t.fails('courses.update', { id: 1, ...validCourse({ name: 'Renamed', slug: 'course-1' }) }).status).toBe(500)
    expect(t.call('courses.get', { id: 1 }).name).toBe('course 1')
    expect(count(t.engine, 'audit_activities', "action = 'Updated'")).toBe(0)
  })
})

describe('schema versions', () => {
  it('refuses a database written by a newer app and leaves the file untouched', async () => {
    const dir = tempDir()
    try {
      const engine = await openLmsEngine({ dataDir: dir, demo: true })
      const columns = (engine.sql.raw.prepare('PRAGMA table_info(kysely_migration)').all() as { name: string }[]).map((c) => c.name)
      expect(columns).toEqual(expect.arrayContaining(['name', 'timestamp']))
      engine.sql.raw.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999_from_the_future', new Date(0).toISOString())
      engine.close()

      const file = path.join(dir, DATABASE_FILE)
      const digest = () => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
      const before = digest()
      const error = await openLmsEngine({ dataDir: dir }).then(
        () => expect.fail('opened a database from the future'),
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(SchemaTooNewError)
      expect((error as Error).message).toContain('9999_from_the_future')
      expect(digest()).toBe(before)
    } finally {
      removeDir(dir)
    }
  })

  it('reopens its own database and keeps the data', async () => {
    const dir = tempDir()
    try {
      const first = await openLmsEngine({ dataDir: dir })
      const { id } = clientOf(first).call('users.create', validUser({ firstName: 'Kept' }))
      first.close()
      const second = await openLmsEngine({ dataDir: dir })
      expect(clientOf(second).call('users.get', { id }).firstName).toBe('Kept')
      expect(second.pendingChanges()).toBe(1)
      // A closed engine answers instead of throwing.
      second.close()
      expect(clientOf(second).fails('users.get', { id }).code).toBe('unavailable')
    } finally {
      removeDir(dir)
    }
  })

  it('refuses to seed the demo world into a real site folder', async () => {
    const dir = tempDir()
    try {
      ;(await openLmsEngine({ dataDir: dir })).close()
      await expect(openLmsEngine({ dataDir: dir, demo: true })).rejects.toThrow(/real site/)
    } finally {
      removeDir(dir)
    }
  })
})

describe('registry consistency', () => {
  it('indexes every declared operation once', () => {
    expect(operationsByName.size).toBe(operations.length)
  })

  it('refuses an operation name declared twice', () => {
    const list = [...operations, operations[0]] as readonly AnyOperation[]
    expect(() => indexOperations(list)).toThrow(`Operation "${operations[0].name}" is declared twice`)
  })

  it('refuses a declared operation without a handler, a name handled twice and a handler without a declaration', () => {
    const noop = () => null
    expect(() => joinHandlers(['a.one', 'a.two'], [{ 'a.one': noop }])).toThrow('Operation "a.two" has no handler')
    expect(() => joinHandlers(['a.one'], [{ 'a.one': noop }, { 'a.one': noop }])).toThrow('Operation "a.one" has two handlers')
    expect(() => joinHandlers(['a.one'], [{ 'a.one': noop, 'a.extra': noop }])).toThrow('Handler "a.extra" has no declared operation')
    expect(() => joinHandlers(['a.one'], [{ 'a.one': 'not a function' }])).toThrow('Handler for "a.one" is not a function')
    expect(joinHandlers(['a.one'], [{ 'a.one': noop }]).get('a.one')).toBe(noop)
  })

  it('declares sync metadata for every documented write and documented routes for every documented read', () => {
    // Local-only app writes (grading drafts), the upload (its file travels with the
    // submission that names it) and two-factor set-up (a secret is this device's; the hosted
    // LMS makes its own when 2FA is set up there) queue nothing; every other documented write must.
    const localOnly = new Set(['assignments.upload', 'twoFactor.prepare', 'twoFactor.confirm', 'twoFactor.disable'])
    for (const op of operations) {
      if (op.kind === 'write' && op.route !== null && !localOnly.has(op.name)) expect(op.sync, op.name).not.toBeNull()
      if (op.route !== null) expect(op.route, op.name).toMatch(/^api\//)
    }
  })
})

describe('calls grouped into one commit (Engine.invokeGroup, as the worker runs a busy queue)', () => {
  it('each write keeps its own outcome: one that fails halfway leaves nothing, the others are saved and survive a reopen', async () => {
    const t = await engineFor()
    // Fails the change record of one create only: that write fails after its user row was inserted.
    t.engine.sql.raw.exec("CREATE TRIGGER boom BEFORE INSERT ON change_records WHEN NEW.input LIKE '%boom.test%' BEGIN SELECT RAISE(ABORT, 'boom'); END")
    const [a, b] = [validUser(), validUser()]
    const answers = await Promise.all(
      t.engine.invokeGroup([
        { name: 'users.create', input: a },
        { name: 'users.create', input: validUser({ email: 'halfway@boom.test' }) },
        // Sees the first create of its own group: the email is taken.
        { name: 'users.create', input: validUser({ email: a.email }) },
        { name: 'users.create', input: b },
        { name: 'users.tabularList', input: { search_param: { nameOrEmail: a.email } } },
      ] satisfies GroupCall[]),
    )
    ok(answers[0])
    expect(err(answers[1])).toMatchObject({ status: 500 })
    expect(err(answers[2])).toMatchObject({ status: 422, fields: { email: [expect.stringMatching(/taken/i)] } })
    ok(answers[3])
    expect(ok<{ recordsFiltered: number }>(answers[4]).recordsFiltered).toBe(1)
    expect(count(t.engine, 'users', 'email = ?', 'halfway@boom.test')).toBe(0)

    const dir = t.dir
    t.engine.close()
    const reopened = await openLmsEngine({ dataDir: dir, log: () => undefined })
    try {
      for (const email of [a.email, b.email]) expect(count(reopened, 'users', 'email = ?', email)).toBe(1)
      expect(count(reopened, 'change_records', "operation = 'users.create'")).toBe(2)
    } finally {
      reopened.close()
    }
  })

  it('the same Idempotency-Key twice in one group writes once and answers the first response again', async () => {
    const t = await engineFor()
    const user = validUser()
    const meta = { idempotencyKey: 'group-key-1' }
    const [first, again] = await Promise.all(
      t.engine.invokeGroup([
        { name: 'users.create', input: user, meta },
        { name: 'users.create', input: user, meta },
      ] satisfies GroupCall[]),
    )
    expect(ok(again)).toEqual(ok(first))
    expect(count(t.engine, 'users', 'email = ?', user.email)).toBe(1)
  })
})
